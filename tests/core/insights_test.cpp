// Insights: association rules, A/B tests, clusters, titles. Figures derived by hand in the
// comments; the oracle comparisons against arules' definitions, scipy, statsmodels and sklearn
// are in tests/oracle/insights_check.py.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <optional>
#include <string>
#include <tuple>

#include "core/insights/abtest.h"
#include "core/insights/clusters.h"
#include "core/insights/recommend.h"
#include "core/insights/rules.h"
#include "core/insights/titles.h"
#include "core/store/store.h"
#include "fixture.h"

using namespace shopkeeper;
using namespace shopkeeper::insights;

namespace {

Baskets baskets(const char* text) {
  auto b = parse_baskets(text);
  REQUIRE_MESSAGE(b.ok(), (b.ok() ? "" : b.error().message));
  return std::move(*b);
}

RuleQuery query(const char* supp, const char* conf) {
  RuleQuery q;
  q.min_support = *parse_fraction(supp);
  q.min_confidence = *parse_fraction(conf);
  return q;
}

std::string rule_text(const Baskets& b, const Rule& r) { return itemset_label(b, r.lhs) + "=>" + itemset_label(b, {r.rhs}); }

std::string error_of(const char* text) {
  auto b = parse_baskets(text);
  return b.ok() ? std::string() : b.error().message;
}

}  // namespace

