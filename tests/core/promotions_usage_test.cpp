// The usage ledger (core/promotions/usage.h) and refunds under floors, unit caps and budgets
// (issue #15). Scenarios translated from Medusa's promotion module tests name their file:
// packages/modules/promotion/integration-tests/__tests__/services/promotion-module/
// register-usage.spec.ts and revert-usage.spec.ts. Figures are derived by hand in the comments.
#include <doctest/doctest.h>

#include "core/promotions/refund.h"
#include "core/promotions/store_io.h"
#include "core/promotions/usage.h"
#include "core/store/store.h"
#include "tests/core/promotions_test_util.h"

using namespace shopkeeper;
using namespace shopkeeper::promo;
using testing::find;
using testing::input;
using testing::line;

namespace {

Promotion make(const char* id, Kind k) { return testing::make_promo(id, k); }

Promotion percent(const char* id, int64_t bp) {
  Promotion p = make(id, Kind::percent_off);
  p.params.bp = bp;
  return p;
}

Store store_with(const std::vector<Promotion>& ps) {
  auto s = Store::open_memory();
  REQUIRE(s.ok());
  REQUIRE(s->write([&](Writer& w) -> Status {
               for (const auto& p : ps)
                 if (auto st = save_promotion(w, p, "active"); !st) return st;
               return Ok{};
             })
              .ok());
  return std::move(*s);
}

Status record(Store& s, const std::string& order, const std::string& customer, const std::vector<UsageEntry>& used,
              std::vector<std::string>* unknown = nullptr) {
  return s.write([&](Writer& w) -> Status {
    auto r = register_usage(w, order, customer, 0, used);
    if (!r) return r.error();
    if (unknown) *unknown = *r;
    return Ok{};
  });
}

const Promotion& loaded(Store& s, const std::string& id) {
  static std::vector<Promotion> keep;
  auto ps = load_promotions(s.db(), {"active"});
  REQUIRE(ps.ok());
  keep = std::move(*ps);
  for (const auto& p : keep)
    if (p.id == id) return p;
  FAIL("no promotion " << id);
  return keep.front();
}

// Quotes `in` for buyer `customer` with the store's live promotions and recorded usage, as
// `promo quote --db` does.
Quote quote_from_store(Store& s, QuoteInput in, const std::string& customer) {
  auto ps = load_promotions(s.db(), {"active"});
  REQUIRE(ps.ok());
  auto used = load_usage(s.db());
  REQUIRE(used.ok());
  in.promotions = std::move(*ps);
  in.customer.id = customer;
  apply_customer_usage(in.customer, in.promotions, *used);
  return quote(in);
}

Why why(const Quote& q, const std::string& id) {
  for (const auto& n : q.not_applied)
    if (n.promotion == id) return n.why.code;
  return Why::none;
}

}  // namespace

