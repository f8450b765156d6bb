// Promotions engine: one test per kind and per stacking rule, with amounts computed by hand
// (the arithmetic is in the comments), plus the JSON layer and the example input files.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "core/promotions/engine.h"
#include "core/promotions/json_io.h"
#include "core/promotions/refund.h"
#include "core/promotions/validate.h"
#include "tests/core/promotions_test_util.h"

using namespace shopkeeper;
using namespace shopkeeper::promo;
using namespace shopkeeper::promo::testing;

namespace {

std::string reason(const Quote& q, const std::string& id) {
  for (const auto& n : q.not_applied)
    if (n.promotion == id) return n.reason;
  return "";
}

Money line_amount(const AppliedDiscount& d, int32_t line) {
  for (const auto& l : d.lines)
    if (l.line == line) return l.amount;
  return 0;
}

Promotion tiers(const char* id, std::vector<std::pair<Money, Money>> t) {
  Promotion p = make_promo(id, Kind::threshold_tiers);
  for (auto [th, am] : t) p.params.tiers.push_back({th, am, 0});
  return p;
}

std::string read_file(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

}  // namespace

TEST_SUITE("promotions") {
  TEST_CASE("largest-remainder allocation sums exactly and favours the largest remainders") {
    // 100 over 1:1:1 -> 33.33 each: floors 33,33,33, the spare unit goes to the first (tie).
    CHECK(allocate(100, {1, 1, 1}) == std::vector<Money>{34, 33, 33});
    // 6000 over 39800:12999 -> 4522.81 and 1477.19: the spare unit goes to the first.
    CHECK(allocate(6000, {39800, 12999}) == std::vector<Money>{4523, 1477});
    CHECK(allocate(0, {5, 5}) == std::vector<Money>{0, 0});
  }

  TEST_CASE("threshold tiers: highest tier reached, allocated by line amount") {
    auto in = input({line("TEA", 19900, 2), line("CUP", 12999, 1)}, {tiers("T1", {{30000, 3000}, {50000, 6000}})});
    Quote q = quote(in);
    const auto* d = find(q, "T1");
    REQUIRE(d);
    CHECK(d->amount == 6000);  // 527.99 >= 500
    CHECK(line_amount(*d, 0) == 4523);
    CHECK(line_amount(*d, 1) == 1477);
    CHECK(q.total == 52799 - 6000);
    // Below every tier: the reason says how much is missing (300 - 199 = 101).
    auto small = input({line("TEA", 19900, 1)}, {tiers("T1", {{30000, 3000}})});
    Quote s = quote(small);
    CHECK(s.discounts.empty());
    CHECK(reason(s, "T1").find("add 101.00") != std::string::npos);
    // The same reason as a code with its figures, for the UI to word (300.00 needed, 199.00
    // in scope, 101.00 short).
    REQUIRE(s.not_applied.size() == 1);
    CHECK(s.not_applied[0].why.code == Why::threshold_short);
    CHECK(s.not_applied[0].why.a == 30000);
    CHECK(s.not_applied[0].why.b == 19900);
    CHECK(s.not_applied[0].why.c == 10100);
    // A quiet run (best-price search, guard) keeps the code but builds no sentence.
    Quote quiet = PreparedQuote(small, nullptr, false).run_default();
    REQUIRE(quiet.not_applied.size() == 1);
    CHECK(quiet.not_applied[0].why.code == Why::threshold_short);
    CHECK(quiet.not_applied[0].reason.empty());
  }

  TEST_CASE("reasons: every code has a distinct name and an English template; placeholders render") {
    std::set<std::string> names;
    for (int i = 1; i < kWhyCount; ++i) {
      Why w = static_cast<Why>(i);
      CHECK(std::string(why_template_en(w)).size() > 0);
      CHECK(names.insert(why_name(w)).second);
    }
    CHECK(std::string(why_name(Why::none)) == "none");
    Reason r{Why::coupon_short, 30000, 25050, 4950};
    CHECK(reason_text(r) == "coupon needs 300.00, scope has 250.50 (add 49.50)");
    ReasonFormat f;
    f.money = [](Money m) { return "Y" + std::to_string(m); };
    f.kind = [](Kind) { return std::string("K"); };
    CHECK(render_reason("{$a}|{#b}|{$c}|{s}|{x}|{#d}|{", Reason{Why::none, 1, 2, 3, "t"}, f) == "Y1|2|Y3|t|{x}|{#d}|{");
    CHECK(render_reason("a {Ka} in {Ka}", Reason{Why::wrong_layer, static_cast<int64_t>(Kind::points)}) ==
          "a points in points");
    CHECK(render_reason("{@a}", Reason{Why::ended, *parse_timestamp("2025-11-11 00:00:00")}) == "2025-11-11 00:00:00");
    CHECK(reason_text(Reason{Why::coupon_used, 2, 0, 0, "SAVE40"}) == "buyer already used coupon SAVE40 2 time(s)");
  }

  TEST_CASE("per-each threshold with a cap") {
    Promotion p = make_promo("E1", Kind::per_each);
    p.params.threshold = 10000, p.params.amount = 1000, p.params.cap = 5000;
    // 350.00 -> 3 steps -> 30.00; 780.00 -> 7 steps -> 70.00 capped to 50.00.
    CHECK(quote(input({line("A", 35000, 1)}, {p})).discounts.at(0).amount == 3000);
    CHECK(quote(input({line("A", 78000, 1)}, {p})).discounts.at(0).amount == 5000);
  }

  TEST_CASE("percent off rounds half away from zero per line, honours scope and minimum quantity") {
    Promotion p = make_promo("P1", Kind::percent_off);
    p.params.bp = 5000;
    // 0.07 at 50 % = 0.035 -> 0.04 off, 0.03 paid.
    Quote q = quote(input({line("A", 7, 1)}, {p}));
    CHECK(q.discounts.at(0).amount == 4);
    CHECK(q.line_paid[0] == 3);
    // 9折 on category tea with at least 2 units: 2 x 199.00 -> 39.80 off; the cup is outside.
    Promotion t = make_promo("P2", Kind::percent_off);
    t.params.bp = 1000;
    t.scope.categories = {"tea"};
    t.conditions.min_qty = 2;
    Quote r = quote(input({line("TEA", 19900, 2, "tea"), line("CUP", 12999, 1, "ware")}, {t}));
    CHECK(r.discounts.at(0).amount == 3980);
    CHECK(r.line_paid[1] == 12999);
    Quote one = quote(input({line("TEA", 19900, 1, "tea")}, {t}));
    CHECK(one.discounts.empty());
    CHECK(reason(one, "P2").find("needs 2 units") != std::string::npos);
  }

  TEST_CASE("amount off each unit never goes below zero") {
    Promotion p = make_promo("A1", Kind::amount_off_each);
    p.params.amount = 500;
    CHECK(quote(input({line("A", 12999, 3)}, {p})).discounts.at(0).amount == 1500);
    CHECK(quote(input({line("A", 300, 2)}, {p})).line_paid[0] == 0);  // 2 x 3.00, 5.00 off each
  }

  TEST_CASE("flash price: window, per-customer limit and units already bought") {
    Promotion f = make_promo("F1", Kind::flash_price);
    f.scope.skus = {"TEA"};
    f.params.price = 14900;
    f.params.per_customer_units = 2;
    f.conditions.starts_at = *parse_timestamp("2025-11-11 00:00");
    f.conditions.ends_at = *parse_timestamp("2025-11-11 01:00");
    auto in = input({line("TEA", 19900, 3)}, {f});
    // 2 units at 149.00 (50.00 off each), the third at list price.
    CHECK(quote(in).discounts.at(0).amount == 10000);
    in.customer.flash_bought["F1"] = 1;  // one unit left of the limit
    CHECK(quote(in).discounts.at(0).amount == 5000);
    in.customer.flash_bought["F1"] = 2;
    CHECK(reason(quote(in), "F1").find("limit") != std::string::npos);
    in.customer.flash_bought.clear();
    in.at = *parse_timestamp("2025-11-11 01:00");  // the end is exclusive
    CHECK(reason(quote(in), "F1").find("ended") != std::string::npos);
  }

  TEST_CASE("quantity tiers, nth item and buy X get Y") {
    Promotion q = make_promo("Q1", Kind::quantity_tiers);
    q.params.tiers = {{2, 0, 1000}, {3, 0, 2000}};
    // 3 x 19.90 = 59.70, 8折 -> 11.94 off.
    CHECK(quote(input({line("S", 1990, 3)}, {q})).discounts.at(0).amount == 1194);
    CHECK(quote(input({line("S", 1990, 2)}, {q})).discounts.at(0).amount == 398);

    Promotion n = make_promo("N1", Kind::nth_item);
    n.params.n = 2, n.params.bp = 5000;
    // 3 units: one second unit at half price -> 9.95 off; 4 units: two -> 19.90.
    CHECK(quote(input({line("S", 1990, 3)}, {n})).discounts.at(0).amount == 995);
    CHECK(quote(input({line("S", 1990, 4)}, {n})).discounts.at(0).amount == 1990);

    Promotion b = make_promo("B1", Kind::buy_x_get_y);
    b.params.buy = 2, b.params.get = 1, b.params.bp = 10000;
    // 4 units, groups of 3 -> 1 free unit, the cheapest (15.00) on line 1.
    Quote r = quote(input({line("S1", 1990, 3), line("S2", 1500, 1)}, {b}));
    REQUIRE(r.discounts.size() == 1);
    CHECK(r.discounts[0].amount == 1500);
    CHECK(line_amount(r.discounts[0], 1) == 1500);
    // Half price instead of free: 7.50.
    b.params.bp = 5000;
    CHECK(quote(input({line("S1", 1990, 3), line("S2", 1500, 1)}, {b})).discounts.at(0).amount == 750);
  }

  TEST_CASE("bundle price for complete sets only") {
    Promotion p = make_promo("BN", Kind::bundle_price);
    p.params.bundle = {{"TEA", 1}, {"CUP", 1}};
    p.params.price = 29900;
    // One set: 199.00 + 129.99 - 299.00 = 29.99; the second TEA is outside the set.
    Quote q = quote(input({line("TEA", 19900, 2), line("CUP", 12999, 1)}, {p}));
    CHECK(q.discounts.at(0).amount == 2999);
    // Allocation over the set's values 199.00 : 129.99 -> 18.1405 / 11.8495 -> 18.14 + 11.85.
    CHECK(line_amount(q.discounts[0], 0) == 1814);
    CHECK(line_amount(q.discounts[0], 1) == 1185);
    CHECK(quote(input({line("TEA", 19900, 2)}, {p})).discounts.empty());
  }

  TEST_CASE("gift with purchase costs the shop, not the buyer") {
    Promotion g = make_promo("G1", Kind::gift);
    g.params.threshold = 39900, g.params.gift_sku = "TRAY", g.params.gift_cost = 1250;
    Quote q = quote(input({line("TEA", 19900, 2, "", 8000)}, {g}));  // 398.00 < 399.00
    CHECK(q.gifts.empty());
    Quote r = quote(input({line("TEA", 19900, 2, "", 8000), line("X", 100, 1, "", 10)}, {g}));
    REQUIRE(r.gifts.size() == 1);
    CHECK(r.total == 39900);
    CHECK(*r.profit == 39900 - 16000 - 10 - 1250);
  }

  TEST_CASE("shipping: the best single offer, thresholds on goods left after points") {
    Promotion free = make_promo("S1", Kind::shipping);
    free.params.threshold = 4900, free.params.free_shipping = true;
    Promotion five = make_promo("S2", Kind::shipping);
    five.params.amount = 500;
    auto in = input({line("S", 1990, 3)}, {free, five});
    in.shipping = 1000;
    Quote q = quote(in);
    CHECK(q.shipping == 0);
    CHECK(reason(q, "S2") == "a better shipping offer applies");
    // Points bring 59.70 down to 47.76 (20 % cap): free shipping is lost, 5.00 off applies.
    Promotion pts = make_promo("PT", Kind::points);
    pts.params.points_per_unit = 100, pts.params.max_share_bp = 2000;
    in.promotions.push_back(pts);
    in.customer.points = 100000;
    Quote r = quote(in);
    CHECK(r.goods_paid == 5970 - 1194);
    CHECK(r.shipping == 500);
    CHECK(r.total == 4776 + 500);
  }

  TEST_CASE("coupons: held codes, limits, threshold, percent with a maximum") {
    Promotion c = make_promo("C1", Kind::coupon);
    c.coupon_code = "SAVE40";
    c.params.threshold = 30000, c.params.amount = 4000;
    c.conditions.per_customer_limit = 1;
    auto in = input({line("TEA", 19900, 2)}, {c});
    CHECK(reason(quote(in), "C1").find("not held") != std::string::npos);
    in.coupons_held = {"SAVE40"};
    CHECK(find(quote(in), "C1")->amount == 4000);
    in.customer.coupon_uses["SAVE40"] = 1;
    CHECK(reason(quote(in), "C1").find("already used") != std::string::npos);
    in.customer.coupon_uses.clear();
    in.promotions[0].conditions.total_limit = 10, in.promotions[0].conditions.redeemed = 10;
    CHECK(reason(quote(in), "C1").find("uses taken") != std::string::npos);

    Promotion p = make_promo("C2", Kind::coupon);
    p.coupon_code = "P95";
    p.params.bp = 500, p.params.cap = 1500;
    auto pin = input({line("A", 19999, 1)}, {p});
    pin.coupons_held = {"P95"};
    CHECK(find(quote(pin), "C2")->amount == 1000);  // 5 % of 199.99 = 9.9995 -> 10.00
    pin.cart[0].price = 99900;
    CHECK(find(quote(pin), "C2")->amount == 1500);  // 49.95 capped at 15.00
  }

  TEST_CASE("points: N points per unit, capped at a share, whole minor units") {
    Promotion p = make_promo("PT", Kind::points);
    p.params.points_per_unit = 100, p.params.max_share_bp = 1000;
    auto in = input({line("A", 52799, 1)}, {p});
    in.customer.points = 3000;  // worth 30.00, cap 52.79
    Quote q = quote(in);
    CHECK(q.discounts.at(0).amount == 3000);
    CHECK(q.points_used == 3000);
    in.customer.points = 100000;  // cap 10 % of 527.99 = 52.799 -> 52.79 (floor: never above the cap)
    q = quote(in);
    CHECK(q.discounts.at(0).amount == 5279);
    CHECK(q.points_used == 5279);
    in.points_to_use = 250;  // 2.50
    CHECK(quote(in).discounts.at(0).amount == 250);
    // 30 points per yuan: 100 points are worth 3.33 (floor) and use ceil(333 * 30 / 100) = 100.
    in.promotions[0].params.points_per_unit = 30;
    in.points_to_use = 100;
    q = quote(in);
    CHECK(q.discounts.at(0).amount == 333);
    CHECK(q.points_used == 100);
  }

  TEST_CASE("deposit presale: a deposit of 20 counts as 50") {
    Promotion d = make_promo("D1", Kind::deposit_presale);
    d.params.deposit = 2000, d.params.deduct = 5000;
    Quote q = quote(input({line("TEA", 19900, 2)}, {d}));
    CHECK(q.discounts.at(0).amount == 6000);
    CHECK(q.discounts.at(0).deposit == 4000);
    CHECK(q.total == 39800 - 6000);
  }

  TEST_CASE("layers: a threshold sees the amount left after the item layer") {
    Promotion f = make_promo("F1", Kind::flash_price);
    f.scope.skus = {"TEA"};
    f.params.price = 14900;
    auto in = input({line("TEA", 19900, 1), line("CUP", 12999, 1)}, {f, tiers("T1", {{30000, 3000}})});
    Quote q = quote(in);
    // 328.99 at list price, but 149.00 + 129.99 = 278.99 after the flash price: 21.01 short.
    CHECK(find(q, "F1"));
    CHECK_FALSE(find(q, "T1"));
    CHECK(reason(q, "T1").find("add 21.01") != std::string::npos);
  }

  TEST_CASE("within a layer a line gets its single best offer; stackable ones apply on top") {
    Promotion a = make_promo("A10", Kind::percent_off);
    a.params.bp = 1000;
    Promotion b = make_promo("B30", Kind::percent_off);
    b.params.bp = 3000;
    b.scope.skus = {"X"};
    // Line X: 30 % beats 10 %; line Y only has 10 %.
    Quote q = quote(input({line("X", 10000, 1), line("Y", 10000, 1)}, {a, b}));
    CHECK(line_amount(*find(q, "B30"), 0) == 3000);
    CHECK(line_amount(*find(q, "A10"), 1) == 1000);
    CHECK(line_amount(*find(q, "A10"), 0) == 0);
    // Stackable 10 %: after 30 % off 100.00, 10 % of 70.00 = 7.00 more.
    a.stackable = true;
    Quote s = quote(input({line("X", 10000, 1)}, {a, b}));
    CHECK(find(s, "B30")->amount == 3000);
    CHECK(find(s, "A10")->amount == 700);
    CHECK(s.total == 6300);
  }

  TEST_CASE("priority breaks ties between equal offers") {
    Promotion a = make_promo("A", Kind::amount_off_each);
    a.params.amount = 500;
    Promotion b = a;
    b.id = "B";
    b.priority = 5;
    Quote q = quote(input({line("X", 10000, 1)}, {a, b}));
    CHECK(find(q, "B"));
    CHECK_FALSE(find(q, "A"));
  }

  TEST_CASE("an exclusive promotion blocks every other offer on its lines, in later layers too") {
    Promotion e = make_promo("EX", Kind::percent_off);
    e.params.bp = 2000;
    e.scope.skus = {"X"};
    e.exclusive = true;
    Promotion other = make_promo("O", Kind::amount_off_each);
    other.params.amount = 5000;  // bigger, but blocked on X
    Promotion t = tiers("T", {{10000, 1000}});
    auto in = input({line("X", 10000, 1), line("Y", 12000, 1)}, {e, other, t});
    Quote q = quote(in);
    CHECK(find(q, "EX")->amount == 2000);
    CHECK(line_amount(*find(q, "O"), 0) == 0);
    CHECK(line_amount(*find(q, "O"), 1) == 5000);  // Y: 120.00 - 50.00 = 70.00
    // The shop-level threshold sees only Y's 70.00 < 100.00.
    CHECK_FALSE(find(q, "T"));
    CHECK(q.line_paid[0] == 8000);
  }

  TEST_CASE("eligibility: channel, group, tier, first and nth order") {
    Promotion p = make_promo("P", Kind::amount_off_each);
    p.params.amount = 100;
    p.conditions.channels = {"app"};
    p.conditions.groups = {"vip"};
    p.conditions.tiers = {"gold"};
    p.conditions.nth_order = 2;
    auto in = input({line("X", 1000, 1)}, {p});
    CHECK(reason(quote(in), "P").find("channel") != std::string::npos);
    in.channel = "app";
    CHECK(reason(quote(in), "P").find("group") != std::string::npos);
    in.customer.group = "vip";
    CHECK(reason(quote(in), "P").find("tier") != std::string::npos);
    in.customer.tier = "gold";
    CHECK(reason(quote(in), "P").find("order number 2") != std::string::npos);
    in.customer.orders_before = 1;
    CHECK(find(quote(in), "P"));
    p.conditions.nth_order.reset();
    p.conditions.first_order = true;
    in.promotions = {p};
    CHECK(reason(quote(in), "P") == "first orders only");
    p.scope.exclude_skus = {"X"};
    in.promotions = {p};
    in.customer.orders_before = 0;
    CHECK(reason(quote(in), "P") == "no cart line in its scope");
  }

  TEST_CASE("profit: platform-funded discounts come back, fees and costs go out") {
    Promotion c = make_promo("C3", Kind::coupon);
    c.coupon_code = "FREE5";
    c.layer = Layer::platform;
    c.platform_funded = true;
    c.params.amount = 500;
    auto in = input({line("A", 10000, 1, "", 6000)}, {c});
    in.coupons_held = {"FREE5"};
    in.fee_bp = 500;  // 5 % of 95.00 = 4.75
    Quote q = quote(in);
    CHECK(q.total == 9500);
    CHECK(q.fees == 475);
    CHECK(*q.profit == 9500 + 500 - 475 - 6000);
    in.cart[0].cost.reset();
    CHECK_FALSE(quote(in).profit.has_value());
  }

  TEST_CASE("refund: a threshold the kept items no longer reach is taken back") {
    auto in = input({line("TEA", 19900, 2), line("CUP", 12999, 1)}, {tiers("T1", {{30000, 3000}, {50000, 6000}})});
    // Paid: TEA 398.00 - 45.23 = 352.77, CUP 129.99 - 14.77 = 115.22, goods 467.99.
    auto r = refund_quote(in, {0, 1});
    REQUIRE(r.ok());
    // Kept: 398.00 reaches only the 300 tier -> 368.00. Refund 467.99 - 368.00 = 99.99.
    CHECK(r->kept.goods_paid == 36800);
    CHECK(r->goods_refund == 9999);
    REQUIRE(r->lines.size() == 1);
    CHECK(r->lines[0].paid_share == 11522);
    CHECK(r->lines[0].clawback == 1523);
    CHECK(r->shipping_refund == 0);
    // Returning one TEA of two: share 352.77 / 2 = 176.385 -> 176.39; kept 129.99 + 199.00
    // = 328.99 -> 30 off -> 298.99; refund 467.99 - 298.99 = 169.00, clawback 7.39.
    auto h = refund_quote(in, {1, 0});
    REQUIRE(h.ok());
    CHECK(h->lines[0].paid_share == 17639);
    CHECK(h->goods_refund == 16900);
    CHECK(h->lines[0].clawback == 739);
    // Everything back: all goods and the shipping.
    in.shipping = 1000;
    auto all = refund_quote(in, {2, 1});
    REQUIRE(all.ok());
    CHECK(all->total == 46799 + 1000);
    CHECK_FALSE(refund_quote(in, {3, 0}).ok());
  }

  TEST_CASE("validation explains mistakes in words") {
    Promotion t = tiers("T", {{30000, 3000}, {20000, 5000}});
    Promotion c = make_promo("C", Kind::coupon);
    c.params.threshold = 5000, c.params.amount = 6000;  // and no code
    Promotion f1 = make_promo("F1", Kind::flash_price);
    f1.scope.skus = {"X"};
    f1.params.price = 100;
    f1.conditions.starts_at = 100, f1.conditions.ends_at = 200;
    Promotion f2 = f1;
    f2.id = "F2";
    f2.conditions.starts_at = 150, f2.conditions.ends_at = 300;
    Promotion w = make_promo("W", Kind::percent_off);
    w.params.bp = 1000;
    w.conditions.starts_at = 500, w.conditions.ends_at = 400;
    auto issues = validate({t, c, f1, f2, w});
    auto has = [&](const char* id, const char* code) {
      for (const auto& i : issues)
        if (i.promotion == id && check_name(i.code) == std::string(code)) return true;
      return false;
    };
    CHECK(has("T", "tier_not_rising"));
    CHECK(has("C", "coupon_not_below_threshold"));
    CHECK(has("C", "coupon_without_code"));
    CHECK(has("F2", "flash_overlap"));
    CHECK(has("W", "window_inverted"));
    CHECK_FALSE(has("F1", "flash_overlap"));
    CHECK(validate({tiers("OK", {{30000, 3000}, {50000, 6000}})}).empty());
  }

  TEST_CASE("JSON numbers are read exactly as money") {
    auto j = parse_exact(R"({"a": 0.1, "b": 19.99, "c": 1299.00, "d": 0.07, "e": 12, "f": "8.5", "g": 1e2})");
    REQUIRE(j.ok());
    CHECK(*read_money((*j)["a"], "a") == 10);
    CHECK(*read_money((*j)["b"], "b") == 1999);
    CHECK(*read_money((*j)["c"], "c") == 129900);
    CHECK(*read_money((*j)["d"], "d") == 7);
    CHECK(*read_money((*j)["e"], "e") == 1200);
    CHECK(*read_money((*j)["f"], "f") == 850);
    CHECK_FALSE(read_money((*j)["g"], "g").ok());
    CHECK_FALSE(parse_exact("{\"a\": 1,}").ok());
    // Out: exactly two decimals, as numbers.
    json o = {{"m", money_node(1990)}, {"n", money_node(-5)}, {"z", money_node(0)}};
    CHECK(to_text(o, -1) == R"({"m":19.90,"n":-0.05,"z":0.00})");
  }

  TEST_CASE("quote input errors name the field") {
    auto bad = parse_quote_input(R"({"at": "2025-11-11", "cart": [{"sku": "A", "price": 1.005}]})");
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().message.find("cart[0].price") != std::string::npos);
    auto typo = parse_quote_input(R"({"at": "2025-11-11", "cart": [],
      "promotions": [{"id": "P", "kind": "percent_off", "params": {"percent": 10}}]})");
    REQUIRE_FALSE(typo.ok());
    CHECK(typo.error().message.find("promotions[0].params.percent") != std::string::npos);
    auto kind = parse_quote_input(R"({"at": "2025-11-11", "cart": [], "promotions": [{"id": "P", "kind": "magic"}]})");
    REQUIRE_FALSE(kind.ok());
    CHECK(kind.error().message.find("unknown kind") != std::string::npos);
  }

  TEST_CASE("promotions survive a JSON round trip") {
    auto in = parse_quote_input(read_file(std::string(SK_SOURCE_DIR) + "/tests/data/promotions/stacking.json"));
    REQUIRE(in.ok());
    for (const Promotion& p : in->promotions) {
      auto back = parse_promotion_text(to_text(promotion_to_json(p)));
      REQUIRE(back.ok());
      CHECK(to_text(promotion_to_json(*back)) == to_text(promotion_to_json(p)));
    }
  }

  TEST_CASE("every example input file parses and quotes") {
    const std::string dir = std::string(SK_SOURCE_DIR) + "/tests/data/promotions";
    int files = 0;
    for (const auto& e : std::filesystem::directory_iterator(dir)) {
      if (e.path().extension() != ".json") continue;
      ++files;
      auto in = parse_quote_input(read_file(e.path().string()));
      REQUIRE_MESSAGE(in.ok(), e.path().string() << ": " << in.error().message);
      Quote q = quote(*in);
      const bool any = !q.discounts.empty() || !q.gifts.empty() || !q.shipping_discounts.empty();
      CHECK_MESSAGE(any, e.path().string());
      auto text = to_text(quote_to_json(q, *in));
      auto back = parse_exact(text);
      REQUIRE(back.ok());
      CHECK(*read_money((*back)["total"], "total") == q.total);
    }
    CHECK(files >= kKindCount);
    // Two files checked by hand. threshold_tiers: 527.99 - 60.00 + 10.00 shipping.
    auto t = parse_quote_input(read_file(dir + "/threshold_tiers.json"));
    CHECK(quote(*t).total == 47799);
    // stacking: TEA 2 x 179.00 flash (40.00), 满300减30 on 487.99, coupon 40 on 457.99,
    // platform 2 x 25 on 417.99, points 5 % of 367.99 = 18.39, free shipping -> 349.60.
    auto s = parse_quote_input(read_file(dir + "/stacking.json"));
    Quote sq = quote(*s);
    CHECK(sq.total == 34960);
    CHECK(sq.points_used == 1839);
    CHECK(reason(sq, "Q1") == "its lines already took another offer");  // 24.40 < 30.00
  }
}
