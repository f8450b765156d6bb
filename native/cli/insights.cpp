// `shopkeeper insights ...`: association rules, A/B tests, customer clusters, listing titles.
//   rules    (--db DIR [--level sku|category] [--from D --to D] | --baskets FILE)
//            --min-support S --min-confidence C [--min-lift L] [--max-len K] [--itemsets] [--prune]
//            [--format csv|json]
//   abtest   --a-visitors N --a-conversions K --b-visitors N --b-conversions K
//            [--a-revenue FILE --b-revenue FILE] [--alpha 0.05] [--power 0.8] [--mde R] [--split 0.5]
//            [--format json]
//   clusters --db DIR [--k K] [--seed S] [--format csv|json]
//   titles   --db DIR [--keywords FILE] [--format csv|json]
// CSV here is plain UTF-8 (no BOM, LF, RFC 4180 quotes, no formula guard: items are printed
// exactly as they are); numbers are the shortest decimal that reads back as the same double.
#include <nlohmann/json.hpp>

#include <charconv>
#include <cmath>
#include <cstdio>
#include <optional>
#include <fstream>
#include <iostream>
#include <sstream>

#include "core/insights/abtest.h"
#include "core/insights/clusters.h"
#include "core/insights/recommend.h"
#include "core/insights/rules.h"
#include "core/insights/titles.h"
#include "core/shops/shops.h"
#include "core/store/dataset.h"
#include "core/store/store.h"
#include "native/cli/commands.h"
#include "native/cli/common.h"

