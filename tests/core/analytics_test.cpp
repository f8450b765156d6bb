// Analytics against a small store whose every figure is computed by hand in the comments.
#include <doctest/doctest.h>

#include <cmath>

#include "core/analytics/alerts.h"
#include "core/analytics/breakdown.h"
#include "core/analytics/checklist.h"
#include "core/analytics/cohorts.h"
#include "core/analytics/decomposition.h"
#include "core/analytics/funnel.h"
#include "core/analytics/kpi.h"
#include "core/analytics/sources.h"
#include "core/store/store.h"
#include "fixture.h"

using namespace shopkeeper;

namespace {

using fixture::D;

struct Build {
  Writer& w;
  Status st = Ok{};
  void ok(Status s) {
    if (st && !s) st = s;
  }
  void order(const char* id, const char* cust, const char* at, OrderStatus s, const char* channel, const char* source,
             Money items, Money discount, Money shipping, Money paid) {
    auto o = fixture::order(id, at).with_customer(cust).with_status(s).with_channel(channel, source).with_amounts(items, discount, shipping);
    o.paid_amount = paid;  // as given: a test may pay other than items - discount + shipping
    auto r = w.add_order(o);
    if (!r) ok(r.error());
  }
  void line(const char* order, int no, const char* sku, int64_t qty, Money price, Money disc,
            std::optional<Money> cost = std::nullopt) {
    ok(w.put(OrderLine{order, no, sku, "", qty, price, disc, cost}));
  }
  void refund(const char* order, const char* sku, int64_t qty, Money amount, const char* at) {
    ok(w.put(Refund{order, sku, qty, amount, "", *parse_timestamp(at)}));
  }
  void traffic(Day d, const char* src, int64_t v, int64_t pv, int64_t sessions, int64_t prod, int64_t atc, double secs) {
    ok(w.put(TrafficDay{d, src, v, pv, sessions, prod, atc, secs}));
  }
};

// Products TEA (tea, cost 3.00, stock 5) and MUG (ware, cost unknown); customers C1, C3 east,
// C2 west. Current week 2025-03-10..16, previous week 03-03..09.
Store hand_store() {
  auto s = Store::open_memory();
  REQUIRE(s.ok());
  Status st = s->write([](Writer& w) -> Status {
    Build b{w};
    Product tea;
    tea.sku = "TEA";
    tea.title = "Green tea";
    tea.category = "tea";
    tea.unit_cost = 300;
    tea.list_price = 1000;
    tea.stock = 5;
    b.ok(w.put(tea));
    Product mug;
    mug.sku = "MUG";
    mug.category = "ware";
    mug.list_price = 2000;
    mug.stock = 100;
    b.ok(w.put(mug));
    for (auto [id, region] : {std::pair{"C1", "east"}, {"C2", "west"}, {"C3", "east"}}) {
      Customer c;
      c.id = id;
      c.region = region;
      b.ok(w.put(c));
    }
    using S = OrderStatus;
    b.order("O1", "C1", "2025-03-10 10:00", S::completed, "web", "search", 4000, 200, 500, 4300);
    b.line("O1", 1, "TEA", 2, 1000, 0);
    b.line("O1", 2, "MUG", 1, 2000, 200);
    b.order("O2", "C1", "2025-03-11 09:00", S::shipped, "app", "ads", 1000, 0, 0, 1000);
    b.line("O2", 1, "TEA", 1, 1000, 0);
    b.order("O3", "", "2025-03-11 12:00", S::completed, "web", "search", 3000, 300, 0, 2700);
    b.line("O3", 1, "TEA", 3, 1000, 300);
    b.order("O4", "C2", "2025-03-12 15:00", S::cancelled, "web", "ads", 2000, 0, 0, 0);
    b.line("O4", 1, "MUG", 1, 2000, 0);
    b.order("O5", "C2", "2025-03-13 08:00", S::pending, "web", "search", 1000, 0, 0, 0);
    b.line("O5", 1, "TEA", 1, 1000, 0);
    b.order("O6", "C3", "2025-03-14 20:00", S::refunded, "app", "ads", 1500, 0, 0, 1500);
    b.line("O6", 1, "GIFT", 1, 500, 0, 100);  // SKU not in products, cost on the line
    b.line("O6", 2, "TEA", 1, 1000, 0);
    // previous week
    b.order("P1", "C3", "2025-03-05 10:00", S::completed, "web", "search", 1000, 0, 0, 1000);
    b.line("P1", 1, "TEA", 1, 1000, 0);
    b.order("P2", "", "2025-03-06 10:00", S::completed, "web", "search", 2000, 0, 0, 2000);
    b.line("P2", 1, "TEA", 2, 1000, 0);
    // after both periods (cohorts)
    b.order("O7", "C1", "2025-04-02 10:00", S::completed, "web", "search", 1000, 0, 0, 1000);
    b.line("O7", 1, "TEA", 1, 1000, 0);
    b.refund("O1", "MUG", 1, 1800, "2025-03-20 10:00");  // after the range: still counts on O1's day
    b.refund("O6", "", 2, 1500, "2025-03-15 10:00");     // whole order: no line, no cost
    b.refund("O3", "TEA", 1, 900, "2025-03-12 10:00");
    b.refund("O4", "MUG", 1, 2000, "2025-03-13 10:00");  // cancelled order: ignored
    b.refund("NOPE", "", 0, 100, "2025-03-13 10:00");    // unknown order: ignored
    b.traffic(D(2025, 3, 10), "search", 100, 300, 120, 80, 20, 60);
    b.traffic(D(2025, 3, 11), "ads", 50, 100, 0, 40, 10, 30);  // no sessions: visits = visitors
    b.traffic(D(2025, 3, 16), "search", 50, 200, 80, 30, 5, 90);
    b.traffic(D(2025, 3, 5), "search", 80, 160, 80, 40, 8, 40);
    b.ok(w.put(AdSpend{D(2025, 3, 11), "ads", 5000, 10000, 300}));
    return b.st;
  });
  REQUIRE(st.ok());
  return std::move(*s);
}

Dataset hand_dataset() {
  Store s = hand_store();
  auto ds = load_dataset(s);
  REQUIRE(ds.ok());
  return std::move(*ds);
}

const DayRange kWeek{D(2025, 3, 10), D(2025, 3, 16)};

int16_t index_of(const Dict& d, const char* name) {
  for (int32_t i = 0; i < d.size(); ++i)
    if (d.names[static_cast<size_t>(i)] == name) return static_cast<int16_t>(i);
  return -1;
}

}  // namespace

