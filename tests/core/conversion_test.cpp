// Per-SKU traffic from the product report (issue #16, core/model/sku_traffic.h): the loader,
// Planning's traffic role by visitors (core/planning/portfolio.h rule 2) and Insights'
// low_conversion title check (core/insights/titles.h). Figures derived by hand in the comments.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>

#include "core/demo/generator.h"
#include "core/insights/titles.h"
#include "core/planning/portfolio.h"
#include "core/shops/shops.h"
#include "core/store/dataset.h"
#include "core/store/store.h"
#include "core/workspace/workspace.h"
#include "fixture.h"

using namespace shopkeeper;

namespace {

// Ten products P0..P9, list 10.00, cost 9.00 (margin 10 %: every one a traffic candidate by
// margin), no stock; P<i> sells 10 - i units in one order on 1 March 2025 (55 units in all).
Store ten_products() {
  Store s = fixture::memory_store();
  REQUIRE(s.write([](Writer& w) -> Status {
               for (int i = 0; i < 10; ++i) {
                 const std::string sku = "P" + std::to_string(i);
                 if (auto st = w.put(fixture::product(sku.c_str(), 900, 1000)); !st) return st;
                 Order o = fixture::order("O" + std::to_string(i), "2025-03-01 10:00:00");
                 o.items_amount = o.paid_amount = 1000 * (10 - i);
                 if (auto r = w.add_order(o); !r) return r.error();
                 if (auto st = w.put(fixture::line(o.id, 1, sku.c_str(), 10 - i, 1000, 900)); !st) return st;
               }
               return Ok{};
             }).ok());
  return s;
}

// Product-report rows (day, sku, visitors, add-to-cart buyers, buyers) for shop 0.
void report(Store& s, Day day, const char* sku, int64_t visitors, int64_t carts, int64_t buyers) {
  REQUIRE(s.write([&](Writer& w) {
               return w.db().exec("INSERT INTO product_traffic(day, shop_id, sku, visitors, add_to_cart_buyers, buyers) VALUES (" +
                                  std::to_string(day) + ", 0, '" + sku + "', " + std::to_string(visitors) + ", " +
                                  std::to_string(carts) + ", " + std::to_string(buyers) + ")");
             }).ok());
}

int count_code(const insights::TitleReport& r, const char* code) {
  return static_cast<int>(std::count_if(r.findings.begin(), r.findings.end(), [&](const auto& f) { return f.code == code; }));
}

const insights::TitleFinding* finding(const insights::TitleReport& r, const char* code) {
  for (const auto& f : r.findings)
    if (f.code == code) return &f;
  return nullptr;
}

}  // namespace

