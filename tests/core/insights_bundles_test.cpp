// Insights bundles: triples, the loss guard on the bundle price and the draft bundle promotion
// (core/insights/recommend.h, core/insights/bundle.h). Figures derived by hand in the comments.
#include <doctest/doctest.h>

#include <algorithm>
#include <optional>
#include <string>
#include <tuple>

#include "core/insights/abtest.h"
#include "core/insights/bundle.h"
#include "core/insights/recommend.h"
#include "core/promotions/engine.h"
#include "core/store/store.h"
#include "fixture.h"

using namespace shopkeeper;
using namespace shopkeeper::insights;

namespace {

// Products X 10.00 (cost 3.00), Y 20.00 (5.00), Z 30.00 (10.00), W 5.00 (1.00); valid orders
// O1-O3 {X,Y,Z}, O4 {X,Y}, O5 {W}, O6 {W}, O7 {Z,W}.
Dataset triple_store() {
  auto s = Store::open_memory();
  REQUIRE(s.ok());
  Status st = s->write([](Writer& w) -> Status {
    for (auto [sku, price, cost] : std::vector<std::tuple<const char*, Money, Money>>{
             {"X", 1000, 300}, {"Y", 2000, 500}, {"Z", 3000, 1000}, {"W", 500, 100}}) {
      Product p;
      p.sku = sku;
      p.category = "tea";
      p.list_price = price;
      p.unit_cost = cost;
      if (auto r = w.put(p); !r) return r;
    }
    Customer c;
    c.id = "C1";
    if (auto r = w.put(c); !r) return r;
    int no = 0;
    for (const auto& items : std::vector<std::vector<const char*>>{
             {"X", "Y", "Z"}, {"X", "Y", "Z"}, {"Z", "Y", "X"}, {"X", "Y"}, {"W"}, {"W"}, {"Z", "W"}}) {
      Order o;
      o.id = "O" + std::to_string(++no);
      o.customer_id = "C1";
      o.placed_at = *parse_timestamp("2025-03-10 10:00") + no * 60;
      o.status = OrderStatus::completed;
      if (auto r = fixture::write_basket(w, o, items); !r) return r;
    }
    return Ok{};
  });
  REQUIRE_MESSAGE(st.ok(), (st.ok() ? "" : st.error().message));
  auto ds = load_dataset(*s);
  REQUIRE(ds.ok());
  return std::move(*ds);
}

std::string skus(const Dataset& ds, const Bundle& b) {
  std::string t;
  for (int32_t p : b.items) t += ds.sku[static_cast<size_t>(p)];
  return t;
}

}  // namespace