namespace shopkeeper::cli {

namespace {

using json = nlohmann::ordered_json;
using namespace shopkeeper::insights;

std::string num(double v) {
  if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
  if (std::isnan(v)) return "NA";
  char buf[64];
  auto r = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, r.ptr);
}
json jnum(double v) { return std::isfinite(v) ? json(v) : json(nullptr); }



json items_json(const Baskets& b, const std::vector<int32_t>& items) {
  json a = json::array();
  for (int32_t i : items) a.push_back(b.items[static_cast<size_t>(i)]);
  return a;
}

struct RulesArgs {
  std::string db, level = "sku", from, to, baskets, min_support, min_confidence, min_lift, format = "csv";
  int max_len = 10;
  bool itemsets = false, prune = false;
};

int run_rules(const RulesArgs& a) {
  if (a.format != "csv" && a.format != "json") return fail("--format must be csv or json, not \"" + a.format + "\""), 2;
  if (a.db.empty() == a.baskets.empty()) return fail("give either --db DIR or --baskets FILE"), 2;
  RuleQuery q;
  auto s = parse_fraction(a.min_support);
  if (!s) return fail("--min-support: " + s.error().message), 2;
  if (s->num == 0) return fail("--min-support must be above 0 (every itemset would be frequent)"), 2;
  if (s->num > s->den) return fail("--min-support " + a.min_support + " is above 1 (support is a fraction of the baskets)"), 2;
  q.min_support = *s;
  q.rules = !a.itemsets;
  if (!a.itemsets) {
    if (a.min_confidence.empty()) return fail("--min-confidence is required (except with --itemsets)"), 2;
    auto c = parse_fraction(a.min_confidence);
    if (!c) return fail("--min-confidence: " + c.error().message), 2;
    if (c->num > c->den) return fail("--min-confidence " + a.min_confidence + " is above 1"), 2;
    q.min_confidence = *c;
  }
  if (!a.min_lift.empty()) {
    auto l = parse_fraction(a.min_lift);
    if (!l) return fail("--min-lift: " + l.error().message), 2;
    q.min_lift = *l;
  }
  if (a.max_len < 1) return fail("--max-len must be at least 1"), 2;
  q.max_len = a.max_len;
  q.prune = a.prune;

  Baskets baskets;
  if (!a.baskets.empty()) {
    auto b = parse_input(a.baskets, [](const std::string& t) { return parse_baskets(t); });
    if (!b) return fail(b.error().message), 1;
    baskets = std::move(*b);
  } else {
    BasketQuery bq;
    if (a.level == "category") bq.level = BasketLevel::category;
    else if (a.level != "sku") return fail("--level must be sku or category, not \"" + a.level + "\""), 2;
    if (a.from.empty() != a.to.empty()) return fail("give both --from and --to, or neither"), 2;
    if (!a.from.empty()) {
      auto f = parse_day(a.from);
      if (!f) return fail("--from: " + f.error().message), 2;
      auto t = parse_day(a.to);
      if (!t) return fail("--to: " + t.error().message), 2;
      if (*t < *f) return fail("--to " + a.to + " is before --from " + a.from), 2;
      bq.range = DayRange{*f, *t};
    }
    auto store = Store::open(a.db, true);
    if (!store) return fail(store.error().message), 1;
    auto ds = load_dataset(*store);
    if (!ds) return fail(ds.error().message), 1;
    StoreBaskets sb = store_baskets(*ds, bq);
    if (sb.baskets.size() == 0) return fail("no valid orders with known products in the range: no baskets"), 1;
    if (sb.unknown_lines) std::cerr << "shopkeeper: note: " << sb.unknown_lines << " order lines name a SKU not in the products and are left out\n";
    baskets = std::move(sb.baskets);
  }
  if (baskets.one_item == static_cast<int64_t>(baskets.size()))
    std::cerr << "shopkeeper: note: every basket has one item, so no rule has a left side (only {} => {item})\n";
  auto r = mine_rules(baskets, q);
  if (!r) return fail(r.error().message), 1;
  if (r->capped)
    std::cerr << "shopkeeper: note: " << r->capped << " baskets had more than " << q.max_basket_items
              << " frequent items and kept their most frequent " << q.max_basket_items << "\n";

  if (a.itemsets) {
    if (a.format == "csv") {
      std::string out = "items,support,count\n";
      for (const Itemset& s : r->itemsets)
        out += csv_field(itemset_label(baskets, s.items)) + "," + num(s.support) + "," + std::to_string(s.count) + "\n";
      std::cout << out;
    } else {
      json j;
      j["transactions"] = r->transactions;
      j["min_count"] = r->min_count;
      j["capped_baskets"] = r->capped;
      json arr = json::array();
      for (const Itemset& s : r->itemsets)
        arr.push_back({{"items", itemset_label(baskets, s.items)}, {"support", s.support}, {"count", s.count},
                       {"item_list", items_json(baskets, s.items)}});
      j["itemsets"] = arr;
      std::cout << j.dump(2) << "\n";
    }
    return 0;
  }
  if (a.format == "csv") {
    std::string out = "lhs,rhs,support,confidence,lift,leverage,conviction,count\n";
    for (const Rule& x : r->rules) {
      out += csv_field(itemset_label(baskets, x.lhs)) + "," + csv_field(itemset_label(baskets, {x.rhs})) + "," + num(x.support) +
             "," + num(x.confidence) + "," + num(x.lift) + "," + num(x.leverage) + "," + num(x.conviction) + "," +
             std::to_string(x.count) + "\n";
    }
    std::cout << out;
  } else {
    json j;
    j["transactions"] = r->transactions;
    j["min_count"] = r->min_count;
    j["capped_baskets"] = r->capped;
    j["pruned"] = r->pruned;
    json arr = json::array();
    for (const Rule& x : r->rules)
      arr.push_back({{"lhs", itemset_label(baskets, x.lhs)}, {"rhs", itemset_label(baskets, {x.rhs})}, {"support", x.support},
                     {"confidence", x.confidence}, {"lift", x.lift}, {"leverage", x.leverage}, {"conviction", jnum(x.conviction)},
                     {"count", x.count}, {"lhs_items", items_json(baskets, x.lhs)}, {"rhs_item", baskets.items[static_cast<size_t>(x.rhs)]}});
    j["rules"] = arr;
    std::cout << j.dump(2) << "\n";
  }
  return 0;
}


Result<std::vector<double>> read_values(const std::string& path) {
  auto text = read_input(path);
  if (!text) return text.error();
  std::vector<double> v;
  std::istringstream in(*text);
  std::string line;
  int64_t no = 0;
  while (std::getline(in, line)) {
    ++no;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (no == 1 && line.rfind("\xEF\xBB\xBF", 0) == 0) line.erase(0, 3);
    if (line.empty()) continue;
    double x = 0;
    auto r = std::from_chars(line.data(), line.data() + line.size(), x);
    if (r.ec != std::errc() || r.ptr != line.data() + line.size() || !std::isfinite(x))
      return make_error(ErrorCode::parse_error, path + ", line " + std::to_string(no) + ": \"" + line + "\" is not a number (one revenue value per visitor per line)");
    v.push_back(x);
  }
  return v;
}

// The verdict in one English sentence (the UI words it from the same code in ui/i18n).
std::string verdict_sentence(const AbResult& r, double alpha) {
  auto pct = [](double x) {
    char b[32];
    std::snprintf(b, sizeof b, "%.2f%%", x * 100);
    return std::string(b);
  };
  switch (r.verdict) {
    case AbVerdict::invalid_split:
      return "The visitor split is off plan (sample-ratio mismatch, p = " + num(r.srm_p_value) + "): fix the split before reading the result.";
    case AbVerdict::b_better:
      return "B converts better: " + pct(r.b.rate) + " against " + pct(r.a.rate) + ", significant at " + pct(alpha) + " (p = " + num(r.z_p_value) + ").";
    case AbVerdict::a_better:
      return "A converts better: " + pct(r.a.rate) + " against " + pct(r.b.rate) + ", significant at " + pct(alpha) + " (p = " + num(r.z_p_value) + ").";
    case AbVerdict::keep_running:
      return "No significant difference yet: keep the test running, B needs " + std::to_string(r.more_visitors_b) +
             " more visitors to reach the planned " + std::to_string(r.sample_size_per_arm) + " per arm.";
    case AbVerdict::no_difference:
      return "No significant difference at the planned sample size: the variants convert alike.";
  }
  return "";
}

struct AbArgs {
  int64_t av = -1, ac = -1, bv = -1, bc = -1;
  std::string a_rev, b_rev, format = "json";
  double alpha = 0.05, power = 0.8, split = 0.5;
  std::string mde;
};

int run_abtest(const AbArgs& a) {
  if (a.format != "json") return fail("--format must be json, not \"" + a.format + "\""), 2;
  AbInput in;
  in.a_visitors = a.av;
  in.a_conversions = a.ac;
  in.b_visitors = a.bv;
  in.b_conversions = a.bc;
  in.alpha = a.alpha;
  in.power = a.power;
  in.split = a.split;
  if (!a.mde.empty()) {
    double m = 0;
    auto pr = std::from_chars(a.mde.data(), a.mde.data() + a.mde.size(), m);
    if (pr.ec != std::errc() || pr.ptr != a.mde.data() + a.mde.size()) return fail("--mde: \"" + a.mde + "\" is not a number (a relative lift, 0.1 = +10%)"), 2;
    in.mde = m;
  }
  if (a.a_rev.empty() != a.b_rev.empty()) return fail("give both --a-revenue and --b-revenue, or neither"), 2;
  if (!a.a_rev.empty()) {
    auto va = read_values(a.a_rev);
    if (!va) return fail(va.error().message), 1;
    auto vb = read_values(a.b_rev);
    if (!vb) return fail(vb.error().message), 1;
    in.a_revenue = std::move(*va);
    in.b_revenue = std::move(*vb);
    if (static_cast<int64_t>(in.a_revenue.size()) != a.av)
      std::cerr << "shopkeeper: note: " << a.a_rev << " has " << in.a_revenue.size() << " values for " << a.av << " visitors of A\n";
    if (static_cast<int64_t>(in.b_revenue.size()) != a.bv)
      std::cerr << "shopkeeper: note: " << a.b_rev << " has " << in.b_revenue.size() << " values for " << a.bv << " visitors of B\n";
  }
  auto r = ab_test(in);
  if (!r) return fail(r.error().message), 2;
  auto arm = [](const ArmResult& x) {
    return json{{"visitors", x.visitors}, {"conversions", x.conversions}, {"rate", x.rate}, {"wilson", {x.wilson_lo, x.wilson_hi}}};
  };
  json j;
  j["a"] = arm(r->a);
  j["b"] = arm(r->b);
  j["z_test"] = {{"z", jnum(r->z)}, {"p_value", jnum(r->z_p_value)}};
  j["fisher"] = {{"p_value", r->fisher_p_value}};
  j["newcombe"] = {r->newcombe_lo, r->newcombe_hi};
  if (r->welch)
    j["welch"] = {{"t", jnum(r->welch->t)}, {"df", jnum(r->welch->df)}, {"p_value", jnum(r->welch->p_value)},
                  {"n_a", r->welch->n_a}, {"n_b", r->welch->n_b}, {"mean_a", r->welch->mean_a}, {"mean_b", r->welch->mean_b}};
  j["bayes"] = {{"prob_b_beats_a", r->prob_b_beats_a}, {"expected_loss_a", r->expected_loss_a}, {"expected_loss_b", r->expected_loss_b}};
  j["srm"] = {{"chi2", r->srm_chi2}, {"p_value", r->srm_p_value}, {"planned_split", in.split}};
  j["power"] = {{"alpha", in.alpha},
                {"power", in.power},
                {"sample_size_per_arm", r->sample_size_per_arm >= 0 ? json(r->sample_size_per_arm) : json(nullptr)},
                {"mde", jnum(r->mde)},
                {"lift", jnum(r->lift)},
                {"effect_size_h", r->effect_size_h},
                {"sample_size_unrounded", jnum(r->sample_size_exact)},
                {"more_visitors_b", r->more_visitors_b}};
  json warnings = json::array();
  if (r->peeking) warnings.push_back("peeking");
  if (r->small_counts) warnings.push_back("small_counts");
  if (r->srm_p_value < 0.001) warnings.push_back("sample_ratio_mismatch");
  j["verdict"] = verdict_name(r->verdict);
  j["warnings"] = warnings;
  j["sentence"] = verdict_sentence(*r, in.alpha);
  std::cout << j.dump(2) << "\n";
  return 0;
}


std::string trait_english(const Trait& t) {
  if (t.code == "spends_high") return "spends a lot";
  if (t.code == "spends_low") return "spends little";
  if (t.code == "orders_often") return "orders often";
  if (t.code == "orders_rarely") return "orders rarely";
  if (t.code == "recent") return "bought recently";
  if (t.code == "lapsed") return "has not bought for a long time";
  if (t.code == "big_baskets") return "big orders";
  if (t.code == "small_baskets") return "small orders";
  if (t.code == "coupons_often") return "often uses coupons";
  if (t.code == "coupons_rarely") return "rarely uses coupons";
  if (t.code == "refunds_often") return "returns a lot";
  if (t.code == "mostly_category") return "mostly " + (t.param.empty() ? std::string("uncategorised products") : t.param);
  return "close to the average customer";
}

struct ClusterArgs {
  std::string db, format = "csv";
  int k = 0;
  uint64_t seed = 1;
};

int run_clusters(const ClusterArgs& a) {
  if (a.format != "csv" && a.format != "json") return fail("--format must be csv or json, not \"" + a.format + "\""), 2;
  if (a.k < 0 || a.k == 1) return fail("--k must be at least 2 (one cluster is everybody)"), 2;
  auto store = Store::open(a.db, true);
  if (!store) return fail(store.error().message), 1;
  auto ds = load_dataset(*store);
  if (!ds) return fail(ds.error().message), 1;
  ClusterQuery q;
  q.k = a.k;
  q.seed = a.seed;
  auto r = cluster_customers(*ds, q);
  if (!r) return fail(r.error().message), 1;
  const Features& f = r->features;
  const size_t d = f.cols();
  if (a.format == "csv") {
    std::string out = "customer_id,cluster";
    for (const std::string& nm : f.names) out += "," + csv_field(nm);
    out += "\n";
    for (size_t i = 0; i < f.rows(); ++i) {
      out += csv_field(ds->customer_id[static_cast<size_t>(f.customer[i])]) + "," + std::to_string(r->label[i]);
      for (size_t j = 0; j < d; ++j) out += "," + num(f.raw[i * d + j]);
      out += "\n";
    }
    std::cout << out;
    return 0;
  }
  json j;
  j["customers"] = static_cast<int64_t>(f.rows());
  j["k"] = r->k;
  j["k_chosen_by_silhouette"] = r->k_chosen;
  json ks = json::array();
  for (auto [k, s] : r->k_scores) ks.push_back({{"k", k}, {"silhouette", s}});
  j["k_scores"] = ks;
  j["inertia"] = r->inertia;
  j["silhouette"] = r->silhouette;
  j["silhouette_points"] = r->silhouette_points;
  if (!r->silhouette_rows.empty()) j["silhouette_rows"] = r->silhouette_rows;  // indices into rows
  j["features"] = f.names;
  json cl = json::array();
  for (size_t c = 0; c < r->clusters.size(); ++c) {
    const Cluster& x = r->clusters[c];
    json centre = json::object(), cz = json::object(), traits = json::array();
    for (size_t k = 0; k < d; ++k) {
      centre[f.names[k]] = x.centre_raw[k];
      cz[f.names[k]] = x.centre_z[k];
    }
    std::string words;
    for (const Trait& t : x.traits) {
      traits.push_back({{"code", t.code}, {"param", t.param}});
      words += (words.empty() ? "" : ", ") + trait_english(t);
    }
    cl.push_back({{"cluster", c}, {"size", x.size}, {"inertia", x.inertia}, {"centre", centre}, {"centre_z", cz},
                  {"traits", traits}, {"description", words}});
  }
  j["clusters"] = cl;
  json rows = json::array();
  for (size_t i = 0; i < f.rows(); ++i) {
    json z = json::array();
    for (size_t k = 0; k < d; ++k) z.push_back(f.z[i * d + k]);
    rows.push_back({{"customer_id", ds->customer_id[static_cast<size_t>(f.customer[i])]}, {"cluster", r->label[i]}, {"z", z}});
  }
  j["rows"] = rows;
  std::cout << j.dump(1) << "\n";
  return 0;
}


std::string finding_english(const TitleFinding& f) {
  auto p = [&](size_t i) { return i < f.params.size() ? f.params[i] : std::string(); };
  if (f.code == "too_long") return "too long: " + p(0) + " of 60 bytes (a Chinese character counts 2)";
  if (f.code == "room_unused") return "uses " + p(0) + " of 60 bytes: room left for search words";
  if (f.code == "missing_category_word") return "the category word \"" + p(0) + "\" is missing";
  if (f.code == "missing_brand") return "the brand \"" + p(0) + "\" is missing";
  if (f.code == "missing_attribute") return "the key attribute \"" + p(0) + "\" is missing";
  if (f.code == "unrelated_word") return "\"" + p(0) + "\" belongs to another category (" + p(1) + "), not to this product";
  if (f.code == "stress_symbols") return "symbols used to stress words: " + p(0);
  if (f.code == "unusual_script") return "letters of an unusual script: " + p(0);
  if (f.code == "repeated_word") return "\"" + p(0) + "\" appears " + p(1) + " times";
  if (f.code == "banned_term") return "banned absolute term \"" + p(0) + "\" (Advertising Law art. 9)";
  if (f.code == "duplicate_title") return "the same title as " + p(0);
  if (f.code == "near_duplicate") return "nearly the same title as " + p(0) + " (" + p(1) + "% alike)";
  if (f.code == "missing_keyword") return "valuable keyword \"" + p(0) + "\" missing (" + p(1) + " visitors, conversion " + p(2) + ")";
  if (f.code == "low_conversion")
    return p(0) + " visitors but conversion " + p(1) + ", below half of the rest of its category (" + p(2) + ")";
  return f.code;
}

struct TitleArgs {
  std::string db, keywords, format = "csv";
};

int run_titles(const TitleArgs& a) {
  if (a.format != "csv" && a.format != "json") return fail("--format must be csv or json, not \"" + a.format + "\""), 2;
  std::vector<Keyword> kws;
  if (!a.keywords.empty()) {
    auto k = parse_input(a.keywords, [](const std::string& t) { return parse_keywords(t); });
    if (!k) return fail(k.error().message), 1;
    kws = std::move(*k);
  }
  auto store = Store::open(a.db, true);
  if (!store) return fail(store.error().message), 1;
  if (a.keywords.empty()) {  // else the 引流关键词 reports imported into the store (issue #16)
    auto k = shops::imported_keywords(store->db());
    if (!k) return fail(k.error().message), 1;
    kws = std::move(*k);
  }
  auto ds = load_dataset(*store);
  if (!ds) return fail(ds.error().message), 1;
  // The seller's banned-term list when they edited it in the app, else the default list.
  auto attrs = load_product_attributes(store->db());
  if (!attrs) return fail(attrs.error().message), 1;
  auto traffic = shops::sku_traffic(store->db(), *ds);  // the product report: low_conversion
  if (!traffic) return fail(traffic.error().message), 1;
  const std::vector<TitleReport> reps =
      check_titles(*ds, *attrs, kws, banned_terms_from_setting(store->setting(kBannedTermsKey)), &*traffic);
  if (a.format == "csv") {
    std::string out = "sku,title,bytes,keyword_coverage,findings\n";
    for (const TitleReport& r : reps) {
      std::string words;
      for (const TitleFinding& f : r.findings) words += (words.empty() ? "" : "; ") + finding_english(f);
      out += csv_field(r.sku) + "," + csv_field(r.title) + "," + std::to_string(r.bytes) + "," +
             (r.keyword_coverage < 0 ? std::string() : num(r.keyword_coverage)) + "," + csv_field(words) + "\n";
    }
    std::cout << out;
    return 0;
  }
  json arr = json::array();
  for (const TitleReport& r : reps) {
    json fs = json::array();
    for (const TitleFinding& f : r.findings) fs.push_back({{"code", f.code}, {"params", f.params}, {"text", finding_english(f)}});
    arr.push_back({{"sku", r.sku}, {"title", r.title}, {"bytes", r.bytes}, {"words", r.words},
                   {"keyword_coverage", r.keyword_coverage < 0 ? json(nullptr) : json(r.keyword_coverage)}, {"findings", fs}});
  }
  json j;
  j["titles"] = arr;
  std::cout << j.dump(1) << "\n";
  return 0;
}


std::string money_text(Money m) {
  char b[32];
  std::snprintf(b, sizeof b, "%s%lld.%02lld", m < 0 ? "-" : "", static_cast<long long>((m < 0 ? -m : m) / 100),
                static_cast<long long>((m < 0 ? -m : m) % 100));
  return b;
}

struct CoArgs {
  std::string db, format = "csv";
  CoQuery q;
};

// bundles: pair suggestions with price and margin; recommend: next products per customer.
int run_co(const CoArgs& a, bool bundles) {
  if (a.format != "csv" && a.format != "json") return fail("--format must be csv or json, not \"" + a.format + "\""), 2;
  if (a.q.discount_bp < 0 || a.q.discount_bp >= 10000) return fail("--discount-bp must be 0..9999"), 2;
  if (a.q.max_items < 2 || a.q.max_items > 3) return fail("--max-items must be 2 or 3"), 2;
  auto store = Store::open(a.db, true);
  if (!store) return fail(store.error().message), 1;
  auto ds = load_dataset(*store);
  if (!ds) return fail(ds.error().message), 1;
  const CoPurchases co = co_purchases(*ds, a.q);
  const auto& sku = ds->sku;
  if (bundles) {
    const auto b = bundle_suggestions(*ds, co, a.q);
    auto skus_of = [&](const Bundle& x) {
      std::string t;
      for (size_t i = 0; i < x.items.size(); ++i) t += (i ? "+" : "") + sku[static_cast<size_t>(x.items[i])];
      return t;
    };
    if (a.format == "csv") {
      std::string out = "skus,items,together,support,lift,list_total,bundle_price,cost,margin\n";
      for (const Bundle& x : b)
        out += csv_field(skus_of(x)) + "," + std::to_string(x.items.size()) + "," + std::to_string(x.together) + "," + num(x.support) +
               "," + num(x.lift) + "," + money_text(x.list_total) + "," + money_text(x.price) + "," +
               (x.cost < 0 ? std::string() : money_text(x.cost)) + "," + (x.cost < 0 ? std::string() : money_text(x.margin)) + "\n";
      std::cout << out;
    } else {
      json arr = json::array();
      for (const Bundle& x : b) {
        json items = json::array();
        for (int32_t p : x.items) items.push_back(sku[static_cast<size_t>(p)]);
        arr.push_back({{"skus", items}, {"together", x.together}, {"support", x.support},
                       {"lift", x.lift}, {"list_total", x.list_total}, {"bundle_price", x.price},
                       {"cost", x.cost < 0 ? json(nullptr) : json(x.cost)}, {"margin", x.cost < 0 ? json(nullptr) : json(x.margin)}});
      }
      std::cout << json{{"baskets", co.baskets}, {"bundles", arr}}.dump(2) << "\n";
    }
    return 0;
  }
  const auto r = recommendations(*ds, co, a.q);
  if (a.format == "csv") {
    std::string out = "customer_id,sku,title,score,lift,because_sku\n";
    for (const Recommendation& x : r)
      out += csv_field(ds->customer_id[static_cast<size_t>(x.customer)]) + "," + csv_field(sku[static_cast<size_t>(x.product)]) + "," +
             csv_field(ds->product_title[static_cast<size_t>(x.product)]) + "," + num(x.score) + "," + num(x.lift) + "," +
             csv_field(sku[static_cast<size_t>(x.because)]) + "\n";
    std::cout << out;
  } else {
    json arr = json::array();
    for (const Recommendation& x : r)
      arr.push_back({{"customer_id", ds->customer_id[static_cast<size_t>(x.customer)]}, {"sku", sku[static_cast<size_t>(x.product)]},
                     {"score", x.score}, {"lift", x.lift}, {"because_sku", sku[static_cast<size_t>(x.because)]}});
    std::cout << json{{"recommendations", arr}}.dump(1) << "\n";
  }
  return 0;
}

}  // namespace

