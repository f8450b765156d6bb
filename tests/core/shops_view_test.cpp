// Issue #16, fourth session: visitors counted once when the 生意参谋 shop daily report and the
// traffic-source report cover the same days (docs/shops.md "Visitors counted once"), the
// comparison's refunds and share, and one shop seen as a store of its own (core/shops/
// shop_view.h, the dashboard's shop filter). Figures by hand in the comments.
#include <doctest/doctest.h>

#include "core/analytics/funnel.h"
#include "core/analytics/kpi.h"
#include "core/analytics/sources.h"
#include "core/insights/abtest.h"
#include "core/io/importer.h"
#include "core/shops/shop_view.h"
#include "core/shops/shops.h"
#include "core/store/dataset.h"
#include "core/store/store.h"
#include "fixture.h"
#include "platform_fixture.h"

using namespace shopkeeper;

namespace {

using fixture::D;

int16_t source_of(const Dataset& ds, const std::string& name) {
  for (int32_t i = 0; i < ds.sources.size(); ++i)
    if (ds.sources.names[static_cast<size_t>(i)] == name) return static_cast<int16_t>(i);
  return -1;
}

TrafficDay visits(Day d, const char* source, int64_t visitors, int64_t product_views, int64_t carts) {
  TrafficDay t;
  t.day = d;
  t.source = source;
  t.visitors = visitors;
  t.product_views = product_views;
  t.add_to_carts = carts;
  return t;
}

// 1 March: the shop daily report (source "all") says 1000 visitors; the source report says
// 手淘搜索 700 + 直通车 500 = 1200 (a visitor who came by both counts in both). 2 March: only the
// source report, 300 + 200. One order of 100.00 on 1 March.
Store both_reports() {
  Store s = fixture::memory_store();
  REQUIRE(s.write([](Writer& w) -> Status {
             const Day d1 = D(2025, 3, 1), d2 = D(2025, 3, 2);
             for (const TrafficDay& t : {visits(d1, "all", 1000, 400, 100), visits(d1, "手淘搜索", 700, 300, 60),
                                         visits(d1, "直通车", 500, 200, 50), visits(d2, "手淘搜索", 300, 90, 20),
                                         visits(d2, "直通车", 200, 60, 10)})
               if (auto st = w.put(t); !st) return st;
             auto o = fixture::order("A1", "2025-03-01 10:00:00").with_customer("C1").with_amounts(10000);
             if (auto r = w.add_order(o); !r) return r.error();
             return w.put(fixture::line("A1", 1, "X", 1, 10000));
           }).ok());
  return s;
}

}  // namespace