TEST_SUITE("insights") {
  // N = 7; baskets X 4, Y 4, Z 4, W 3; together XY 4, XZ 3, YZ 3, ZW 1 (below 3).
  // Pair lifts: XY 4 x 7 / (4 x 4) = 1.75; XZ = YZ = 3 x 7 / 16 = 1.3125.
  // Triple XYZ: together 3; rules {Y,Z}=>X 3 x 7 / (3 x 4) = 1.75, {X,Z}=>Y 1.75,
  // {X,Y}=>Z 3 x 7 / (4 x 4) = 1.3125: lift = the smallest, 1.3125; support 3/7.
  // Order: XY (1.75), then lift 1.3125 with together 3: XYZ, XZ, YZ by SKUs.
  // XYZ priced: list 10 + 20 + 30 = 60.00, 10 % off = 54.00, cost 18.00, margin 36.00.
  TEST_CASE("bundle suggestions: pairs and triples by hand") {
    const Dataset ds = triple_store();
    CoQuery q;
    q.min_together = 3;
    q.min_lift = 1.3;
    const CoPurchases co = co_purchases(ds, q);
    auto b = bundle_suggestions(ds, co, q);
    REQUIRE(b.size() == 4);
    CHECK(skus(ds, b[0]) == "XY");
    CHECK(b[0].lift == doctest::Approx(1.75));
    CHECK(b[0].together == 4);
    CHECK(skus(ds, b[1]) == "XYZ");
    CHECK(b[1].together == 3);
    CHECK(b[1].lift == doctest::Approx(1.3125));
    CHECK(b[1].support == doctest::Approx(3.0 / 7));
    CHECK(b[1].list_total == 6000);
    CHECK(b[1].price == 5400);
    CHECK(b[1].cost == 1800);
    CHECK(b[1].margin == 3600);
    CHECK(skus(ds, b[2]) == "XZ");
    CHECK(skus(ds, b[3]) == "YZ");
    q.max_items = 2;  // pairs only
    CHECK(bundle_suggestions(ds, co, q).size() == 3);
    q.max_items = 3;
    q.min_lift = 1.5;  // the triple's weakest rule (1.3125) is below
    b = bundle_suggestions(ds, co, q);
    REQUIRE(b.size() == 1);
    CHECK(skus(ds, b[0]) == "XY");
    q.min_lift = 1.3;
    q.min_together = 4;  // XZ and YZ no longer frequent: no triple either
    b = bundle_suggestions(ds, co_purchases(ds, q), q);
    REQUIRE(b.size() == 1);
    CHECK(skus(ds, b[0]) == "XY");
    // 12.5 % off 60.00 = 52.50; 33.33 % off 10.01 = 6.673667 -> 6.67 (half up).
    CHECK(bundle_price(6000, 1250) == 5250);
    CHECK(bundle_price(1001, 3333) == 667);
  }

  // The sliced jobs the UI runs (one order per step here) give what the one-shot functions give:
  // 7 orders -> 7 counting steps for the pairs, 7 for the triples, progress rising to 1.
  TEST_CASE("bundle jobs: one order per step, the same pairs and bundles") {
    const Dataset ds = triple_store();
    CoQuery q;
    q.min_together = 3;
    q.min_lift = 1.3;
    CoPurchaseJob cj(ds, q);
    int steps = 0;
    double last = -1;
    while (!cj.done()) {
      CHECK(cj.progress() >= last);
      last = cj.progress();
      cj.step(1);
      ++steps;
    }
    CHECK(steps == 7);
    const CoPurchases co = cj.take();
    const CoPurchases ref = co_purchases(ds, q);
    CHECK(co.baskets == 7);
    CHECK(co.baskets_of == ref.baskets_of);
    REQUIRE(co.by_product.size() == ref.by_product.size());
    for (size_t i = 0; i < co.by_product.size(); ++i) {
      REQUIRE(co.by_product[i].size() == ref.by_product[i].size());
      for (size_t j = 0; j < co.by_product[i].size(); ++j) {
        CHECK(co.by_product[i][j].b == ref.by_product[i][j].b);
        CHECK(co.by_product[i][j].together == ref.by_product[i][j].together);
      }
    }
    BundleJob bj(ds, co, q);
    steps = 0;
    while (!bj.done()) bj.step(1), ++steps;
    CHECK(steps == 7);
    const auto ref_b = bundle_suggestions(ds, co, q);
    const auto& b = bj.result();
    REQUIRE(b.size() == ref_b.size());
    REQUIRE(b.size() == 4);  // XY, XYZ, XZ, YZ as in the test above
    for (size_t i = 0; i < b.size(); ++i) {
      CHECK(skus(ds, b[i]) == skus(ds, ref_b[i]));
      CHECK(b[i].together == ref_b[i].together);
      CHECK(b[i].price == ref_b[i].price);
    }
    CHECK(bj.progress() == 1.0);
    // Pairs only: no order to go through for triples, one step finishes.
    q.max_items = 2;
    BundleJob pairs(ds, co, q);
    pairs.step(1);
    CHECK(pairs.done());
    CHECK(pairs.result().size() == 3);
  }

  // Floor prices with fees 5 % and floor 10 %: ceil(cost x 10000 / 8500): X 300 -> 353,
  // Y 500 -> 589, Z 1000 -> 1177; floor_total 2119.
  // At 54.00 (10 % off every line) X pays 9.00 >= 3.53: no finding below the floor.
  // At 15.00 (a quarter of the list 60.00) X's line pays 10.00 x 15 / 60 = 2.50 < 3.53: a
  // violation, and 15.00 < 21.19.
  TEST_CASE("bundle loss guard and the draft promotion") {
    std::vector<promo::GuardProduct> products;
    for (auto [sku, price, cost] : std::vector<std::tuple<const char*, Money, Money>>{{"X", 1000, 300}, {"Y", 2000, 500}, {"Z", 3000, 1000}}) {
      promo::GuardProduct g;
      g.sku = sku;
      g.price = price;
      g.cost = cost;
      products.push_back(g);
    }
    promo::GuardOptions opt;
    opt.floor_bp = 1000;
    opt.fee_bp = 500;
    const std::vector<std::string> set = {"X", "Y", "Z"};
    BundleGuard g = guard_bundle(set, 5400, products, {}, opt);
    CHECK(g.findings.size() == 3);
    CHECK(g.floor_total == 2119);
    CHECK_FALSE(g.price_below_floor);
    CHECK_FALSE(g.below_floor);
    CHECK(g.issues.empty());
    g = guard_bundle(set, 1500, products, {}, opt);
    CHECK(g.price_below_floor);
    CHECK(g.below_floor);
    REQUIRE(g.findings.size() == 3);
    CHECK(g.findings[0].sku == "X");
    CHECK(g.findings[0].violation);
    CHECK(g.findings[0].lowest_unit_price == 250);
    // An unknown cost: no floor total.
    products[1].cost.reset();
    CHECK(guard_bundle(set, 5400, products, {}, opt).floor_total == -1);

    const promo::Promotion p = bundle_promotion(set, 5400, "XYZ set");
    CHECK(p.id == "bundle-X+Y+Z");
    CHECK(p.name == "XYZ set");
    CHECK(p.kind == promo::Kind::bundle_price);
    CHECK(p.params.price == 5400);
    REQUIRE(p.params.bundle.size() == 3);
    CHECK(p.params.bundle[2].sku == "Z");
    CHECK(p.params.bundle[2].qty == 1);
    // The engine sells the set for 54.00.
    promo::QuoteInput in;
    for (const auto& gp : products) in.cart.push_back(promo::to_cart_line(gp));
    in.promotions = {p};
    const auto quote = promo::quote(in);
    CHECK(quote.goods_paid == 5400);
  }

  // A/B counts from the store. Traffic: 03-10 search 100, ads 40; 03-11 search 60.
  // Orders: O1 03-10 search {X}, O2 03-10 ads {Y}, O3 03-11 search {X,Y}, O4 03-11 search {X}
  // cancelled. 03-10..03-11 search: visitors 160, conversions O1, O3 = 2; ads: 40 and 1;
  // 03-11 only, any source: 60 and 1; SKU X over both days: visitors unknown, O1 and O3 = 2.
  TEST_CASE("A/B arm counts from traffic and valid orders") {
    auto s = Store::open_memory();
    REQUIRE(s.ok());
    const Day d10 = *parse_day("2025-03-10"), d11 = *parse_day("2025-03-11");
    Status st = s->write([&](Writer& w) -> Status {
      for (const char* sku : {"X", "Y"}) {
        Product p;
        p.sku = sku;
        p.list_price = 1000;
        if (auto r = w.put(p); !r) return r;
      }
      for (auto [day, src, v] : std::vector<std::tuple<Day, const char*, int64_t>>{{d10, "search", 100}, {d10, "ads", 40}, {d11, "search", 60}}) {
        TrafficDay t;
        t.day = day;
        t.source = src;
        t.visitors = v;
        if (auto r = w.put(t); !r) return r;
      }
      int no = 0;
      for (auto [when, src, items, status] : std::vector<std::tuple<const char*, const char*, std::vector<const char*>, OrderStatus>>{
               {"2025-03-10 10:00", "search", {"X"}, OrderStatus::completed},
               {"2025-03-10 11:00", "ads", {"Y"}, OrderStatus::completed},
               {"2025-03-11 10:00", "search", {"X", "Y"}, OrderStatus::completed},
               {"2025-03-11 12:00", "search", {"X"}, OrderStatus::cancelled}}) {
        Order o;
        o.id = "O" + std::to_string(++no);
        o.placed_at = *parse_timestamp(when);
        o.status = status;
        o.traffic_source = src;
        if (auto r = fixture::write_basket(w, o, items); !r) return r;
      }
      return Ok{};
    });
    REQUIRE_MESSAGE(st.ok(), (st.ok() ? "" : st.error().message));
    auto ds = load_dataset(*s);
    REQUIRE(ds.ok());
    auto src = [&](const char* n) {
      for (size_t i = 0; i < ds->sources.names.size(); ++i)
        if (ds->sources.names[i] == n) return static_cast<int16_t>(i);
      return int16_t{-1};
    };
    REQUIRE(src("search") >= 0);
    ArmCounts a = arm_counts(*ds, {d10, d11}, src("search"), -1);
    CHECK(a.visitors == 160);
    CHECK(a.conversions == 2);
    a = arm_counts(*ds, {d10, d11}, src("ads"), -1);
    CHECK(a.visitors == 40);
    CHECK(a.conversions == 1);
    a = arm_counts(*ds, {d11, d11}, -1, -1);
    CHECK(a.visitors == 60);
    CHECK(a.conversions == 1);
    const int32_t x = static_cast<int32_t>(std::find(ds->sku.begin(), ds->sku.end(), "X") - ds->sku.begin());
    a = arm_counts(*ds, {d10, d11}, -1, x);
    CHECK(a.visitors == -1);
    CHECK(a.conversions == 2);
  }
}