TEST_SUITE("analytics") {
  TEST_CASE("refund_line points at the first line of the order with the refunded SKU") {
    Dataset ds = hand_dataset();
    int checked = 0;
    for (size_t k = 0; k < ds.refund_order.size(); ++k) {
      if (ds.refund_order[k] < 0) {
        CHECK(ds.refund_line[k] == -1);
        continue;
      }
      const std::string& oid = ds.order_id[static_cast<size_t>(ds.refund_order[k])];
      const size_t o = static_cast<size_t>(ds.refund_order[k]);
      if (oid == "O1") {  // MUG is O1's second line
        CHECK(ds.refund_line[k] == static_cast<int32_t>(ds.order_line_begin[o] + 1));
        ++checked;
      } else if (oid == "O6") {  // whole-order refund
        CHECK(ds.refund_line[k] == -1);
        ++checked;
      } else if (oid == "O3") {
        CHECK(ds.refund_line[k] == static_cast<int32_t>(ds.order_line_begin[o]));
        ++checked;
      }
    }
    CHECK(checked == 3);
  }

  TEST_CASE("every metric of the hand-computed week") {
    Dataset ds = hand_dataset();
    KpiResult k = compute_kpis(ds, KpiQuery{kWeek, Compare::previous});
    auto v = [&](Metric m) { return k.get(m); };
    CHECK(v(Metric::visitors) == 200);
    CHECK(v(Metric::page_views) == 600);
    CHECK(v(Metric::pages_per_visit) == doctest::Approx(600.0 / 250.0));  // visits 120 + 50 + 80
    CHECK(v(Metric::avg_visit_seconds) == doctest::Approx((60.0 * 120 + 30.0 * 50 + 90.0 * 80) / 250.0));
    CHECK(v(Metric::orders) == 6);
    CHECK(v(Metric::valid_orders) == 4);  // O1 O2 O3 O6
    CHECK(v(Metric::valid_order_rate) == doctest::Approx(4.0 / 6.0));
    CHECK(v(Metric::gmv) == 4300 + 1000 + 2700 + 2000 + 1000 + 1500);
    CHECK(v(Metric::sales) == 9500);
    CHECK(v(Metric::refunds) == 1800 + 1500 + 900);
    CHECK(v(Metric::net_sales) == 5300);
    CHECK(v(Metric::aov) == 2375);
    CHECK(v(Metric::units) == 9);
    CHECK(v(Metric::units_per_order) == doctest::Approx(2.25));
    // Gross profit over the lines with a known cost (issue #10). Covered sales: O1 paid 4300 split
    // by line revenue, TEA 2000 of 3800 (MUG has no cost): 4300 x 2000 / 3800 = 2263.16 -> 2263;
    // O2 1000, O3 2700, O6 1500 (GIFT and TEA both costed) -> 7463. Covered refunds: O1 MUG 1800
    // no (no cost), O6 whole-order 1500 yes (all of O6 is costed), O3 TEA 900 yes -> 2400.
    // Covered net sales 5063; cost sold 600 + 300 + 900 + 100 + 300 = 2200, refunded cost 300.
    CHECK(v(Metric::gross_profit) == 5063 - (2200 - 300));
    CHECK(v(Metric::gross_margin) == doctest::Approx(3163.0 / 5063.0));
    CHECK(v(Metric::gross_profit_coverage) == doctest::Approx(5063.0 / 5300.0));
    CHECK(v(Metric::conversion_rate) == doctest::Approx(0.02));
    CHECK(v(Metric::customers) == 2);  // C1, C3 (C2 has no valid order, O3 is a guest)
    CHECK(v(Metric::new_customers) == 1);  // C1; C3 first bought on 03-05
    CHECK(v(Metric::returning_customers) == 1);
    CHECK(v(Metric::repurchase_rate) == doctest::Approx(0.5));
    CHECK(v(Metric::refund_rate_amount) == doctest::Approx(4200.0 / 9500.0));
    CHECK(v(Metric::refund_rate_units) == doctest::Approx(4.0 / 9.0));
    CHECK(k.current.lines_without_cost == 1);
    CHECK(k.current.refunded_units_without_cost == 3);  // MUG 1 + whole-order 2
    CHECK(k.current.guest_valid_orders == 1);

    // previous week: P1 (C3, new then), P2 (guest)
    CHECK(k.compare_range == DayRange{D(2025, 3, 3), D(2025, 3, 9)});
    CHECK(k.before(Metric::sales) == 3000);
    CHECK(k.before(Metric::visitors) == 80);
    CHECK(k.before(Metric::new_customers) == 1);
    CHECK(k.before(Metric::aov) == 1500);
    CHECK(k.change(Metric::sales) == doctest::Approx(6500.0 / 3000.0));
    CHECK(std::isnan(k.before(Metric::refund_rate_units)) == false);
    CHECK(k.before(Metric::refund_rate_units) == 0);

    // daily series: sales 4300, 3700, 0, 0, 1500, 0, 0
    const auto& s = k.series[static_cast<size_t>(Metric::sales)];
    REQUIRE(s.size() == 7);
    CHECK(s == std::vector<double>{4300, 3700, 0, 0, 1500, 0, 0});
    CHECK(k.daily[1].customers == 1);      // C1 on 03-11 (the guest does not count)
    CHECK(k.daily[1].new_customers == 0);  // C1 was new on 03-10
    CHECK(k.daily[0].new_customers == 1);
    CHECK(std::isnan(k.series[static_cast<size_t>(Metric::aov)][2]));
  }

  TEST_CASE("filters: traffic source and channel") {
    Dataset ds = hand_dataset();
    KpiResult s = compute_kpis(ds, KpiQuery{kWeek, Compare::none, -1, index_of(ds.sources, "search")});
    CHECK(s.get(Metric::orders) == 3);  // O1 O3 O5
    CHECK(s.get(Metric::sales) == 7000);
    CHECK(s.get(Metric::visitors) == 150);
    CHECK(std::isnan(s.before(Metric::sales)));
    KpiResult c = compute_kpis(ds, KpiQuery{kWeek, Compare::none, index_of(ds.channels, "app"), -1});
    CHECK(c.get(Metric::sales) == 2500);  // O2 O6
    CHECK(c.get(Metric::refunds) == 1500);
    CHECK(std::isnan(c.get(Metric::visitors)));  // traffic has no channel
    CHECK(std::isnan(c.get(Metric::conversion_rate)));
  }

  TEST_CASE("trend buckets: weeks start on Monday, months are calendar months") {
    Dataset ds = hand_dataset();
    Trend w = compute_trend(ds, TrendQuery{DayRange{D(2025, 3, 5), D(2025, 4, 2)}, Grain::week});
    // 03-05 (Wed) .. 03-09, 03-10..16, 03-17..23, 03-24..30, 03-31..04-02
    REQUIRE(w.bucket_start.size() == 5);
    CHECK(w.bucket_start[1] == D(2025, 3, 10));
    CHECK(w.value(Metric::sales, 0) == 3000);
    CHECK(w.value(Metric::sales, 1) == 9500);
    CHECK(w.value(Metric::sales, 4) == 1000);
    Trend m = compute_trend(ds, TrendQuery{DayRange{D(2025, 3, 1), D(2025, 4, 30)}, Grain::month});
    REQUIRE(m.buckets.size() == 2);
    CHECK(m.value(Metric::sales, 0) == 12500);
    CHECK(m.buckets[0].customers == 2);         // C1, C3
    CHECK(m.buckets[0].repeat_customers == 2);  // both bought twice in March
    CHECK(m.buckets[1].new_customers == 0);     // C1 in April is returning
  }

  TEST_CASE("sales and gross profit decomposition add up and name the drivers") {
    Dataset ds = hand_dataset();
    KpiResult k = compute_kpis(ds, KpiQuery{kWeek, Compare::previous});
    Explanation e = explain(k);
    REQUIRE(e.sales.ok);
    REQUIRE(e.sales.factors.size() == 3);
    // visitors 80 -> 200, conversion 2/80 -> 4/200, AOV 1500 -> 2375
    const double L = 6500.0 / std::log(9500.0 / 3000.0);
    CHECK(e.sales.factors[0].contribution == doctest::Approx(L * std::log(2.5)));
    CHECK(e.sales.factors[1].contribution == doctest::Approx(L * std::log(0.8)));
    CHECK(e.sales.factors[2].contribution == doctest::Approx(L * std::log(2375.0 / 1500.0)));
    double sum = 0, shares = 0, points = 0;
    for (const Factor& f : e.sales.factors) {
      sum += f.contribution;
      shares += f.share;
      points += f.points;
    }
    CHECK(sum == doctest::Approx(6500.0));
    CHECK(shares == doctest::Approx(1.0));
    CHECK(points == doctest::Approx(6500.0 / 3000.0));
    // Each factor's own change as on its card (conversion rate 2.50% -> 2.00%: -0.50 pp) and its
    // share of the change: visitors ln 2.5 / ln(9500/3000) = 79.5%, conversion ln 0.8 / ... = -19.4%.
    // The sentence names visitors (main) and conversion (against); it is worded in ui/i18n
    // (tests/ui/words_test.cpp words this very case).
    CHECK(e.sales.sentence == DecompSentence::drivers);
    CHECK(e.sales.main == 0);
    CHECK(e.sales.against == 1);
    CHECK(e.sales.factors[0].share == doctest::Approx(0.795).epsilon(0.002));
    CHECK(e.sales.factors[1].share == doctest::Approx(-0.194).epsilon(0.005));
    CHECK(e.sales.factors[1].rate);
    CHECK(e.sales.factors[1].own_change == doctest::Approx(-0.005));
    CHECK(e.sales.factors[0].own_change == doctest::Approx(1.5));
    // gross profit 3163 now (see above); before: 3000 - 900 = 2100, all of it costed
    REQUIRE(e.gross_profit.ok);
    REQUIRE(e.gross_profit.factors.size() == 4);
    double gp = 0;
    for (const Factor& f : e.gross_profit.factors) gp += f.contribution;
    CHECK(gp == doctest::Approx(1063.0));
    CHECK(e.gross_profit.factors[1].after == doctest::Approx(5300.0 / 9500.0));  // kept after refunds
    CHECK(std::string(e.gross_profit.factors[2].key) == "cost_coverage");
    CHECK(e.gross_profit.factors[2].before == doctest::Approx(1.0));
    CHECK(e.gross_profit.factors[2].after == doctest::Approx(5063.0 / 5300.0));
    CHECK(e.gross_profit.factors[3].before == doctest::Approx(0.7));
  }

  TEST_CASE("orders down but sales up: the sentence says so") {
    Totals before, after;
    before.visitors = after.visitors = 1000;
    before.valid_orders = 100;
    before.sales = 100000;
    after.valid_orders = 92;   // -8 %
    after.sales = 103000;      // +3 %; AOV 1000 -> 1119.57 (+12.0 %)
    Decomposition d = decompose_sales(before, after);
    REQUIRE(d.ok);
    // AOV's share: ln(1.1196) / ln(1.03) = 382% of the (small) change; conversion's -282%.
    CHECK(d.sentence == DecompSentence::orders_against);  // worded in tests/ui/words_test.cpp
    CHECK(d.orders_change == doctest::Approx(-0.08));
    REQUIRE(d.main == 2);
    CHECK(std::string(d.factors[2].key) == "aov");
    CHECK(d.factors[2].share == doctest::Approx(3.82).epsilon(0.002));
    CHECK(d.factors[0].contribution == doctest::Approx(0.0));  // visitors unchanged
    Totals zero;
    Decomposition none = decompose_sales(zero, after);
    CHECK_FALSE(none.ok);
    // Without traffic in both periods orders are the first factor, zero in the empty period; the
    // decomposition names it (the reason is worded in ui/i18n).
    CHECK(none.blocked == "orders");
  }

  TEST_CASE("breakdowns by product, category, channel and region") {
    Dataset ds = hand_dataset();
    Breakdown p = compute_breakdown(ds, BreakdownQuery{kWeek, Compare::previous, Dimension::product, 2});
    REQUIRE(p.rows.size() == 2);
    CHECK(p.keys_with_sales == 3);  // TEA, MUG and the unknown GIFT
    CHECK(p.rows[0].name == "TEA");
    CHECK(p.rows[0].title == "Green tea");
    CHECK(p.rows[0].sales == 2000 + 1000 + 2700 + 1000);
    CHECK(p.rows[0].units == 7);
    CHECK(p.rows[0].orders == 4);
    CHECK(p.rows[0].refunds == 900);
    CHECK(p.rows[0].gross_profit == 6700 - 900 - (2100 - 300));
    CHECK(p.rows[0].compare_sales == 3000);
    CHECK(p.rows[0].change == doctest::Approx(6700.0 / 3000.0 - 1.0));
    CHECK(p.rows[0].share == doctest::Approx(6700.0 / 9000.0));
    CHECK(p.rows[0].daily_sales == std::vector<Money>{2000, 3700, 0, 0, 1000, 0, 0});
    CHECK(p.rows[1].name == "MUG");
    CHECK(p.rows[1].sales == 1800);
    CHECK(p.rows[1].lines_without_cost == 1);
    CHECK_FALSE(p.rows[1].has_gross_profit);  // MUG has no cost: no profit, not its sales
    CHECK(p.rows[0].has_gross_profit);
    CHECK(p.rows[0].gross_profit_coverage == doctest::Approx(1.0));
    CHECK(p.unattributed_refunds == 1500);
    CHECK(p.total_sales == 9000);

    BreakdownQuery bq{kWeek, Compare::previous, Dimension::product, 1};
    bq.bottom = true;
    Breakdown bottom = compute_breakdown(ds, bq);
    REQUIRE(bottom.rows.size() == 1);
    CHECK(bottom.rows[0].key == -1);  // GIFT, not in products
    CHECK(bottom.rows[0].sales == 500);

    Breakdown cat = compute_breakdown(ds, BreakdownQuery{kWeek, Compare::none, Dimension::category, 0});
    REQUIRE(cat.rows.size() == 3);
    CHECK(cat.rows[0].name == "tea");
    CHECK(cat.rows[1].name == "ware");
    CHECK(cat.rows[2].key == -1);

    Breakdown ch = compute_breakdown(ds, BreakdownQuery{kWeek, Compare::none, Dimension::channel, 0});
    REQUIRE(ch.rows.size() == 2);
    CHECK(ch.rows[0].name == "web");
    CHECK(ch.rows[0].sales == 7000);
    CHECK(ch.rows[0].refunds == 1800 + 900);
    // web: O1 and O3. Covered net sales 2263 + 2700 - 900 (O1's MUG refund has no cost) = 4063;
    // cost 600 + 900 - 300 refunded -> gross profit 2863.
    CHECK(ch.rows[0].gross_profit == 2863);
    CHECK(ch.rows[0].covered_net_sales == 4063);
    CHECK(ch.rows[1].sales == 2500);

    Breakdown reg = compute_breakdown(ds, BreakdownQuery{kWeek, Compare::none, Dimension::region, 0});
    REQUIRE(reg.rows.size() == 2);
    CHECK(reg.rows[0].name == "east");
    CHECK(reg.rows[0].sales == 4300 + 1000 + 1500);
    CHECK(reg.rows[1].key == -1);  // guests
    CHECK(reg.rows[1].sales == 2700);
  }

  TEST_CASE("funnel overall and by source, worst step marked") {
    Dataset ds = hand_dataset();
    Funnel f = compute_funnel(ds, FunnelQuery{kWeek});
    CHECK(f.overall.count == std::array<int64_t, 5>{200, 150, 35, 6, 4});
    CHECK(f.overall.step_rate[2] == doctest::Approx(35.0 / 150.0));
    CHECK(f.overall.worst_step == 3);  // add to cart -> order: 6 / 35
    REQUIRE(f.by_source.size() == 2);
    CHECK(f.by_source[0].name == "search");
    CHECK(f.by_source[0].count == std::array<int64_t, 5>{150, 110, 25, 3, 2});
    CHECK(f.by_source[1].name == "ads");
    CHECK(f.by_source[1].count == std::array<int64_t, 5>{50, 40, 10, 3, 2});
    CHECK(f.by_source[1].worst_step == 2);  // 10 / 40 = 0.25 < 3 / 10
  }

  TEST_CASE("sources with ad spend: ROAS, cost per order, cost per new customer") {
    Dataset ds = hand_dataset();
    SourcesReport r = compute_sources(ds, SourcesQuery{kWeek});
    REQUIRE(r.rows.size() == 2);
    const SourceRow& search = r.rows[0];
    const SourceRow& ads = r.rows[1];
    CHECK(search.name == "search");
    CHECK(search.sales == 7000);
    CHECK(search.new_customers == 1);  // C1's first valid order O1 came from search
    CHECK(std::isnan(search.roas));
    CHECK(ads.spend == 5000);
    CHECK(ads.valid_orders == 2);
    CHECK(ads.roas == doctest::Approx(0.5));
    CHECK(ads.cost_per_order == 2500);
    CHECK(std::isnan(ads.cost_per_new_customer));
    CHECK(ads.refunds == 1500);
    CHECK(r.total.sales == 9500);
    CHECK(r.total.cost_per_new_customer == 5000);
  }

  TEST_CASE("cohorts by first-purchase month") {
    Dataset ds = hand_dataset();
    CohortMatrix m = compute_cohorts(ds, CohortQuery{DayRange{D(2025, 3, 1), D(2025, 3, 31)}, 3});
    CHECK(m.as_of == D(2025, 4, 2));
    REQUIRE(m.rows.size() == 1);
    const CohortRow& r = m.rows[0];
    CHECK(r.size == 2);  // C3 (03-05), C1 (03-10)
    REQUIRE(r.cells.size() == 2);  // March, April (as_of)
    CHECK(r.cells[0].active_customers == 2);
    CHECK(r.cells[0].sales == 1000 + 4300 + 1000 + 1500);
    CHECK(r.cells[0].complete);
    CHECK(r.cells[1].active_customers == 1);
    CHECK(r.cells[1].retention == doctest::Approx(0.5));
    CHECK(r.cells[1].revenue_per_customer == doctest::Approx(500.0));
    CHECK(r.cells[1].cumulative_revenue_per_customer == doctest::Approx(3900.0 + 500.0));
    CHECK_FALSE(r.cells[1].complete);
  }

  // Their labels and definitions are words, in ui/i18n/metric_words.cpp (checked by the UI tests).
  TEST_CASE("metric definitions: one per metric, in order, all filled in") {
    const auto& defs = metric_definitions();
    for (int i = 0; i < kMetricCount; ++i) {
      const MetricDef& d = defs[static_cast<size_t>(i)];
      CHECK(static_cast<int>(d.metric) == i);
      CHECK(std::string(d.name).size() > 2);
      Metric back;
      CHECK(find_metric(d.name, back));
      CHECK(back == d.metric);
    }
    CHECK(metric_def(Metric::refunds).higher_is_better == false);
    CHECK(metric_def(Metric::gross_margin).unit == MetricUnit::rate);
  }
}