void register_insights(CLI::App& app, int& exit_code) {
  auto* ins = app.add_subcommand("insights", "association rules, A/B tests, customer clusters, listing titles");
  ins->require_subcommand(1);

  static RulesArgs ra;
  auto* rules = ins->add_subcommand("rules", "frequent itemsets and association rules over baskets (orders)");
  rules->add_option("--db", ra.db, "store directory (baskets = valid orders)");
  rules->add_option("--level", ra.level, "sku | category (default sku)");
  rules->add_option("--from", ra.from, "first placed day, YYYY-MM-DD");
  rules->add_option("--to", ra.to, "last placed day, YYYY-MM-DD (inclusive)");
  rules->add_option("--baskets", ra.baskets, "basket file: one basket per line, items comma-separated");
  rules->add_option("--min-support", ra.min_support, "minimum support, a decimal fraction of baskets (0 < S <= 1)")->required();
  rules->add_option("--min-confidence", ra.min_confidence, "minimum confidence, a decimal (0 <= C <= 1)");
  rules->add_option("--min-lift", ra.min_lift, "minimum lift, a decimal");
  rules->add_option("--max-len", ra.max_len, "items per rule or itemset (default 10)");
  rules->add_flag("--itemsets", ra.itemsets, "print the frequent itemsets instead of rules");
  rules->add_flag("--prune", ra.prune, "remove redundant rules");
  add_format_option(rules, ra.format);
  rules->callback([&exit_code] { exit_code = run_rules(ra); });

  static AbArgs aa;
  auto* ab = ins->add_subcommand("abtest", "A/B test of two variants' conversion (and revenue per visitor)");
  ab->add_option("--a-visitors", aa.av, "visitors of A")->required();
  ab->add_option("--a-conversions", aa.ac, "conversions of A")->required();
  ab->add_option("--b-visitors", aa.bv, "visitors of B")->required();
  ab->add_option("--b-conversions", aa.bc, "conversions of B")->required();
  ab->add_option("--a-revenue", aa.a_rev, "revenue per visitor of A, one value per line");
  ab->add_option("--b-revenue", aa.b_rev, "revenue per visitor of B, one value per line");
  ab->add_option("--alpha", aa.alpha, "significance level (default 0.05)");
  ab->add_option("--power", aa.power, "power for the sample size (default 0.8)");
  ab->add_option("--mde", aa.mde, "relative lift over A's rate to size the test for (default: the observed lift)");
  ab->add_option("--split", aa.split, "planned share of visitors sent to A (default 0.5)");
  ab->add_option("--format", aa.format, "json");
  ab->callback([&exit_code] { exit_code = run_abtest(aa); });

  static ClusterArgs ca;
  auto* cl = store_command(ins, "clusters", "customer segments by k-means on standardised RFM and shopping habits", ca.db);
  cl->add_option("--k", ca.k, "number of clusters (default: chosen by silhouette, 2..8)");
  cl->add_option("--seed", ca.seed, "random seed (default 1)");
  add_format_option(cl, ca.format);
  cl->callback([&exit_code] { exit_code = run_clusters(ca); });

  static TitleArgs ta;
  auto* ti = store_command(ins, "titles", "listing-title checks: length, category word, symbols, repeats, banned terms, duplicates, keywords", ta.db);
  ti->add_option("--keywords", ta.keywords, "search-keyword report CSV (keyword, visitors, conversion); default: the imported 引流关键词 reports");
  add_format_option(ti, ta.format);
  ti->callback([&exit_code] { exit_code = run_titles(ta); });

  static CoArgs ba, rc;
  auto* bu = store_command(ins, "bundles", "bundle suggestions: products bought together, priced as a bundle with the margin", ba.db);
  bu->add_option("--min-together", ba.q.min_together, "baskets holding both (default 3)");
  bu->add_option("--min-lift", ba.q.min_lift, "minimum lift (default 1.5)");
  bu->add_option("--max-items", ba.q.max_items, "2 = pairs only, 3 = pairs and triples (default 3)");
  bu->add_option("--discount-bp", ba.q.discount_bp, "bundle discount in basis points off the list prices (default 1000 = 10%)");
  add_format_option(bu, ba.format);
  bu->callback([&exit_code] { exit_code = run_co(ba, true); });
  auto* re = store_command(ins, "recommend", "per customer: the next products they are likely to buy, not bought yet", rc.db);
  re->add_option("--min-together", rc.q.min_together, "baskets holding both products of a pair (default 3)");
  re->add_option("--top", rc.q.top, "recommendations per customer (default 3)");
  add_format_option(re, rc.format);
  re->callback([&exit_code] { exit_code = run_co(rc, false); });

}

}  // namespace shopkeeper::cli