TEST_SUITE("conversion") {
  TEST_CASE("conversion: the product report per Dataset product, summed over its days; other SKUs left out") {
    Store s = ten_products();
    // P5: 300 + 200 visitors, 30 + 20 add-to-cart buyers, 3 + 2 buyers over two days; ZZ is
    // not a product of the store.
    report(s, fixture::D(2025, 3, 1), "P5", 300, 30, 3);
    report(s, fixture::D(2025, 3, 2), "P5", 200, 20, 2);
    report(s, fixture::D(2025, 3, 1), "ZZ", 999, 9, 9);
    auto ds = load_dataset(s);
    REQUIRE(ds.ok());
    auto t = shops::sku_traffic(s.db(), *ds);
    REQUIRE(t.ok());
    CHECK(t->any());
    REQUIRE(t->by_product.size() == 10);
    const SkuTraffic* p5 = t->of(5);
    REQUIRE(p5 != nullptr);
    CHECK(p5->visitors == 500);
    CHECK(p5->add_to_cart == 50);
    CHECK(p5->buyers == 5);
    CHECK(p5->add_to_cart_rate() == doctest::Approx(0.10));  // 50 / 500
    CHECK(p5->conversion() == doctest::Approx(0.01));        // 5 / 500
    // A SKU without report rows is not reported (Products shows "—").
    CHECK(t->of(0) == nullptr);
    // No visitors: both rates -1 ("—").
    SkuTraffic none;
    none.reported = true;
    CHECK(none.conversion() == -1);
    CHECK(none.add_to_cart_rate() == -1);
    // A store without product traffic: an empty table, nothing reported.
    Store bare = ten_products();
    auto bds = load_dataset(bare);
    auto bt = shops::sku_traffic(bare.db(), *bds);
    REQUIRE(bt.ok());
    CHECK_FALSE(bt->any());
    CHECK(bt->of(0) == nullptr);
  }

  TEST_CASE("conversion: Planning's traffic role by the report's visitors; without a report exactly as by units") {
    Store s = ten_products();
    auto ds = load_dataset(s);
    REQUIRE(ds.ok());
    const std::vector<std::string> no_roles(10);
    // By units: P0 sold most (10 units): rank 0 < 10% of 10 products, margin 10 % < 20 % ->
    // traffic. The others: all prices equal, so all are in the top 5 % of prices, but each has
    // at least 1 of 55 units (1.8 % >= 1 %) -> not image; margin < 30 % -> not profit -> long tail.
    const planning::RoleMix by_units = planning::compute_roles(*ds, no_roles);
    CHECK(by_units.lines[0].suggested == planning::Role::traffic);
    for (int i = 1; i < 10; ++i) CHECK(by_units.lines[static_cast<size_t>(i)].suggested == planning::Role::long_tail);
    // A table with nothing reported, or none at all: the same roles.
    SkuTrafficTable empty;
    empty.by_product.assign(10, SkuTraffic{});
    const SkuTrafficTable* none_or_empty[] = {&empty, nullptr};
    for (const SkuTrafficTable* t : none_or_empty) {
      const planning::RoleMix m = planning::compute_roles(*ds, no_roles, 90, t);
      for (size_t i = 0; i < 10; ++i) CHECK(m.lines[i].suggested == by_units.lines[i].suggested);
    }
    // The report: P5 800 visitors, P0 100, the rest none. By visitors P5 is rank 0 -> traffic;
    // P0 (rank 1, not < 1) -> long tail.
    report(s, fixture::D(2025, 3, 1), "P5", 800, 80, 4);
    report(s, fixture::D(2025, 3, 1), "P0", 100, 20, 10);
    auto t = shops::sku_traffic(s.db(), *ds);
    REQUIRE(t.ok());
    const planning::RoleMix by_visits = planning::compute_roles(*ds, no_roles, 90, &*t);
    CHECK(by_visits.lines[5].suggested == planning::Role::traffic);
    CHECK(by_visits.lines[0].suggested == planning::Role::long_tail);
    CHECK(by_visits.products[static_cast<size_t>(planning::Role::traffic)] == 1);
    // Traffic orders: the one valid order holding P5.
    CHECK(by_visits.orders[static_cast<size_t>(planning::Role::traffic)] == 1);
  }

  TEST_CASE("conversion: low_conversion flags a title with many visitors converting below half of the rest of its category") {
    using insights::TitleInput;
    auto with = [](const char* sku, const char* cat, int64_t visitors, int64_t buyers) {
      TitleInput t{sku, std::string("西湖龙井 明前特级 绿茶 ") + sku, cat};
      t.traffic.reported = true;
      t.traffic.visitors = visitors;
      t.traffic.buyers = buyers;
      return t;
    };
    // 绿茶: 1000 + 400 + 600 + 50 = 2,050 visitors over 4 reported products, mean 512.5.
    //  T1 1000 visitors (>= 100 and >= 512.5), 10 buyers = 1 %; the rest: 50 buyers / 1,050
    //     visitors = 4.762 %; 1 % < half of it (2.381 %) -> low_conversion {1000, 0.01, 0.04762}.
    //  T2 400 < 512.5: not many visitors -> not flagged (though 5 %).
    //  T3 600 >= 512.5, 5 %; the rest 30 / 1,450 = 2.069 % -> not below -> not flagged.
    //  T4 50 visitors < 100 -> never judged.
    // 咖啡: C1 converts 0.1 % but only one other product has visitors (2+ needed) -> not flagged.
    // N1 has no category -> skipped.
    std::vector<TitleInput> in = {with("T1", "绿茶", 1000, 10), with("T2", "绿茶", 400, 20), with("T3", "绿茶", 600, 30),
                                  with("T4", "绿茶", 50, 0),     with("C1", "咖啡", 1000, 1), with("C2", "咖啡", 500, 50),
                                  with("N1", "", 5000, 1)};
    auto r = insights::check_titles(in, {}, {});
    REQUIRE(r.size() == 7);
    const insights::TitleFinding* f = finding(r[0], "low_conversion");
    REQUIRE(f != nullptr);
    CHECK(f->params == std::vector<std::string>{"1000", "0.01", "0.04762"});
    for (size_t i = 1; i < 7; ++i) CHECK(count_code(r[i], "low_conversion") == 0);
    // Without the product report (nothing reported): no low_conversion anywhere.
    for (TitleInput& t : in) t.traffic = SkuTraffic{};
    for (const auto& rep : insights::check_titles(in, {}, {})) CHECK(count_code(rep, "low_conversion") == 0);
  }

  TEST_CASE("conversion: the demo store has a product report that Products, Planning and Insights read") {
    Workspace ws;
    REQUIRE(ws.open_memory().ok());
    DemoOptions opt;
    opt.end_day = fixture::D(2025, 6, 30);
    opt.products = 40;
    opt.order_lines = 6000;
    REQUIRE(ws.open_demo(opt).ok());
    // Rows only for the last 30 days.
    auto n = ws.store().db().scalar("SELECT COUNT(*) FROM product_traffic WHERE day > " + std::to_string(opt.end_day - 30) +
                                    " AND day <= " + std::to_string(opt.end_day));
    REQUIRE(n.ok());
    CHECK(*n > 0);
    CHECK(*n == *ws.store().db().scalar("SELECT COUNT(*) FROM product_traffic"));
    // Buyers in the report never exceed visitors.
    CHECK(*ws.store().db().scalar("SELECT COUNT(*) FROM product_traffic WHERE buyers > visitors OR add_to_cart_buyers < buyers") == 0);
    auto t = ws.sku_traffic();
    REQUIRE(t.ok());
    CHECK(t->any());
    int reported = 0;
    for (const SkuTraffic& x : t->by_product) reported += x.reported;
    CHECK(reported > 10);
    auto attrs = ws.product_attributes();
    REQUIRE(attrs.ok());
    int low = 0;
    for (const auto& rep : insights::check_titles(ws.dataset(), *attrs, {}, {}, &*t)) low += count_code(rep, "low_conversion");
    CHECK(low >= 1);
  }
}