TEST_SUITE("analytics") {
  TEST_CASE("robust band: median and scaled MAD with a floor") {
    std::vector<double> h{10, 12, 11, 9, 30};
    Band b = robust_band(h, 3.5);
    CHECK(b.median == 11);
    CHECK(b.sigma == doctest::Approx(1.4826 * 1));  // deviations 1 1 0 2 19 -> MAD 1
    std::vector<double> flat{100, 100, 100};
    CHECK(robust_band(flat, 3.5).sigma == doctest::Approx(5.0));  // 5 % of the median
  }

  TEST_CASE("alerts: a weekday-aware band flags the one abnormal day") {
    auto s = Store::open_memory();
    REQUIRE(s.ok());
    // 10 weeks from Monday 2025-01-06: sales 1000 on weekdays, 3000 at weekends, +-10 wobble;
    // the last Saturday sells 1000 (a normal weekday figure, far below a Saturday).
    const Day start = D(2025, 1, 6);
    const Day bad = start + 7 * 9 + 5;
    REQUIRE(s->write([&](Writer& w) -> Status {
      for (Day d = start; d < start + 70; ++d) {
        Order o;
        o.id = "A" + std::to_string(d);
        o.placed_at = start_of(d) + 3600;
        o.status = OrderStatus::completed;
        const bool weekend = weekday(d) >= 5;
        o.paid_amount = (weekend ? 3000 : 1000) + ((d % 3) - 1) * 10;
        if (d == bad) o.paid_amount = 1000;
        if (auto r = w.add_order(o); !r) return r.error();
      }
      return Ok{};
    }).ok());
    auto ds = load_dataset(*s);
    REQUIRE(ds.ok());
    AlertQuery q;
    q.range = DayRange{start + 56, start + 69};
    q.metrics = {Metric::sales};
    std::vector<Alert> alerts = detect_alerts(*ds, q);
    REQUIRE(alerts.size() == 1);
    CHECK(alerts[0].day == bad);
    CHECK(alerts[0].direction == -1);
    CHECK(alerts[0].band.n == 8);
    CHECK(weekday(alerts[0].day) == 5);  // a Saturday (the sentence is worded in ui/i18n: tests/ui)
    // Without weekday awareness the weekend would be the outlier; with too little history, nothing.
    q.range = DayRange{start + 7, start + 13};
    CHECK(detect_alerts(*ds, q).empty());
  }

  TEST_CASE("check-list: traffic drop, refunds spike, top seller low on stock") {
    auto s = Store::open_memory();
    REQUIRE(s.ok());
    const Day today = D(2025, 5, 30);
    REQUIRE(s->write([&](Writer& w) -> Status {
      Product p;
      p.sku = "HOT";
      p.title = "Hot item";
      p.stock = 6;
      if (auto r = w.put(p); !r) return r;
      Product q;
      q.sku = "SLOW";
      q.stock = 1000;
      if (auto r = w.put(q); !r) return r;
      for (Day d = today - 28; d < today; ++d) {  // 2 HOT a day, 1 SLOW a day for 28 days
        Order o;
        o.id = "O" + std::to_string(d);
        o.placed_at = start_of(d) + 100;
        o.status = OrderStatus::completed;
        o.paid_amount = 3000;
        if (auto r = w.add_order(o); !r) return r.error();
        if (auto r = w.put(OrderLine{o.id, 1, "HOT", "", 2, 1000, 0, std::nullopt}); !r) return r;
        if (auto r = w.put(OrderLine{o.id, 2, "SLOW", "", 1, 1000, 0, std::nullopt}); !r) return r;
        // a 100 refund booked every day, 5000 yesterday
        if (auto r = w.put(Refund{o.id, "", 0, d == today - 1 ? 5000 : 100, "", start_of(d) + 200}); !r) return r;
      }
      if (auto r = w.put(TrafficDay{today - 8, "search", 100, 0, 0, 0, 0, 0}); !r) return r;
      return w.put(TrafficDay{today - 1, "search", 60, 0, 0, 0, 0, 0});
    }).ok());
    auto ds = load_dataset(*s);
    REQUIRE(ds.ok());
    auto items = daily_checklist(*ds, ChecklistQuery{today});
    auto find = [&](const char* key) -> const ChecklistItem* {
      for (const auto& it : items)
        if (it.key == key) return &it;
      return nullptr;
    };
    const ChecklistItem* traffic = find("traffic_vs_last_week");
    REQUIRE(traffic);
    CHECK(traffic->severity == Severity::warning);  // 100 -> 60
    CHECK(traffic->why == ItemWhy::metric_vs_last_week);  // worded in ui/i18n (tests/ui/error_words_test.cpp)
    CHECK(traffic->metric == static_cast<int32_t>(Metric::visitors));
    CHECK(traffic->day == today - 1);
    CHECK(traffic->value == 60);
    CHECK(traffic->reference == 100);
    const ChecklistItem* conv = find("conversion_vs_last_week");
    REQUIRE(conv);
    CHECK(conv->value == doctest::Approx(1.0 / 60.0));
    CHECK(conv->severity == Severity::info);  // 1/100 -> 1/60 is up
    const ChecklistItem* refunds = find("refunds_spike");
    REQUIRE(refunds);
    CHECK(refunds->severity == Severity::warning);
    CHECK(refunds->value == 5000);
    CHECK(refunds->reference == 100);
    CHECK(refunds->why == ItemWhy::refunds_spike);
    const ChecklistItem* stock = find("low_stock");
    REQUIRE(stock);  // HOT: 6 left at 2 a day = 3 days; SLOW: 1000 days
    CHECK(stock->product == 0);
    CHECK(stock->value == doctest::Approx(3.0));
    CHECK(stock->why == ItemWhy::low_stock);
    CHECK(stock->stock == 6);
    CHECK(stock->per_day == doctest::Approx(2.0));
    int low = 0;
    for (const auto& it : items) low += it.key == "low_stock";
    CHECK(low == 1);
  }
}