TEST_SUITE("shops") {
  TEST_CASE("shops: the shop daily report and the source report of the same days count visitors once") {
    Store s = both_reports();
    auto ds = load_dataset(s);
    REQUIRE(ds.ok());
    const DayRange r{D(2025, 3, 1), D(2025, 3, 2)};
    // Total: 1 March the daily report's 1000 (the sources are its breakdown), 2 March the sum of
    // the sources 300 + 200 = 500: 1500 (summing every row gave 1000 + 1200 + 500 = 2700).
    KpiResult k = compute_kpis(*ds, KpiQuery{r, Compare::none, -1, -1});
    CHECK(k.current.visitors == 1500);
    CHECK(k.current.product_views == 400 + 90 + 60);
    CHECK(k.current.add_to_carts == 100 + 20 + 10);
    // Per source the breakdown rows count: 手淘搜索 700 + 300.
    const int16_t search = source_of(*ds, "手淘搜索");
    REQUIRE(search >= 0);
    CHECK(compute_kpis(*ds, KpiQuery{r, Compare::none, -1, search}).current.visitors == 1000);
    // Funnel: the first step is the total; by source each source keeps its own rows.
    Funnel f = compute_funnel(*ds, FunnelQuery{r, -1});
    CHECK(f.overall.count[0] == 1500);
    CHECK(f.overall.count[1] == 550);
    for (const FunnelLine& l : f.by_source) {
      CAPTURE(l.name);
      if (l.name == "手淘搜索") CHECK(l.count[0] == 1000);
      if (l.name == "直通车") CHECK(l.count[0] == 700);
      if (l.name == "all") CHECK(l.count[0] == 1000);
    }
    // Sources: rows per source as reported, the total counted once.
    SourcesReport src = compute_sources(*ds, SourcesQuery{r, -1});
    CHECK(src.total.visitors == 1500);
    CHECK(src.total.conversion_rate == doctest::Approx(1.0 / 1500));
    // Shops compare and the daily report: shop 0 and all shops 1500; 1 March 1000, 2 March 500.
    auto sd = shops::load_shop_data(s.db(), *ds);
    REQUIRE(sd.ok());
    auto cmp = shops::compare_shops(*ds, *sd, r);
    REQUIRE(cmp.size() == 2);
    CHECK(cmp[0].visitors == 1500);
    CHECK(cmp[1].visitors == 1500);
    auto daily = shops::daily_report(*ds, *sd, r);
    REQUIRE(daily.size() == 4);
    CHECK(daily[0].figures.visitors == 1000);
    CHECK(daily[2].figures.visitors == 500);
    // Insights' A/B counts from the store: the same total.
    CHECK(insights::arm_counts(*ds, r, -1, -1).visitors == 1500);
  }

  TEST_CASE("shops: importing both 生意参谋 reports for the same day leaves the daily report's visitors") {
    Store s = fixture::memory_store();
    REQUIRE(import_file(s, fixture::platform_file("sycm_shop_daily_gbk.csv"), {}).ok());
    REQUIRE(import_file(s, fixture::platform_file("sycm_source.csv"), {}).ok());
    auto ds = load_dataset(s);
    REQUIRE(ds.ok());
    // The daily report: 1200 + 1000 + 1500 = 3700; the source report's 1 March rows (700 + 300 +
    // 200) are its breakdown (summing every row gave 4900).
    KpiResult k = compute_kpis(*ds, KpiQuery{DayRange{D(2025, 3, 1), D(2025, 3, 3)}, Compare::none, -1, -1});
    CHECK(k.current.visitors == 3700);
    CHECK(compute_kpis(*ds, KpiQuery{DayRange{D(2025, 3, 1), D(2025, 3, 1)}, Compare::none, -1,
                                     source_of(*ds, "直通车")})
              .current.visitors == 300);
  }

  // Shop 0: A1 1 March to C1 100.00; A2 3 March to C2 50.00 with 20.00 refunded; 1000 visitors on
  // 1 March. Shop 1: B1 2 March to C1 80.00 (C1's second order in the store, the first in shop 1);
  // B2 4 March to C1 40.00; 400 visitors on 2 March. Ad spend 30.00 on 1 March (no shop: shop 0's).
  TEST_CASE("shops: one shop seen as a store of its own, and the comparison's refunds and share") {
    Store s = fixture::memory_store();
    REQUIRE(s.write([](Writer& w) -> Status {
               struct O {
                 const char* id;
                 const char* when;
                 const char* customer;
                 Money paid;
               };
               for (const O& o : {O{"A1", "2025-03-01 09:00:00", "C1", 10000}, O{"B1", "2025-03-02 09:00:00", "C1", 8000},
                                  O{"A2", "2025-03-03 09:00:00", "C2", 5000}, O{"B2", "2025-03-04 09:00:00", "C1", 4000}}) {
                 if (auto r = w.add_order(fixture::order(o.id, o.when).with_customer(o.customer).with_amounts(o.paid)); !r)
                   return r.error();
                 if (auto st = w.put(fixture::line(o.id, 1, "X", 1, o.paid)); !st) return st;
               }
               Refund rf;
               rf.order_id = "A2";
               rf.amount = 2000;
               rf.refunded_at = fixture::at("2025-03-05 10:00:00");
               if (auto st = w.put(rf); !st) return st;
               if (auto st = w.put(visits(D(2025, 3, 1), "all", 1000, 0, 0)); !st) return st;
               if (auto st = w.put(visits(D(2025, 3, 2), "all", 400, 0, 0)); !st) return st;
               AdSpend ad;
               ad.day = D(2025, 3, 1);
               ad.channel = "直通车";
               ad.spend = 3000;
               return w.put(ad);
             }).ok());
    REQUIRE(s.db().exec("UPDATE orders SET shop_id=1 WHERE id IN ('B1','B2')").ok());
    REQUIRE(s.db().exec("UPDATE traffic_daily SET shop_id=1 WHERE day=" + std::to_string(D(2025, 3, 2))).ok());
    auto ds = load_dataset(s);
    REQUIRE(ds.ok());
    auto sd = shops::load_shop_data(s.db(), *ds);
    REQUIRE(sd.ok());
    const DayRange r{D(2025, 3, 1), D(2025, 3, 4)};

    // Shop 1: 80.00 + 40.00 over 2 orders; one customer, new to the shop (C1's first order in
    // shop 1 is B1, though A1 came before in shop 0) and a repeat customer within it; 400 visitors.
    Dataset one = shops::shop_view(*ds, *sd, 1);
    CHECK(one.orders() == 2);
    CHECK(one.lines() == 2);
    KpiResult k1 = compute_kpis(one, KpiQuery{r, Compare::none, -1, -1});
    CHECK(k1.current.valid_orders == 2);
    CHECK(k1.current.sales == 12000);
    CHECK(k1.current.customers == 1);
    CHECK(k1.current.new_customers == 1);
    CHECK(k1.current.repeat_customers == 1);
    CHECK(k1.current.visitors == 400);
    CHECK(k1.current.refunds == 0);
    CHECK(compute_sources(one, SourcesQuery{r, -1}).total.spend == 0);
    // Shop 0: 100.00 + 50.00, 20.00 refunded; two customers, both new; 1000 visitors; the ad spend.
    Dataset own = shops::shop_view(*ds, *sd, 0);
    KpiResult k0 = compute_kpis(own, KpiQuery{r, Compare::none, -1, -1});
    CHECK(k0.current.sales == 15000);
    CHECK(k0.current.refunds == 2000);
    CHECK(k0.current.customers == 2);
    CHECK(k0.current.new_customers == 2);
    CHECK(k0.current.visitors == 1000);
    CHECK(compute_sources(own, SourcesQuery{r, -1}).total.spend == 3000);
    // The two views add up to the store's sales, refunds and visitors.
    KpiResult all = compute_kpis(*ds, KpiQuery{r, Compare::none, -1, -1});
    CHECK(all.current.sales == k0.current.sales + k1.current.sales);
    CHECK(all.current.refunds == k0.current.refunds + k1.current.refunds);
    CHECK(all.current.visitors == k0.current.visitors + k1.current.visitors);
    // In the store C1 is one new customer (A1), in the shops new to each.
    CHECK(all.current.new_customers == 2);

    // The comparison: refunds of each shop's valid orders; share of the revenue 270.00:
    // 150.00 / 270.00 = 0.5556, 120.00 / 270.00 = 0.4444, the total 1.
    auto cmp = shops::compare_shops(*ds, *sd, r);
    REQUIRE(cmp.size() == 3);
    CHECK(cmp[0].refunds == 2000);
    CHECK(cmp[0].share == doctest::Approx(15000.0 / 27000));
    CHECK(cmp[1].refunds == 0);
    CHECK(cmp[1].share == doctest::Approx(12000.0 / 27000));
    CHECK(cmp[2].refunds == 2000);
    CHECK(cmp[2].share == doctest::Approx(1.0));
    auto list = shops::list_shops(s.db());
    REQUIRE(list.ok());
    Table t = shops::compare_table(cmp, *list);
    REQUIRE(t.columns.size() == 12);
    CHECK(t.columns[10] == "refunds");
    CHECK(t.columns[11] == "share");
    const std::string csv = to_csv(t);
    CAPTURE(csv);
    // all: 4 orders 270.00, 4 units, buyers C1 and C2, 1400 visitors: 2 / 1400 = 0.0014; aov 67.50.
    CHECK(csv.find(",all,,4,270.00,4,2,1400,0.0014,67.50,20.00,1\r\n") != std::string::npos);
  }

  // Shop 1 sells PDD-LJ titled as the store's TEA-LJ (Jaccard 1) and TEA-LJ2 (明前龙井 250g 装,
  // 7/8): the best is TEA-LJ; rejected, the next best TEA-LJ2 is suggested; rejected too, none.
  TEST_CASE("shops: a rejected suggestion is not suggested again; the next best product may be") {
    Store s = fixture::memory_store();
    REQUIRE(s.write([](Writer& w) -> Status {
               Product a = fixture::product("TEA-LJ", 4000, 9900);
               a.title = "明前龙井 250g";
               Product b = fixture::product("TEA-LJ2", 4000, 9900);
               b.title = "明前龙井 250g 装";
               if (auto st = w.put(a); !st) return st;
               if (auto st = w.put(b); !st) return st;
               if (auto r = w.add_order(fixture::order("P1", "2025-03-01 09:00:00").with_amounts(9900)); !r) return r.error();
               OrderLine l = fixture::line("P1", 1, "PDD-LJ", 1, 9900);
               l.title = "明前龙井 250g";
               if (auto st = w.put(l); !st) return st;
               if (auto st = w.db().exec("UPDATE orders SET shop_id=1"); !st) return st;
               return w.db().exec("INSERT INTO shops(id,name,platform) VALUES(1,'拼多多店','pinduoduo')");
             }).ok());
    auto sug = shops::suggest_codes(s.db());
    REQUIRE(sug.ok());
    REQUIRE(sug->size() == 1);
    CHECK((*sug)[0].sku == "TEA-LJ");
    REQUIRE(s.write([](Writer& w) { return shops::write_reject(w, 1, "PDD-LJ", "TEA-LJ"); }).ok());
    REQUIRE(s.write([](Writer& w) { return shops::write_reject(w, 1, "PDD-LJ", "TEA-LJ"); }).ok());  // again: no-op
    sug = shops::suggest_codes(s.db());
    REQUIRE(sug.ok());
    REQUIRE(sug->size() == 1);
    CHECK((*sug)[0].sku == "TEA-LJ2");
    CHECK((*sug)[0].score == 88);
    REQUIRE(s.write([](Writer& w) { return shops::write_reject(w, 1, "PDD-LJ", "TEA-LJ2"); }).ok());
    sug = shops::suggest_codes(s.db());
    REQUIRE(sug.ok());
    CHECK(sug->empty());
    // Mapping it by hand is still possible (a rejection only silences the suggestion).
    shops::MapRefusal why;
    CHECK(shops::map_code(s, 1, "PDD-LJ", "TEA-LJ", &why).ok());
  }
}