TEST_SUITE("promotions usage") {
  TEST_CASE("register-usage.spec.ts: spend adds the amounts, usage counts one use per order") {
    // "should register usage for type spend": limit 1000, adjustments 200 + 500 -> used 700.
    // "should register usage for type usage": the same registration counts 1 use.
    Promotion p = percent("P", 1000);
    p.budget.total = 1000;
    p.conditions.total_limit = 1000;
    Store s = store_with({p});
    REQUIRE(record(s, "O1", "c1", {{"P", 1, 0, 700}}).ok());
    CHECK(loaded(s, "P").budget.redeemed_amount == 700);
    CHECK(loaded(s, "P").conditions.redeemed == 1);
    // The editor reads the counters as typed: the ledger is not written into the spec.
    auto stored = load_stored_promotions(s.db());
    REQUIRE(stored.ok());
    CHECK(stored->at(0).promotion.budget.redeemed_amount == 0);
  }

  TEST_CASE("register-usage.spec.ts: a promotion the store does not have is not an error") {
    // "should not throw an error when compute action with code does not exist".
    Store s = store_with({percent("P", 1000)});
    std::vector<std::string> unknown;
    REQUIRE(record(s, "O1", "c1", {{"DOESNOTEXIST", 1, 0, 200}}, &unknown).ok());
    CHECK(unknown == std::vector<std::string>{"DOESNOTEXIST"});
    auto used = load_usage(s.db());
    REQUIRE(used.ok());
    CHECK(used->by_order.empty());
  }

  TEST_CASE("register-usage.spec.ts: past the limit nothing is registered") {
    // "should not register usage when limit is exceed for type usage" (used 1000 of 1000 stays
    // 1000) and "... above limit when exceeded for type spend" (used 900 of 1000, +100 +100:
    // Medusa clamps to 1000). Here the order is refused whole and the counter stays: a ledger
    // entry smaller than what the order was given would not reconcile with the money.
    Promotion a = percent("A", 1000);
    a.conditions.total_limit = 1000;
    a.conditions.redeemed = 1000;
    Promotion b = percent("B", 1000);
    b.budget.total = 1000;
    b.budget.redeemed_amount = 900;
    Store s = store_with({a, b});
    Status st = record(s, "O1", "c1", {{"A", 1, 0, 0}});
    REQUIRE_FALSE(st.ok());
    CHECK(st.error().message.find("conditions.total_limit") != std::string::npos);
    st = record(s, "O2", "c1", {{"B", 1, 0, 200}});
    REQUIRE_FALSE(st.ok());
    CHECK(st.error().message.find("promotion B: budget.total") != std::string::npos);
    CHECK(loaded(s, "B").budget.redeemed_amount == 900);
    // 100 more fits exactly: 900 + 100 = 1000.
    REQUIRE(record(s, "O3", "c1", {{"B", 1, 0, 100}}).ok());
    CHECK(loaded(s, "B").budget.redeemed_amount == 1000);
  }

  TEST_CASE("revert-usage.spec.ts: reverting orders takes back exactly what they registered") {
    // "should revert usage for type spend": three promotions register 200+100, 100+200 and
    // 50+250; the first and third are reverted; 300 is left (of promotion 2).
    Store s = store_with({percent("P1", 1000), percent("P2", 1000), percent("P3", 1000)});
    REQUIRE(record(s, "O1", "c1", {{"P1", 1, 0, 300}}).ok());
    REQUIRE(record(s, "O2", "c1", {{"P2", 1, 0, 300}}).ok());
    REQUIRE(record(s, "O3", "c2", {{"P3", 1, 0, 300}}).ok());
    REQUIRE(s.write([](Writer& w) { return revert_usage(w, "O1"); }).ok());
    REQUIRE(s.write([](Writer& w) { return revert_usage(w, "O3"); }).ok());
    auto used = load_usage(s.db());
    REQUIRE(used.ok());
    Money total = 0;
    for (const auto& [id, e] : used->by_promotion) total += e.amount;
    CHECK(total == 300);
    CHECK(used->by_promotion.at("P2").uses == 1);
    CHECK(used->by_promotion.count("P1") == 0);
    // "should not throw an error when compute action with code does not exist".
    CHECK(s.write([](Writer& w) { return revert_usage(w, "NO-SUCH-ORDER"); }).ok());
  }

  TEST_CASE("an order is recorded once; an empty order id is refused") {
    Store s = store_with({percent("P", 1000)});
    REQUIRE(record(s, "O1", "c1", {{"P", 1, 2, 500}}).ok());
    Status again = record(s, "O1", "c1", {{"P", 1, 2, 500}});
    REQUIRE_FALSE(again.ok());
    CHECK(again.error().code == ErrorCode::conflict);
    CHECK_FALSE(record(s, "", "c1", {{"P", 1, 2, 500}}).ok());
    CHECK(load_usage(s.db())->by_promotion.at("P").amount == 500);
  }

  TEST_CASE("a coupon limited to one use per buyer: recorded, the same buyer's next order cannot use it") {
    // SAVE: 20.00 off from 100.00, once per buyer. c1 uses it on order O1; c1's next quote says
    // coupon_used, c2 still gets 20.00.
    Promotion c = make("SAVE", Kind::coupon);
    c.coupon_code = "SAVE";
    c.params.threshold = 10000;
    c.params.amount = 2000;
    c.conditions.per_customer_limit = 1;
    Store s = store_with({c});
    QuoteInput in = input({line("A", 12000, 1)}, {});
    in.coupons_held = {"SAVE"};
    Quote q1 = quote_from_store(s, in, "c1");
    REQUIRE(find(q1, "SAVE"));
    CHECK(find(q1, "SAVE")->amount == 2000);
    auto used = usage_of(q1);
    REQUIRE(used.size() == 1);
    CHECK(used[0] == UsageEntry{"SAVE", 1, 1, 2000});
    REQUIRE(record(s, "O1", "c1", used).ok());
    Quote q2 = quote_from_store(s, in, "c1");
    CHECK_FALSE(find(q2, "SAVE"));
    CHECK(why(q2, "SAVE") == Why::coupon_used);
    Quote q3 = quote_from_store(s, in, "c2");
    REQUIRE(find(q3, "SAVE"));
    // Registering a stale quote for c1 again is refused by the per-buyer limit.
    Status st = record(s, "O2", "c1", used);
    REQUIRE_FALSE(st.ok());
    CHECK(st.error().message.find("conditions.per_customer_limit") != std::string::npos);
  }

  TEST_CASE("a campaign budget is used up over orders: the next quote is cut, then spent") {
    // 10 % off with a 15.00 budget. O1 (100.00) takes 10.00; O2 (100.00) would take 10.00 but
    // only 5.00 is left: 5.00 given, budget_cut 5.00; O3 gets nothing (budget_spent).
    Promotion p = percent("B", 1000);
    p.budget.total = 1500;
    Store s = store_with({p});
    QuoteInput in = input({line("A", 10000, 1)}, {});
    Quote q1 = quote_from_store(s, in, "c1");
    REQUIRE(find(q1, "B"));
    CHECK(find(q1, "B")->amount == 1000);
    REQUIRE(record(s, "O1", "c1", usage_of(q1)).ok());
    Quote q2 = quote_from_store(s, in, "c2");
    REQUIRE(find(q2, "B"));
    CHECK(find(q2, "B")->amount == 500);
    CHECK(find(q2, "B")->budget_cut == 500);
    REQUIRE(record(s, "O2", "c2", usage_of(q2)).ok());
    Quote q3 = quote_from_store(s, in, "c3");
    CHECK_FALSE(find(q3, "B"));
    CHECK(why(q3, "B") == Why::budget_spent);
  }

  TEST_CASE("a unit cap per buyer counts the units recorded") {
    // 50 % off, at most 3 discounted units per buyer. O1: 2 units of 10.00 -> 10.00 off, 2 units
    // recorded. O2: 5 units -> 1 unit left to discount: 5.00 off.
    Promotion p = percent("U", 5000);
    p.max_units_per_customer = 3;
    Store s = store_with({p});
    Quote q1 = quote_from_store(s, input({line("A", 1000, 2)}, {}), "c1");
    REQUIRE(find(q1, "U"));
    CHECK(find(q1, "U")->units == 2);
    REQUIRE(record(s, "O1", "c1", usage_of(q1)).ok());
    Quote q2 = quote_from_store(s, input({line("A", 1000, 5)}, {}), "c1");
    REQUIRE(find(q2, "U"));
    CHECK(find(q2, "U")->units == 1);
    CHECK(find(q2, "U")->amount == 500);
  }

  TEST_CASE("refund under a floor: the discount that no longer holds is clawed back, no line below its floor") {
    // A: 100.00 x 2, floor 90.00 a unit. 满150减30 would take 30.00 but the floor leaves room
    // for 200.00 - 180.00 = 20.00 (10.00 withheld): paid 180.00. One unit back: the kept unit
    // (100.00) misses the 150.00 threshold and pays 100.00. Refund = 180.00 - 100.00 = 80.00;
    // the returned unit's share is 90.00, so 10.00 is clawed back.
    Promotion t = make("T", Kind::threshold_tiers);
    t.params.tiers.push_back({15000, 3000, 0});
    CartLine a = line("A", 10000, 2);
    a.floor_price = 9000;
    QuoteInput order = input({a}, {t});
    auto r = refund_quote(order, {1});
    REQUIRE(r.ok());
    CHECK(r->original.goods_paid == 18000);
    CHECK(r->original.floor_withheld.at(0) == 1000);
    CHECK(r->kept.goods_paid == 10000);
    CHECK(r->goods_refund == 8000);
    CHECK(r->clawback == 1000);
    CHECK(r->kept.line_paid.at(0) >= 9000);  // the kept unit is not below its floor
    // Ledger after the refund: T no longer applies and has no code, so its entry goes.
    CHECK(usage_after_refund(order, *r).empty());
  }

  TEST_CASE("refund under a unit cap: never more than the returned unit's share") {
    // 50 % off at most 2 units; A 10.00 x 3: 2 units discounted -> 10.00 off, paid 20.00. One
    // unit back: the kept 2 units are both discounted (10.00), but the refund is capped at the
    // returned unit's share of what was paid, 20.00 / 3 = 6.67 (rule: docs/promotions.md).
    Promotion p = percent("C", 5000);
    p.max_units = 2;
    QuoteInput order = input({line("A", 1000, 3)}, {p});
    auto r = refund_quote(order, {1});
    REQUIRE(r.ok());
    CHECK(r->original.goods_paid == 2000);
    CHECK(find(r->original, "C")->units == 2);
    CHECK(r->kept.goods_paid == 1000);
    CHECK(r->goods_refund == 667);
    // Still held: 10.00 - 10.00 * 1/3 (3.33) = 6.67 (the re-quote's 10.00 is more); 2 units.
    auto kept = usage_after_refund(order, *r);
    REQUIRE(kept.size() == 1);
    CHECK(kept[0] == UsageEntry{"C", 1, 2, 667});
    // The buyer keeps 2 units at list 20.00 for 20.00 - 6.67 = 13.33: 6.67 of discount held.
    CHECK(2000 - (r->original.goods_paid - r->goods_refund) == kept[0].amount);
  }

  TEST_CASE("refund under a budget: the ledger keeps what the buyer still holds, and frees the rest") {
    // 10 % off with 15.00 left of its budget; A 100.00 x 2: 20.00 cut to 15.00, paid 185.00.
    // One unit back: refund = min(185.00 - 90.00, share 92.50) = 92.50. Held: 15.00 - 7.50 =
    // 7.50 (the re-quote alone would say 10.00); the budget gets 7.50 back.
    Promotion p = percent("B", 1000);
    p.budget.total = 1500;
    Store s = store_with({p});
    QuoteInput order = input({line("A", 10000, 2)}, {});
    order.customer.id = "c1";
    auto ps = load_promotions(s.db(), {"active"});
    REQUIRE(ps.ok());
    order.promotions = *ps;
    Quote q = quote(order);
    CHECK(find(q, "B")->amount == 1500);
    CHECK(find(q, "B")->budget_cut == 500);
    REQUIRE(record(s, "O1", "c1", usage_of(q)).ok());
    auto r = refund_quote(order, {1});
    REQUIRE(r.ok());
    CHECK(r->goods_refund == 9250);
    REQUIRE(s.write([&](Writer& w) { return record_refund(w, "O1", order, *r); }).ok());
    auto used = load_usage(s.db());
    REQUIRE(used.ok());
    CHECK(used->by_order.at("O1").at(0) == UsageEntry{"B", 1, 1, 750});
    CHECK(loaded(s, "B").budget.redeemed_amount == 750);
    // Money check: the kept unit (list 100.00) cost 185.00 - 92.50 = 92.50: 7.50 of discount.
    CHECK(10000 - (18500 - r->goods_refund) == 750);
  }

  TEST_CASE("a spent coupon keeps its use after a refund that loses its threshold") {
    // SAVE: 20.00 off from 150.00; A 100.00 x 2 pays 180.00. One unit back: the kept 100.00
    // misses the threshold, the coupon no longer applies, but it stays spent: 1 use, 0 money.
    Promotion c = make("SAVE", Kind::coupon);
    c.coupon_code = "SAVE";
    c.params.threshold = 15000;
    c.params.amount = 2000;
    QuoteInput order = input({line("A", 10000, 2)}, {c});
    order.coupons_held = {"SAVE"};
    auto r = refund_quote(order, {1});
    REQUIRE(r.ok());
    CHECK(r->goods_refund == 8000);
    auto kept = usage_after_refund(order, *r);
    REQUIRE(kept.size() == 1);
    CHECK(kept[0] == UsageEntry{"SAVE", 1, 0, 0});
  }
}