TEST_SUITE("insights") {
  TEST_CASE("parse_fraction reads plain decimals exactly") {
    CHECK(*parse_fraction("0.5") == Fraction{1, 2});
    CHECK(*parse_fraction("0.07") == Fraction{7, 100});
    CHECK(*parse_fraction(".001") == Fraction{1, 1000});
    CHECK(*parse_fraction("1") == Fraction{1, 1});
    CHECK(*parse_fraction("1.250") == Fraction{5, 4});
    CHECK_FALSE(parse_fraction("1e-3").ok());
    CHECK_FALSE(parse_fraction("-0.1").ok());
    CHECK_FALSE(parse_fraction("").ok());
    CHECK_FALSE(parse_fraction(".").ok());
    CHECK_FALSE(parse_fraction("0.1.2").ok());
  }

  TEST_CASE("baskets: items exactly as written, quotes, bad input named by line") {
    Baskets b = baskets(" a,b\n\"c,d\",b\n");
    // Items " a", "b", "c,d" in byte order: " a" (space first), "b", "c,d".
    REQUIRE(b.items.size() == 3);
    CHECK(b.items[0] == " a");
    CHECK(b.items[1] == "b");
    CHECK(b.items[2] == "c,d");
    CHECK(b.size() == 2);
    CHECK(error_of("a,b\n\nc\n").find("line 2: empty basket") != std::string::npos);
    CHECK(error_of("a,,b\n").find("line 1, item 2: empty item") != std::string::npos);
    CHECK(error_of("a,b\nc,b,c\n").find("line 2, item 3: \"c\" appears twice") != std::string::npos);
    CHECK(error_of("").find("no baskets") != std::string::npos);
    CHECK(error_of("a,\"b\n").find("never closed") != std::string::npos);
    // One-item baskets are baskets (they count in N, as in arules).
    Baskets one = baskets("a\nb\na,b\n");
    CHECK(one.size() == 3);
    CHECK(one.one_item == 2);
  }

  // Baskets {a,b} {a,b,c} {a,c} {b}: N = 4; counts a 3, b 3, c 2, ab 2, ac 2, bc 1, abc 1.
  // Support 0.5 -> count >= 2: frequent a, b, c, ab, ac.
  // Confidence 0.6 (count x 5 >= 3 x lhs count): {}=>a 3/4, {}=>b 3/4 ({}=>c 2/4 fails),
  // a=>b 2/3, b=>a 2/3, a=>c 2/3, c=>a 2/2.
  // Lift: a=>c (2/3)/(2/4) = 4/3, c=>a 1/(3/4) = 4/3, {}=>a = {}=>b = 1, a=>b = b=>a = 8/9.
  TEST_CASE("rules of a hand example, arules' figures and order") {
    Baskets b = baskets("a,b\na,b,c\na,c\nb\n");
    auto r = mine_rules(b, query("0.5", "0.6"));
    REQUIRE(r.ok());
    CHECK(r->transactions == 4);
    CHECK(r->min_count == 2);
    REQUIRE(r->rules.size() == 6);
    // lift desc, support desc, lhs, rhs: the two 4/3 rules tie on support (2/4): lhs {a} < {c}.
    CHECK(rule_text(b, r->rules[0]) == "{a}=>{c}");
    CHECK(rule_text(b, r->rules[1]) == "{c}=>{a}");
    CHECK(rule_text(b, r->rules[2]) == "{}=>{a}");
    CHECK(rule_text(b, r->rules[3]) == "{}=>{b}");
    CHECK(rule_text(b, r->rules[4]) == "{a}=>{b}");
    CHECK(rule_text(b, r->rules[5]) == "{b}=>{a}");
    const Rule& ac = r->rules[0];
    CHECK(ac.count == 2);
    CHECK(ac.support == doctest::Approx(0.5));
    CHECK(ac.confidence == doctest::Approx(2.0 / 3));
    CHECK(ac.lift == doctest::Approx(4.0 / 3));
    CHECK(ac.leverage == doctest::Approx(0.5 - 0.75 * 0.5));  // 0.125
    CHECK(ac.conviction == doctest::Approx((1 - 0.5) / (1 - 2.0 / 3)));  // 1.5
    CHECK(std::isinf(r->rules[1].conviction));  // confidence 1
    CHECK(r->rules[2].lift == doctest::Approx(1.0));
  }

  // The sliced job the UI runs: 45,000 baskets (a, b, c in turn, {a,b} every third) take three
  // counting and three ranking slices of 20,000, one tree step, one mining step per frequent
  // item, one rules slice and the sort; the result is mine_rules' to the last figure.
  TEST_CASE("rule job: steps with rising progress give mine_rules' result") {
    std::string text;
    for (int i = 0; i < 45000; ++i) text += i % 3 == 0 ? "a,b\n" : i % 3 == 1 ? "b,c\n" : "c\n";
    auto b = parse_baskets(text);
    REQUIRE(b.ok());
    RuleQuery q;
    q.min_support = {1, 10};
    q.min_confidence = {1, 10};
    q.prune = true;
    RuleJob job(*b, q);
    int steps = 0;
    double last = 0;
    while (!job.done()) {
      job.step();
      ++steps;
      CHECK(job.progress() >= last);
      last = job.progress();
    }
    CHECK(last == 1.0);
    // count 3 + base 3 + tree 1 + mine 3 (a, b, c frequent) + rules 1 + sort 1.
    CHECK(steps == 12);
    auto r = job.take();
    auto ref = mine_rules(*b, q);
    REQUIRE(r.ok());
    REQUIRE(ref.ok());
    REQUIRE(r->rules.size() == ref->rules.size());
    CHECK(r->rules.size() > 0);
    for (size_t i = 0; i < r->rules.size(); ++i) {
      CHECK(r->rules[i].lhs == ref->rules[i].lhs);
      CHECK(r->rules[i].rhs == ref->rules[i].rhs);
      CHECK(r->rules[i].count == ref->rules[i].count);
    }
    CHECK(r->pruned == ref->pruned);
    // Errors come out of take() after the first step.
    q.min_support = {0, 1};
    RuleJob bad(*b, q);
    CHECK(bad.done());
    auto e = bad.take();
    REQUIRE_FALSE(e.ok());
    CHECK(e.error().message == "minimum support must be above 0");
  }

  TEST_CASE("itemsets by support desc then items; max length") {
    Baskets b = baskets("a,b\na,b,c\na,c\nb\n");
    RuleQuery q = query("0.5", "0");
    q.rules = false;
    auto r = mine_rules(b, q);
    REQUIRE(r.ok());
    REQUIRE(r->itemsets.size() == 5);
    CHECK(itemset_label(b, r->itemsets[0].items) == "{a}");  // 3
    CHECK(itemset_label(b, r->itemsets[1].items) == "{b}");  // 3
    CHECK(itemset_label(b, r->itemsets[2].items) == "{a,b}");  // 2, {a,b} < {a,c} < {c}
    CHECK(itemset_label(b, r->itemsets[3].items) == "{a,c}");
    CHECK(itemset_label(b, r->itemsets[4].items) == "{c}");
    q.max_len = 1;
    auto r1 = mine_rules(b, q);
    REQUIRE(r1.ok());
    CHECK(r1->itemsets.size() == 3);
  }

  // Same baskets, prune: a=>b (2/3) is redundant by {}=>b (3/4), b=>a by {}=>a (3/4);
  // a=>c (2/3) beats {}=>c (1/2) and c=>a (1) beats {}=>a: kept.
  TEST_CASE("redundancy pruning against sub-rules, the empty left side included") {
    Baskets b = baskets("a,b\na,b,c\na,c\nb\n");
    RuleQuery q = query("0.5", "0.6");
    q.prune = true;
    auto r = mine_rules(b, q);
    REQUIRE(r.ok());
    CHECK(r->pruned == 2);
    REQUIRE(r->rules.size() == 4);
    CHECK(rule_text(b, r->rules[0]) == "{a}=>{c}");
    CHECK(rule_text(b, r->rules[1]) == "{c}=>{a}");
    CHECK(rule_text(b, r->rules[2]) == "{}=>{a}");
    CHECK(rule_text(b, r->rules[3]) == "{}=>{b}");
  }

  // Longer lhs: baskets xyz x3, xy x1, z x1 (N 5). Rule {x,y}=>z: 3/4; {x}=>z 3/4 (equal:
  // redundant), {y}=>z 3/4. With an extra basket "x,z" the sub-rule {x}=>z becomes 4/5 > 3/4.
  TEST_CASE("pruning compares with every strict subset") {
    Baskets b = baskets("x,y,z\nx,y,z\nx,y,z\nx,y\nz\nx,z\n");
    RuleQuery q = query("0.1", "0.7");
    q.prune = true;
    auto r = mine_rules(b, q);
    REQUIRE(r.ok());
    for (const Rule& x : r->rules) CHECK(rule_text(b, x) != "{x,y}=>{z}");
    RuleQuery q2 = query("0.1", "0.7");
    auto all = mine_rules(b, q2);
    REQUIRE(all.ok());
    bool found = false;
    for (const Rule& x : all->rules) found |= rule_text(b, x) == "{x,y}=>{z}";
    CHECK(found);
  }

  // 100 baskets, item x in 7 of them: in doubles 0.07 x 100 = 7.000000000000001, so a
  // floating-point threshold would drop x; the exact one keeps it (7 x 100 >= 7 x 100).
  TEST_CASE("support threshold is exact at the boundary") {
    std::string text;
    for (int i = 0; i < 100; ++i) text += i < 7 ? "x,y\n" : "y\n";
    Baskets b = baskets(text.c_str());
    RuleQuery q = query("0.07", "0");
    q.rules = false;
    auto r = mine_rules(b, q);
    REQUIRE(r.ok());
    CHECK(r->min_count == 7);
    CHECK(r->itemsets.size() == 3);  // y, x, {x,y}
    q.min_support = *parse_fraction("0.0701");
    auto r2 = mine_rules(b, q);
    REQUIRE(r2.ok());
    CHECK(r2->itemsets.size() == 1);  // y only
  }

  TEST_CASE("confidence and lift thresholds are exact") {
    // {a}=>{b}: 2/3 with baskets ab ab a b: N 4, count a 3, b 3, ab 2; lift (2/3)/(3/4) = 8/9.
    Baskets b = baskets("a,b\na,b\na\nb\n");
    auto has = [&](const RuleQuery& q, const char* rule) {
      auto r = mine_rules(b, q);
      REQUIRE(r.ok());
      for (const Rule& x : r->rules)
        if (rule_text(b, x) == rule) return true;
      return false;
    };
    RuleQuery q = query("0.5", "0.6666666666666667");  // just above 2/3
    CHECK_FALSE(has(q, "{a}=>{b}"));
    q.min_confidence = *parse_fraction("0.6666666666666666");
    CHECK(has(q, "{a}=>{b}"));
    q.min_lift = Fraction{8, 9};
    CHECK(has(q, "{a}=>{b}"));
    q.min_lift = *parse_fraction("0.8888888888888889");
    CHECK_FALSE(has(q, "{a}=>{b}"));
  }

  TEST_CASE("bad thresholds and too many itemsets") {
    Baskets b = baskets("a,b\n");
    CHECK_FALSE(mine_rules(b, query("0", "0.5")).ok());
    CHECK_FALSE(mine_rules(b, query("1.5", "0.5")).ok());
    CHECK_FALSE(mine_rules(b, query("0.5", "1.1")).ok());
    // One basket of 30 items at support 1: 2^30 itemsets, capped by max_len 10 and the limit.
    std::string text;
    for (int i = 0; i < 30; ++i) text += (i ? "," : "") + std::to_string(100 + i);
    Baskets big = baskets(text.c_str());
    RuleQuery q = query("1", "0");
    q.rules = false;
    q.max_itemsets = 10000;
    auto r = mine_rules(big, q);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().message.find("more than 10000 frequent itemsets") != std::string::npos);
    // A basket cap of 5 items: the most frequent 5 (all equal here, so the first 5 ids).
    q.max_basket_items = 5;
    auto c = mine_rules(big, q);
    REQUIRE(c.ok());
    CHECK(c->capped == 1);
    CHECK(c->itemsets.size() == 31);  // 2^5 - 1
  }

  TEST_CASE("store baskets: valid orders, distinct SKUs or categories, unknown SKUs left out") {
    auto s = Store::open_memory();
    REQUIRE(s.ok());
    Status st = s->write([](Writer& w) -> Status {
      auto product = [&](const char* sku, const char* cat) {
        Product p;
        p.sku = sku;
        p.category = cat;
        p.list_price = 1000;
        return w.put(p);
      };
      if (auto r = product("T1", "tea"); !r) return r;
      if (auto r = product("T2", "tea"); !r) return r;
      if (auto r = product("M1", "ware"); !r) return r;
      auto order = [&](const char* id, const char* at, OrderStatus status) {
        Order o;
        o.id = id;
        o.placed_at = *parse_timestamp(at);
        o.status = status;
        o.items_amount = 1000;
        o.paid_amount = 1000;
        return w.add_order(o);
      };
      auto line = [&](const char* order, int no, const char* sku) { return w.put(OrderLine{order, no, sku, "", 1, 1000, 0, std::nullopt}); };
      using S = OrderStatus;
      if (auto r = order("O1", "2025-03-10 10:00", S::completed); !r) return r.error();
      if (auto r = line("O1", 1, "T1"); !r) return r;
      if (auto r = line("O1", 2, "T2"); !r) return r;
      if (auto r = line("O1", 3, "M1"); !r) return r;
      if (auto r = order("O2", "2025-03-11 10:00", S::completed); !r) return r.error();
      if (auto r = line("O2", 1, "T1"); !r) return r;
      if (auto r = line("O2", 2, "T1"); !r) return r;  // same SKU twice: one item
      if (auto r = line("O2", 3, "GIFT"); !r) return r;  // not in products
      if (auto r = order("O3", "2025-03-12 10:00", S::cancelled); !r) return r.error();
      if (auto r = line("O3", 1, "M1"); !r) return r;
      if (auto r = order("O4", "2025-03-13 10:00", S::completed); !r) return r.error();
      if (auto r = line("O4", 1, "GIFT"); !r) return r;  // no known item: not a basket
      return Ok{};
    });
    REQUIRE_MESSAGE(st.ok(), (st.ok() ? "" : st.error().message));
    auto ds = load_dataset(*s);
    REQUIRE(ds.ok());
    StoreBaskets sku = store_baskets(*ds, BasketQuery{});
    CHECK(sku.orders == 3);  // O1, O2, O4 (O3 cancelled)
    CHECK(sku.unknown_lines == 2);
    REQUIRE(sku.baskets.size() == 2);
    CHECK(sku.baskets.items == std::vector<std::string>{"M1", "T1", "T2"});
    CHECK(sku.baskets.begin == std::vector<uint32_t>{0, 3, 4});
    BasketQuery cq;
    cq.level = BasketLevel::category;
    StoreBaskets cat = store_baskets(*ds, cq);
    CHECK(cat.baskets.items == std::vector<std::string>{"tea", "ware"});
    CHECK(cat.baskets.begin == std::vector<uint32_t>{0, 2, 3});  // {tea, ware}, {tea}
    cq.range = DayRange{days_from_civil(2025, 3, 11), days_from_civil(2025, 3, 13)};
    CHECK(store_baskets(*ds, cq).baskets.size() == 1);
  }

  // [[1, 3], [3, 1]]: margins 4/4, column 4; P(x) = C(4,x)^2 / 70 = 1, 16, 36, 16, 1 (/70).
  // Observed x = 1 (16/70); tables at most as likely: x = 0, 1, 3, 4 -> 34/70.
  TEST_CASE("Fisher's exact test, two-sided, by hand") {
    CHECK(fisher_two_sided(1, 3, 3, 1) == doctest::Approx(34.0 / 70).epsilon(1e-12));
    CHECK(fisher_two_sided(2, 2, 2, 2) == doctest::Approx(1.0));  // the mode itself
    // [[0, 4], [4, 0]]: x = 0 has 1/70 and so has x = 4: 2/70.
    CHECK(fisher_two_sided(0, 4, 4, 0) == doctest::Approx(2.0 / 70).epsilon(1e-12));
  }

  // X ~ Beta(1, 2) (A: 0 of 1), Y ~ Beta(2, 1) (B: 1 of 1): P(Y > X) = int_0^1 2y (2y - y^2) dy
  // = 4/3 - 1/2 = 5/6; E[max(Y - X, 0)] = int_0^1 4y (y^2/2 - y^3/6) dy = 1/2 - 2/15 = 11/30;
  // E[max(X - Y, 0)] = 11/30 - (E[Y] - E[X]) = 11/30 - 1/3 = 1/30.
  TEST_CASE("Bayesian figures in closed form, by hand") {
    CHECK(prob_beta_greater(2, 1, 1, 2) == doctest::Approx(5.0 / 6).epsilon(1e-12));
    CHECK(prob_beta_greater(5, 7, 5, 7) == doctest::Approx(0.5).epsilon(1e-12));  // same posterior
    AbInput in;
    in.a_visitors = 1;
    in.a_conversions = 0;
    in.b_visitors = 1;
    in.b_conversions = 1;
    auto r = ab_test(in);
    REQUIRE(r.ok());
    CHECK(r->prob_b_beats_a == doctest::Approx(5.0 / 6).epsilon(1e-12));
    CHECK(r->expected_loss_a == doctest::Approx(11.0 / 30).epsilon(1e-12));
    CHECK(r->expected_loss_b == doctest::Approx(1.0 / 30).epsilon(1e-12));
  }

  // A 100 / 1000, B 130 / 1000. Pooled p = 0.115, se = sqrt(0.115 x 0.885 x 0.002) = 0.0142671,
  // z = 0.03 / se = 2.10274, p = 2 (1 - Phi(z)) = 0.03549. Wilson at 95 %: z = 1.959964,
  // A: centre (0.1 + z^2/2000) / (1 + z^2/1000) = 0.101535, half 0.018621 -> [0.08291, 0.12015].
  // Cohen's h = 2 asin sqrt 0.13 - 2 asin sqrt 0.1 = 0.094225; n per arm = 2 ((1.959964 +
  // 0.841621) / h)^2 = 1768.1 (the far tail adds nothing visible) -> 1769; B needs 769 more.
  TEST_CASE("A/B test of conversion: z-test, Wilson, sample size, verdict") {
    AbInput in;
    in.a_visitors = 1000;
    in.a_conversions = 100;
    in.b_visitors = 1000;
    in.b_conversions = 130;
    auto r = ab_test(in);
    REQUIRE(r.ok());
    CHECK(r->z == doctest::Approx(2.10274).epsilon(1e-5));
    CHECK(r->z_p_value == doctest::Approx(0.03549).epsilon(1e-3));
    CHECK(r->a.wilson_lo == doctest::Approx(0.08291).epsilon(1e-4));
    CHECK(r->a.wilson_hi == doctest::Approx(0.12015).epsilon(1e-4));
    CHECK(r->effect_size_h == doctest::Approx(0.094225).epsilon(1e-5));
    CHECK(r->sample_size_per_arm == 1769);
    CHECK(r->more_visitors_b == 769);
    CHECK(r->peeking);
    CHECK(r->verdict == AbVerdict::b_better);  // significant at 5 % though before the planned sample
    // Sample-ratio mismatch: 1100 / 900 against 50 / 50: chi2 = 2 x 100^2 / 1000 = 20.
    in.a_visitors = 1100;
    in.b_visitors = 900;
    auto s = ab_test(in);
    REQUIRE(s.ok());
    CHECK(s->srm_chi2 == doctest::Approx(20.0));
    CHECK(s->srm_p_value < 1e-5);
    CHECK(s->verdict == AbVerdict::invalid_split);
  }

  TEST_CASE("A/B test: Welch's t-test by hand and bad input") {
    // A: 1, 2, 3 (mean 2, var 1); B: 2, 4, 6 (mean 4, var 4). se = sqrt(1/3 + 4/3) = 1.290994,
    // t = 2 / se = 1.549193; df = (5/3)^2 / ((1/3)^2/2 + (4/3)^2/2) = 2.777778 / 0.944444 = 2.941176.
    AbInput in;
    in.a_visitors = 3;
    in.a_conversions = 1;
    in.b_visitors = 3;
    in.b_conversions = 2;
    in.a_revenue = {1, 2, 3};
    in.b_revenue = {2, 4, 6};
    auto r = ab_test(in);
    REQUIRE(r.ok());
    REQUIRE(r->welch.has_value());
    CHECK(r->welch->t == doctest::Approx(1.549193).epsilon(1e-6));
    CHECK(r->welch->df == doctest::Approx(2.941176).epsilon(1e-6));
    in.a_visitors = 0;
    CHECK(ab_test(in).error().message.find("no visitors") != std::string::npos);
    in.a_visitors = 3;
    in.b_conversions = 4;
    CHECK(ab_test(in).error().message.find("more conversions") != std::string::npos);
  }

  // Points (0,0) (0,1) | (10,10) (10,11): centres (0, 0.5), (10, 10.5), inertia 4 x 0.25 = 1.
  // Silhouette of (0,0): a = 1, b = (sqrt 200 + sqrt 221) / 2 = 14.504; s = 1 - 1/14.504 = 0.931054;
  // of (0,1): a = 1, b = (sqrt 181 + sqrt 200) / 2 = 13.798; s = 0.927526; (10,11) and (10,10)
  // mirror them: mean 0.929290.
  TEST_CASE("k-means and silhouette of two obvious groups") {
    const std::vector<double> x = {0, 0, 0, 1, 10, 10, 10, 11};
    KMeansFit f = kmeans(x, 4, 2, 2, 5, 3);
    CHECK(f.inertia == doctest::Approx(1.0));
    CHECK(f.label[0] == f.label[1]);
    CHECK(f.label[2] == f.label[3]);
    CHECK(f.label[0] != f.label[2]);
    const double s00 = 1 - 1 / ((std::sqrt(200.0) + std::sqrt(221.0)) / 2);
    const double s01 = 1 - 1 / ((std::sqrt(181.0) + std::sqrt(200.0)) / 2);
    CHECK(silhouette(x, 2, f.label, 2, {}) == doctest::Approx((s00 + s01) / 2).epsilon(1e-12));
    CHECK((s00 + s01) / 2 == doctest::Approx(0.929290).epsilon(1e-6));
  }

  TEST_CASE("customer features and cluster errors") {
    auto s = Store::open_memory();
    REQUIRE(s.ok());
    Status st = s->write([](Writer& w) -> Status {
      Product p;
      p.sku = "T1";
      p.category = "tea";
      p.list_price = 1000;
      if (auto r = w.put(p); !r) return r;
      p.sku = "M1";
      p.category = "ware";
      if (auto r = w.put(p); !r) return r;
      for (const char* id : {"C1", "C2"}) {
        Customer c;
        c.id = id;
        if (auto r = w.put(c); !r) return r;
      }
      auto order = [&](const char* id, const char* cust, const char* at, Money discount, Money paid) {
        Order o;
        o.id = id;
        o.customer_id = cust;
        o.placed_at = *parse_timestamp(at);
        o.status = OrderStatus::completed;
        o.items_amount = paid + discount;
        o.discount_amount = discount;
        o.paid_amount = paid;
        return w.add_order(o);
      };
      if (auto r = order("O1", "C1", "2025-03-01 10:00", 0, 3000); !r) return r.error();
      if (auto r = w.put(OrderLine{"O1", 1, "T1", "", 3, 1000, 0, std::nullopt}); !r) return r;
      if (auto r = order("O2", "C1", "2025-03-09 10:00", 500, 1500); !r) return r.error();
      if (auto r = w.put(OrderLine{"O2", 1, "M1", "", 1, 1000, 0, std::nullopt}); !r) return r;
      if (auto r = order("O3", "C2", "2025-03-10 10:00", 0, 1000); !r) return r.error();
      if (auto r = w.put(OrderLine{"O3", 1, "T1", "", 1, 1000, 0, std::nullopt}); !r) return r;
      return w.put(Refund{"O3", "T1", 1, 400, "", *parse_timestamp("2025-03-11 10:00")});
    });
    REQUIRE_MESSAGE(st.ok(), (st.ok() ? "" : st.error().message));
    auto ds = load_dataset(*s);
    REQUIRE(ds.ok());
    Features f = customer_features(*ds);
    REQUIRE(f.rows() == 2);
    REQUIRE(f.cols() == 8);  // 6 + share:tea + share:ware
    CHECK(f.names[6] == "share:tea");
    // C1: last order 03-09, store's last day 03-10 -> recency 2 days; 2 orders; paid 45.00;
    // AOV 22.50; 1 of 2 orders discounted; no refund; tea 3000 of 4000 line revenue.
    const double* c1 = f.raw.data();
    CHECK(c1[0] == doctest::Approx(std::log1p(2.0)));
    CHECK(c1[1] == doctest::Approx(std::log1p(2.0)));
    CHECK(c1[2] == doctest::Approx(std::log1p(45.0)));
    CHECK(c1[3] == doctest::Approx(std::log1p(22.5)));
    CHECK(c1[4] == doctest::Approx(0.5));
    CHECK(c1[5] == doctest::Approx(0.0));
    CHECK(c1[6] == doctest::Approx(0.75));
    // C2: recency 1 day; refund 4.00 of 10.00 paid -> 0.4; standardised: two customers are
    // +-1 on every feature that differs.
    const double* c2 = f.raw.data() + 8;
    CHECK(c2[0] == doctest::Approx(std::log1p(1.0)));
    CHECK(c2[5] == doctest::Approx(0.4));
    CHECK(f.z[0] == doctest::Approx(1.0));
    CHECK(f.z[8] == doctest::Approx(-1.0));
    ClusterQuery q;
    q.k = 3;
    CHECK(cluster_customers(*ds, q).error().message.find("more than the 2 customers") != std::string::npos);
    q.k = 0;
    CHECK_FALSE(cluster_customers(*ds, q).ok());  // choosing k needs 3 customers
    q.k = 2;
    auto r = cluster_customers(*ds, q);
    REQUIRE(r.ok());
    CHECK(r->inertia == doctest::Approx(0.0));
    CHECK(r->clusters.size() == 2);
  }

  TEST_CASE("titles: Taobao length, segmentation, findings") {
    // 10 Chinese characters (20) + "250g" (4) + 2 spaces = 26 bytes.
    CHECK(taobao_length("明前龙井 绿茶 250g") == 4 * 2 + 1 + 2 * 2 + 1 + 4);
    CHECK(taobao_length("【包邮】") == 8);
    // jieba's dictionary has 绿茶 and 礼盒: "绿茶礼盒" -> 绿茶 | 礼盒; "250g" one word.
    CHECK(segment_title("绿茶礼盒 250g") == std::vector<std::string>{"绿茶", "礼盒", "250g"});
    std::vector<TitleInput> in = {
        {"A", "【顶级】绿茶 绿茶 明前龙井 250g", "绿茶"},        // symbols, banned, repeated
        {"B", "明前龙井 礼盒装 250g", "绿茶"},                  // no category word
        {"C", "明前龙井 礼盒装 250g", "绿茶"},                  // same as B
        {"D", "安吉白茶 绿茶 高山有机 春茶 礼盒装 200g 送礼佳品 2025新茶 正品", "绿茶"},
        {"E", "安吉白茶 绿茶 高山有机 春茶 礼盒装 200g 送礼佳品 2025新茶 正", "绿茶"},  // near D
    };
    std::vector<Keyword> kw = {{"明前龙井", 500, 0.05}, {"绿茶 新茶", 300, 0.02}, {"茶具", 900, 0.1}};
    auto r = check_titles(in, kw, default_banned_terms());
    auto has = [&](size_t i, const char* code, const char* p0 = nullptr) {
      for (const TitleFinding& f : r[i].findings)
        if (f.code == code && (!p0 || (!f.params.empty() && f.params[0] == p0))) return true;
      return false;
    };
    CHECK(has(0, "stress_symbols", "【】"));
    CHECK(has(0, "banned_term", "顶级"));
    CHECK(has(0, "repeated_word", "绿茶"));
    CHECK(has(0, "room_unused"));
    CHECK(has(1, "missing_category_word", "绿茶"));
    CHECK(has(1, "duplicate_title", "C"));
    CHECK(has(2, "duplicate_title", "B"));
    CHECK(has(3, "near_duplicate", "E"));
    CHECK(has(4, "near_duplicate", "D"));
    CHECK_FALSE(has(0, "near_duplicate"));
    // Keywords related to A: 明前龙井 (in the title) and 绿茶 新茶 (contains the category):
    // covered 500 x 0.05 = 25 of 25 + 300 x 0.02 = 31 -> 25/31; 茶具 is unrelated.
    CHECK(r[0].keyword_coverage == doctest::Approx(25.0 / 31));
    CHECK(has(0, "missing_keyword", "绿茶 新茶"));
    CHECK_FALSE(has(0, "missing_keyword", "茶具"));
    CHECK(r[3].bytes > 60);
    CHECK(has(3, "too_long"));
  }

  // Brand, key attributes and unrelated words (titles.h). Categories: 绿茶 (A, B, C, E: four
  // titled products) and 红茶 (D, G); H has none.
  //  - A: brand 云栖 is in the title, attribute 高山 is, 礼盒 is not -> missing_attribute 礼盒.
  //  - B: brand 示例茶铺 not in the title -> missing_brand.
  //  - C: the word 红茶 is the other category's name -> unrelated_word {红茶, 红茶}.
  //  - E: "lapsang" (an ASCII run, one word) is in 2 红茶 titles (D, G), in no other 绿茶 title
  //    and in no third category -> unrelated_word {lapsang, 红茶}. In D and G it is used by
  //    two titles of their own category: related. 250g starts with a digit: never a word.
  //  - H (no category) uses lapsang too: never checked, and not counted for any category.
  //  - G's 礼盒装 / 礼盒: one 红茶 title and one 绿茶 title (B): used by only 1 title elsewhere.
  TEST_CASE("titles: brand, key attributes and words of another category") {
    std::vector<TitleInput> in = {
        {"A", "云栖 明前龙井 绿茶 高山 250g", "绿茶", "云栖", {"高山", "礼盒"}},
        {"B", "安吉白茶 绿茶 礼盒装", "绿茶", "示例茶铺", {}},
        {"C", "碧螺春 绿茶 红茶 100g", "绿茶"},
        {"D", "lapsang 红茶 250g", "红茶"},
        {"E", "Lapsang 龙井 绿茶", "绿茶"},
        {"G", "lapsang 红茶 礼盒装", "红茶"},
        {"H", "lapsang 杂货", ""},
    };
    auto r = check_titles(in, {}, {});
    auto has = [&](size_t i, const char* code, const char* p0 = nullptr, const char* p1 = nullptr) {
      for (const TitleFinding& f : r[i].findings)
        if (f.code == code && (!p0 || (!f.params.empty() && f.params[0] == p0)) && (!p1 || (f.params.size() > 1 && f.params[1] == p1)))
          return true;
      return false;
    };
    auto count = [&](size_t i, const char* code) {
      return std::count_if(r[i].findings.begin(), r[i].findings.end(), [&](const TitleFinding& f) { return f.code == code; });
    };
    CHECK(has(0, "missing_attribute", "礼盒"));
    CHECK(count(0, "missing_attribute") == 1);
    CHECK_FALSE(has(0, "missing_brand"));
    CHECK(has(1, "missing_brand", "示例茶铺"));
    CHECK(has(2, "unrelated_word", "红茶", "红茶"));
    CHECK(count(2, "unrelated_word") == 1);
    CHECK(has(4, "unrelated_word", "lapsang", "红茶"));  // lower-cased
    CHECK(count(4, "unrelated_word") == 1);
    for (size_t i : {size_t{0}, size_t{1}, size_t{3}, size_t{5}, size_t{6}}) {
      CAPTURE(i);
      CHECK(count(i, "unrelated_word") == 0);
    }
    // With 红茶 as one of C's attributes (the seller says so) the word is related.
    in[2].attributes = {"红茶"};
    r = check_titles(in, {}, {});
    CHECK(count(2, "unrelated_word") == 0);
    // E's category down to 2 other titled products (A, B): still checked (2+ others)...
    in.erase(in.begin() + 2);
    r = check_titles(in, {}, {});
    CHECK(has(3, "unrelated_word", "lapsang", "红茶"));
    // ... and with only one other (A), the own category says too little: not checked.
    in.erase(in.begin() + 1);
    r = check_titles(in, {}, {});
    CHECK(count(2, "unrelated_word") == 0);
  }

  TEST_CASE("titles: brand and tags from the store, split on , ， and 、") {
    CHECK(split_tags(" 高山, 礼盒，有机、高山,, ") == std::vector<std::string>{"高山", "礼盒", "有机"});
    CHECK(split_tags("").empty());
    auto s = Store::open_memory();
    REQUIRE(s.ok());
    Status st = s->write([](Writer& w) -> Status {
      Product p;
      p.sku = "T1";
      p.title = "明前龙井 250g";
      p.category = "绿茶";
      p.brand = " 云栖 ";
      p.tags = "高山,礼盒";
      return w.put(p);
    });
    REQUIRE(st.ok());
    auto a = load_product_attributes(s->db());
    REQUIRE(a.ok());
    REQUIRE(a->size() == 1);
    CHECK((*a)[0].brand == "云栖");
    CHECK((*a)[0].attributes == std::vector<std::string>{"高山", "礼盒"});
    auto ds = load_dataset(*s);
    REQUIRE(ds.ok());
    auto r = check_titles(*ds, *a, {}, {});
    REQUIRE(r.size() == 1);
    // Not in the title: the category word 绿茶, the brand 云栖, the attributes 高山 and 礼盒.
    std::vector<std::string> codes;
    for (const TitleFinding& f : r[0].findings) codes.push_back(f.code + ":" + (f.params.empty() ? "" : f.params[0]));
    CHECK(codes == std::vector<std::string>{"room_unused:13", "missing_category_word:绿茶", "missing_brand:云栖",
                                            "missing_attribute:高山", "missing_attribute:礼盒"});
  }

  TEST_CASE("keyword report: columns by name, percentages, unknown columns refused") {
    auto k = parse_keywords("关键词,访客数,转化率\n绿茶,1200,3.5%\n龙井,80,0.02\n");
    REQUIRE(k.ok());
    REQUIRE(k->size() == 2);
    CHECK((*k)[0].visitors == 1200);
    CHECK((*k)[0].conversion == doctest::Approx(0.035));
    CHECK((*k)[1].conversion == doctest::Approx(0.02));
    auto bad = parse_keywords("keyword,visitors,conversion,clicks\na,1,0.1,5\n");
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().message.find("unknown column \"clicks\"") != std::string::npos);
    CHECK_FALSE(parse_keywords("keyword,visitors,conversion\na,x,0.1\n").ok());
  }

  // Valid baskets: C1 {A,B}, C2 {A,B}, C3 {A,B}, C4 {A}, C5 {C}; O6 {A,B,C} is cancelled.
  // N = 5, baskets A 4, B 3, C 1; together(A,B) = 3: confidence A->B 3/4, B->A 1, lift
  // 3 x 5 / (4 x 3) = 1.25. Bundle A+B: list 10.00 + 20.00 = 30.00, 10 % off = 27.00, cost
  // 4.00 + 8.00 = 12.00, margin 15.00. Recommendations: only C4 (bought A, not B): B, 0.75.
  TEST_CASE("bought together, bundles and recommendations by hand") {
    auto s = Store::open_memory();
    REQUIRE(s.ok());
    Status st = s->write([](Writer& w) -> Status {
      auto product = [&](const char* sku, Money price, std::optional<Money> cost) {
        Product p;
        p.sku = sku;
        p.category = "tea";
        p.list_price = price;
        p.unit_cost = cost;
        return w.put(p);
      };
      if (auto r = product("A", 1000, 400); !r) return r;
      if (auto r = product("B", 2000, 800); !r) return r;
      if (auto r = product("C", 500, std::nullopt); !r) return r;
      int no = 0;
      for (auto [cust, items, status] : std::vector<std::tuple<const char*, std::vector<const char*>, OrderStatus>>{
               {"C1", {"A", "B"}, OrderStatus::completed}, {"C2", {"A", "B"}, OrderStatus::completed},
               {"C3", {"B", "A"}, OrderStatus::completed}, {"C4", {"A"}, OrderStatus::completed},
               {"C5", {"C"}, OrderStatus::completed}, {"C4", {"A", "B", "C"}, OrderStatus::cancelled}}) {
        Customer c;
        c.id = cust;
        if (auto r = w.put(c); !r) return r;
        Order o;
        o.id = "O" + std::to_string(++no);
        o.customer_id = cust;
        o.placed_at = *parse_timestamp("2025-03-10 10:00") + no * 60;
        o.status = status;
        if (auto r = fixture::write_basket(w, o, items); !r) return r;
      }
      return Ok{};
    });
    REQUIRE_MESSAGE(st.ok(), (st.ok() ? "" : st.error().message));
    auto ds = load_dataset(*s);
    REQUIRE(ds.ok());
    auto idx = [&](const char* sku) { return static_cast<int32_t>(std::find(ds->sku.begin(), ds->sku.end(), sku) - ds->sku.begin()); };
    CoQuery q;
    q.min_together = 3;
    q.min_lift = 1.2;
    CoPurchases co = co_purchases(*ds, q);
    CHECK(co.baskets == 5);
    const auto& a = co.by_product[static_cast<size_t>(idx("A"))];
    REQUIRE(a.size() == 1);
    CHECK(a[0].b == idx("B"));
    CHECK(a[0].together == 3);
    CHECK(a[0].confidence == doctest::Approx(0.75));
    CHECK(a[0].lift == doctest::Approx(1.25));
    CHECK(co.by_product[static_cast<size_t>(idx("B"))][0].confidence == doctest::Approx(1.0));
    auto bundles = bundle_suggestions(*ds, co, q);
    REQUIRE(bundles.size() == 1);
    CHECK(bundles[0].items == std::vector<int32_t>{idx("A"), idx("B")});
    CHECK(bundles[0].support == doctest::Approx(0.6));  // 3 of 5 baskets
    CHECK(bundles[0].list_total == 3000);
    CHECK(bundles[0].price == 2700);
    CHECK(bundles[0].cost == 1200);
    CHECK(bundles[0].margin == 1500);
    q.min_lift = 1.3;
    CHECK(bundle_suggestions(*ds, co, q).empty());
    auto rec = recommendations(*ds, co, q);
    REQUIRE(rec.size() == 1);
    CHECK(ds->customer_id[static_cast<size_t>(rec[0].customer)] == "C4");
    CHECK(rec[0].product == idx("B"));
    CHECK(rec[0].score == doctest::Approx(0.75));
    CHECK(rec[0].because == idx("A"));
  }
}
