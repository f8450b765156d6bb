// compute_kpis vs plain SQL over the same store: on a randomized store (deterministic PRNG) with
// random statuses, guests, refunds (by SKU, whole-order, of cancelled and of unknown orders),
// SKUs missing from products and missing costs. See analytics_sql_check.h.
#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <map>

#include "core/base/random.h"
#include "core/analytics/breakdown.h"
#include "core/analytics/index.h"
#include "core/analytics/kpi.h"
#include "tests/core/analytics_sql_check.h"

namespace shopkeeper::test {

namespace {

using Values = std::array<double, kMetricCount>;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Every metric in Metric order, from the tables alone. ?1/?2: placed_at window [start, end);
// ?3 channel, ?4 source ('' = all); ?5/?6 first/last day for traffic.
const char* kSql = R"SQL(
WITH
 o AS (SELECT * FROM orders WHERE placed_at >= ?1 AND placed_at < ?2
         AND (?3 = '' OR channel = ?3) AND (?4 = '' OR traffic_source = ?4)),
 v AS (SELECT * FROM o WHERE status IN (1, 2, 3, 5)),
 lc AS (SELECT v.id AS oid, l.qty AS qty, COALESCE(l.unit_cost, p.unit_cost) AS cost,
               l.qty * l.unit_price - l.discount_amount AS rev
          FROM order_lines l JOIN v ON v.id = l.order_id LEFT JOIN products p ON p.sku = l.sku
          WHERE l.kind = 0),  -- merchandise only (issue #10: postage and fees are not products)
 -- Gross profit's coverage (issue #10): each valid order's paid amount split between its lines
 -- with and without a known cost by line revenue, the share clamped to [0, 1] and rounded half
 -- away from zero; a refund goes with its line, one naming no line takes its order's split.
 oc AS (SELECT v.id AS oid, v.paid_amount AS paid, COUNT(lc.oid) AS n, COALESCE(SUM(lc.cost IS NULL), 0) AS nu,
               COALESCE(SUM(lc.rev), 0) AS rev, COALESCE(SUM(CASE WHEN lc.cost IS NOT NULL THEN lc.rev ELSE 0 END), 0) AS krev
          FROM v LEFT JOIN lc ON lc.oid = v.id GROUP BY v.id),
 ocp AS (SELECT oid, paid, n, nu, CASE WHEN n > 0 AND nu = 0 THEN paid WHEN nu = n THEN 0
                 WHEN rev <= 0 OR krev <= 0 THEN 0 WHEN krev >= rev THEN paid
                 WHEN paid * krev >= 0 THEN (2 * paid * krev + rev) / (2 * rev)
                 ELSE -((2 * -(paid * krev) + rev) / (2 * rev)) END AS cp
          FROM oc),
 rf0 AS (SELECT r.qty AS qty, r.amount AS amount, r.order_id AS oid,
          (SELECT CASE WHEN l.kind = 0 THEN COALESCE(l.unit_cost, p.unit_cost) END FROM order_lines l
            LEFT JOIN products p ON p.sku = l.sku
            WHERE l.order_id = r.order_id AND l.sku = r.sku AND r.sku <> '' ORDER BY l.line_no LIMIT 1) AS cost,
          EXISTS (SELECT 1 FROM order_lines l WHERE l.order_id = r.order_id AND l.sku = r.sku AND r.sku <> '') AS has_line
          FROM refunds r JOIN v ON v.id = r.order_id),
 rf AS (SELECT rf0.qty, rf0.amount, rf0.cost,
          CASE WHEN has_line THEN (CASE WHEN rf0.cost IS NOT NULL THEN amount ELSE 0 END)
               WHEN ocp.n > 0 AND ocp.nu = 0 THEN amount
               WHEN ocp.paid <= 0 OR ocp.cp <= 0 THEN 0 WHEN ocp.cp >= ocp.paid THEN amount
               WHEN amount * ocp.cp >= 0 THEN (2 * amount * ocp.cp + ocp.paid) / (2 * ocp.paid)
               ELSE -((2 * -(amount * ocp.cp) + ocp.paid) / (2 * ocp.paid)) END AS covered
          FROM rf0 JOIN ocp ON ocp.oid = rf0.oid),
 t AS (SELECT visitors, page_views, CASE WHEN sessions > 0 THEN sessions ELSE visitors END AS visits, avg_seconds
         FROM traffic_daily WHERE day BETWEEN ?5 AND ?6 AND (?4 = '' OR source = ?4)),
 firsts AS (SELECT customer_id, MIN(placed_at) AS f FROM orders
              WHERE status IN (1, 2, 3, 5) AND customer_id IS NOT NULL GROUP BY customer_id),
 cust AS (SELECT customer_id, COUNT(*) AS n FROM v WHERE customer_id IS NOT NULL GROUP BY customer_id),
 s AS (SELECT
   (SELECT COUNT(*) FROM o) AS orders,
   (SELECT COALESCE(SUM(items_amount - discount_amount + shipping_amount), 0) FROM o) AS gmv,
   (SELECT COUNT(*) FROM v) AS valid,
   (SELECT COALESCE(SUM(paid_amount), 0) FROM v) AS sales,
   (SELECT COALESCE(SUM(qty), 0) FROM lc) AS units,
   (SELECT COALESCE(SUM(qty * cost), 0) FROM lc WHERE cost IS NOT NULL) AS cost_sold,
   (SELECT COALESCE(SUM(amount), 0) FROM rf) AS refunds,
   (SELECT COALESCE(SUM(qty), 0) FROM rf) AS refunded_units,
   (SELECT COALESCE(SUM(qty * cost), 0) FROM rf WHERE cost IS NOT NULL) AS cost_refunded,
   (SELECT COUNT(*) FROM lc WHERE cost IS NOT NULL) AS lines_known,
   (SELECT COALESCE(SUM(cp), 0) FROM ocp) AS covered_sales,
   (SELECT COALESCE(SUM(covered), 0) FROM rf) AS covered_refunds,
   (SELECT COUNT(*) FROM cust) AS customers,
   (SELECT COUNT(*) FROM cust WHERE n >= 2) AS repeaters,
   (SELECT COUNT(*) FROM cust JOIN firsts USING (customer_id) WHERE f >= ?1 AND f < ?2) AS new_customers,
   (SELECT COALESCE(SUM(visitors), 0) FROM t) AS visitors,
   (SELECT COALESCE(SUM(page_views), 0) FROM t) AS pv,
   (SELECT COALESCE(SUM(visits), 0) FROM t) AS visits,
   (SELECT COALESCE(SUM(avg_seconds * visits), 0) FROM t) AS secs)
SELECT visitors, pv, pv * 1.0 / NULLIF(visits, 0), secs / NULLIF(visits, 0),
       orders, valid, valid * 1.0 / NULLIF(orders, 0), gmv, sales, refunds, sales - refunds,
       CASE WHEN valid = 0 THEN NULL WHEN sales >= 0 THEN (2 * sales + valid) / (2 * valid)
            ELSE -((2 * -sales + valid) / (2 * valid)) END,
       units, units * 1.0 / NULLIF(valid, 0),
       CASE WHEN lines_known > 0 AND covered_sales <> covered_refunds
            THEN covered_sales - covered_refunds - (cost_sold - cost_refunded) END,
       CASE WHEN lines_known > 0 AND covered_sales <> covered_refunds
            THEN (covered_sales - covered_refunds - (cost_sold - cost_refunded)) * 1.0 / (covered_sales - covered_refunds) END,
       valid * 1.0 / NULLIF(visitors, 0),
       customers, new_customers, customers - new_customers, repeaters * 1.0 / NULLIF(customers, 0),
       refunds * 1.0 / NULLIF(sales, 0), refunded_units * 1.0 / NULLIF(units, 0),
       (covered_sales - covered_refunds) * 1.0 / NULLIF(sales - refunds, 0)
FROM s
)SQL";

Values sql_metrics(Store& store, DayRange r, const std::string& channel, const std::string& source) {
  Values out;
  out.fill(kNaN);
  auto st = store.db().prepare(kSql);
  REQUIRE_MESSAGE(st.ok(), (st.ok() ? "" : st.error().message));
  st->bind(1, start_of(r.first)).bind(2, start_of(r.last + 1)).bind(3, channel).bind(4, source);
  st->bind(5, static_cast<int64_t>(r.first)).bind(6, static_cast<int64_t>(r.last));
  REQUIRE(st->step());
  for (int i = 0; i < kMetricCount; ++i) {
    if (st->is_null(i)) continue;
    const MetricUnit u = metric_definitions()[static_cast<size_t>(i)].unit;
    out[static_cast<size_t>(i)] =
        (u == MetricUnit::money || u == MetricUnit::count) ? static_cast<double>(st->i64(i)) : st->f64(i);
  }
  REQUIRE_FALSE(st->failed());
  return out;
}

bool traffic_metric(Metric m) {
  return m == Metric::visitors || m == Metric::page_views || m == Metric::pages_per_visit ||
         m == Metric::avg_visit_seconds || m == Metric::conversion_rate;
}

void expect_same(const Values& core, const Values& sql, bool channel_filter, const std::string& context) {
  for (const MetricDef& d : metric_definitions()) {
    const size_t i = static_cast<size_t>(d.metric);
    const double c = core[i];
    double s = sql[i];
    if (channel_filter && traffic_metric(d.metric)) s = kNaN;  // traffic has no channel
    INFO(context, " metric ", std::string(d.name), " core ", c, " sql ", s);
    if (std::isnan(s)) {
      CHECK(std::isnan(c));
    } else if (d.unit == MetricUnit::money || d.unit == MetricUnit::count) {
      CHECK(c == s);  // exact: both are integers held exactly in a double
    } else {
      CHECK(std::fabs(c - s) <= 1e-9 * std::max(1.0, std::fabs(s)));
    }
  }
}

int16_t dict_index(const Dict& d, const std::string& name) {
  if (name.empty()) return -1;
  for (int32_t i = 0; i < d.size(); ++i)
    if (d.names[static_cast<size_t>(i)] == name) return static_cast<int16_t>(i);
  return -2;  // matches nothing
}

std::string range_text(DayRange r) { return format_day(r.first) + ".." + format_day(r.last); }

// The project's deterministic generator: same numbers on every platform and in wasm.
using Rng = demo::Rng;

}  // namespace

void check_kpis_against_sql(Store& store, const Dataset& ds, DayRange range, const std::string& channel,
                            const std::string& source) {
  KpiQuery q{range, Compare::none, dict_index(ds.channels, channel), dict_index(ds.sources, source)};
  const KpiResult k = compute_kpis(ds, q);
  expect_same(k.value, sql_metrics(store, range, channel, source), !channel.empty(),
              range_text(range) + " channel '" + channel + "' source '" + source + "'");
}

void check_product_breakdown_against_sql(Store& store, const Dataset& ds, DayRange range) {
  BreakdownQuery q{range, Compare::none, Dimension::product, 0};
  q.daily_series = false;
  const Breakdown b = compute_breakdown(ds, q);
  std::map<std::string, std::array<int64_t, 3>> core;  // sku ("" = not in products): sales, units, refunds
  for (const auto& r : b.rows) core[r.name] = {r.sales, r.units, r.refunds};
  auto st = store.db().prepare(R"SQL(
    WITH v AS (SELECT id FROM orders WHERE placed_at >= ?1 AND placed_at < ?2 AND status IN (1, 2, 3, 5)),
     ls AS (SELECT COALESCE(p.sku, '') AS k, SUM(l.qty * l.unit_price - l.discount_amount) AS sales, SUM(l.qty) AS units
              FROM order_lines l JOIN v ON v.id = l.order_id LEFT JOIN products p ON p.sku = l.sku
              WHERE l.kind = 0 GROUP BY 1),
     rs AS (SELECT COALESCE(p.sku, '') AS k, SUM(r.amount) AS refunds
              FROM refunds r JOIN v ON v.id = r.order_id
              JOIN order_lines l ON l.order_id = r.order_id AND l.sku = r.sku AND r.sku <> ''
                AND l.line_no = (SELECT MIN(line_no) FROM order_lines x WHERE x.order_id = r.order_id AND x.sku = r.sku)
              LEFT JOIN products p ON p.sku = l.sku WHERE l.kind = 0 GROUP BY 1)
    SELECT ls.k, ls.sales, ls.units, COALESCE(rs.refunds, 0) FROM ls LEFT JOIN rs ON rs.k = ls.k)SQL");
  REQUIRE(st.ok());
  st->bind(1, start_of(range.first)).bind(2, start_of(range.last + 1));
  size_t n = 0;
  while (st->step()) {
    ++n;
    const std::string k = st->text(0);
    INFO(range_text(range), " product '", k, "'");
    auto it = core.find(k);
    REQUIRE(it != core.end());
    CHECK(it->second[0] == st->i64(1));
    CHECK(it->second[1] == st->i64(2));
    CHECK(it->second[2] == st->i64(3));
  }
  REQUIRE_FALSE(st->failed());
  CHECK(n == core.size());
}

void check_store_against_sql(Store& store) {
  auto ds = load_dataset(store);
  REQUIRE(ds.ok());
  const DayRange span = ds->order_days();
  REQUIRE(span.length() > 0);
  check_kpis_against_sql(store, *ds, span);
  const Day mid = span.first + span.length() / 2;
  check_kpis_against_sql(store, *ds, DayRange{span.first, mid});
  check_kpis_against_sql(store, *ds, DayRange{mid + 1, span.last});
  check_kpis_against_sql(store, *ds, DayRange{span.last + 1, span.last + 30});  // no orders at all
  Rng rng{12345};
  for (int i = 0; i < 12; ++i) {
    const Day a = static_cast<Day>(rng.range(span.first - 10, span.last));
    const Day b = static_cast<Day>(rng.range(a, std::min<int64_t>(span.last + 10, a + 120)));
    check_kpis_against_sql(store, *ds, DayRange{a, b});
  }
  if (ds->channels.size() > 0) check_kpis_against_sql(store, *ds, span, ds->channels.names[0]);
  if (ds->sources.size() > 0) {
    check_kpis_against_sql(store, *ds, span, "", ds->sources.names[0]);
    check_kpis_against_sql(store, *ds, DayRange{span.first, mid}, "", ds->sources.names[0]);
  }
  // Daily series: each day of one week equals that day computed alone.
  const DayRange week{mid, std::min(span.last, mid + 6)};
  const KpiResult k = compute_kpis(*ds, KpiQuery{week, Compare::none});
  for (Day d = week.first; d <= week.last; ++d) {
    Values day{};
    for (size_t m = 0; m < static_cast<size_t>(kMetricCount); ++m) day[m] = k.series[m][static_cast<size_t>(d - week.first)];
    expect_same(day, sql_metrics(store, DayRange{d, d}, "", ""), false, "series day " + format_day(d));
  }
  check_product_breakdown_against_sql(store, *ds, span);
  check_product_breakdown_against_sql(store, *ds, DayRange{mid, std::min(span.last, mid + 20)});
}

namespace {

// Hundreds of orders over ~4 months with every awkward case the counting rules mention.
Store random_store(uint64_t seed) {
  auto s = Store::open_memory();
  REQUIRE(s.ok());
  Rng rng{seed};
  const Day first = days_from_civil(2024, 11, 1);
  const int days = 120;
  const char* channels[] = {"web", "app", "marketplace"};
  const char* sources[] = {"search", "ads", "social", "direct"};
  Status st = s->write([&](Writer& w) -> Status {
    for (int p = 0; p < 20; ++p) {
      Product pr;
      pr.sku = "SKU" + std::to_string(p);
      pr.category = "cat" + std::to_string(p % 4);
      pr.list_price = rng.range(500, 5000);
      if (!rng.chance(0.20)) pr.unit_cost = pr.list_price * rng.range(20, 70) / 100;  // 20 % unknown cost
      pr.stock = rng.range(0, 200);
      if (auto r = w.put(pr); !r) return r;
    }
    for (int c = 0; c < 40; ++c) {
      Customer cu;
      cu.id = "C" + std::to_string(c);
      cu.region = c % 3 ? "north" : "south";
      if (auto r = w.put(cu); !r) return r;
    }
    for (int n = 0; n < 700; ++n) {
      Order o;
      o.id = "R" + std::to_string(n);
      // customers C0..C49: C40..C49 are missing from the customers table; 25 % guests
      if (!rng.chance(0.25)) o.customer_id = "C" + std::to_string(rng.range(0, 49));
      o.placed_at = start_of(first + static_cast<Day>(rng.range(0, days - 1))) + rng.range(0, 86399);
      const int64_t roll = rng.range(0, 99);
      o.status = roll < 10 ? OrderStatus::pending
               : roll < 20 ? OrderStatus::cancelled
               : roll < 30 ? OrderStatus::paid
               : roll < 45 ? OrderStatus::shipped
               : roll < 92 ? OrderStatus::completed
                           : OrderStatus::refunded;
      o.channel = channels[rng.range(0, 2)];
      if (!rng.chance(0.10)) o.traffic_source = sources[rng.range(0, 3)];
      const int lines = static_cast<int>(rng.range(1, 4));
      for (int l = 1; l <= lines; ++l) {
        OrderLine ol;
        ol.order_id = o.id;
        ol.line_no = l * 10;  // line numbers need not be 1, 2, 3
        ol.sku = rng.chance(0.08) ? "GONE" + std::to_string(rng.range(0, 2)) : "SKU" + std::to_string(rng.range(0, 19));
        ol.qty = rng.range(1, 3);
        ol.unit_price = rng.range(300, 6000);
        ol.discount_amount = rng.chance(0.30) ? rng.range(0, ol.unit_price / 4) : 0;
        if (rng.chance(0.30)) ol.unit_cost = ol.unit_price * rng.range(20, 60) / 100;
        o.items_amount += ol.qty * ol.unit_price;
        o.discount_amount += ol.discount_amount;
        if (auto r = w.put(ol); !r) return r;
        if (l == lines && rng.chance(0.15)) {  // postage or a fee as a line (issue #10): not a product
          OrderLine pl;
          pl.order_id = o.id;
          pl.line_no = l * 10 + 5;
          pl.sku = rng.chance(0.5) ? "POST" : "FEE";
          pl.kind = pl.sku == "POST" ? LineKind::shipping : LineKind::fee;
          pl.qty = 1;
          pl.unit_price = rng.range(100, 900);
          pl.unit_cost = rng.chance(0.5) ? std::optional<Money>(50) : std::nullopt;  // ignored: not merchandise
          o.items_amount += pl.unit_price;
          if (auto r = w.put(pl); !r) return r;
          if (is_valid_order(o.status) && rng.chance(0.3)) {
            if (auto r = w.put(Refund{o.id, pl.sku, 1, pl.unit_price, "", o.placed_at + 3600}); !r) return r;
          }
        }
        if (is_valid_order(o.status) && rng.chance(0.12)) {  // refund by SKU, sometimes after the order's range
          Refund rf{o.id, ol.sku, rng.range(1, ol.qty), rng.range(100, ol.unit_price), "", o.placed_at + rng.range(3600, 40 * 86400)};
          if (auto r = w.put(rf); !r) return r;
        }
      }
      o.shipping_amount = rng.chance(0.50) ? rng.range(0, 1500) : 0;
      o.paid_amount = (o.status == OrderStatus::pending || o.status == OrderStatus::cancelled)
                          ? 0
                          : o.items_amount - o.discount_amount + o.shipping_amount;
      auto added = w.add_order(o);
      if (!added) return added.error();
      if (rng.chance(0.06)) {  // whole-order refund, of any status (invalid ones must be ignored)
        if (auto r = w.put(Refund{o.id, "", rng.range(0, 2), rng.range(100, 3000), "", o.placed_at + 86400}); !r) return r;
      }
      if (rng.chance(0.02)) {  // SKU the order does not contain
        if (auto r = w.put(Refund{o.id, "SKU99", 1, 500, "", o.placed_at + 7200}); !r) return r;
      }
    }
    if (auto r = w.put(Refund{"NO-SUCH-ORDER", "SKU1", 1, 999, "", start_of(first + 5)}); !r) return r;
    for (int d = 0; d < days; ++d) {
      for (const char* src : sources) {
        if (rng.chance(0.10)) continue;  // missing traffic rows
        TrafficDay t;
        t.day = first + d;
        t.source = src;
        t.visitors = rng.range(0, 400);
        t.page_views = t.visitors * rng.range(1, 5);
        t.sessions = rng.chance(0.20) ? 0 : t.visitors + rng.range(0, 50);
        t.product_views = t.visitors * rng.range(0, 3);
        t.add_to_carts = t.product_views / 5;
        t.avg_seconds = static_cast<double>(rng.range(100, 30000)) / 100.0;
        if (auto r = w.put(t); !r) return r;
      }
      if (auto r = w.put(AdSpend{first + d, "ads", rng.range(0, 20000), rng.range(0, 5000), rng.range(0, 300)}); !r) return r;
    }
    return Status(Ok{});
  });
  REQUIRE_MESSAGE(st.ok(), (st.ok() ? "" : st.error().message));
  return std::move(*s);
}

}  // namespace

}  // namespace shopkeeper::test

TEST_SUITE("analytics") {
  TEST_CASE("KPIs agree with plain SQL on randomized stores") {
    for (uint64_t seed : {1u, 2u, 3u}) {
      CAPTURE(seed);
      shopkeeper::Store s = shopkeeper::test::random_store(seed);
      shopkeeper::test::check_store_against_sql(s);
    }
  }
}

#include "core/demo/generator.h"

TEST_SUITE("analytics") {
  TEST_CASE("KPIs agree with plain SQL on the demo store") {
    auto s = shopkeeper::Store::open_memory();
    REQUIRE(s.ok());
    shopkeeper::DemoOptions opt;
    opt.order_lines = 8000;
    opt.end_day = shopkeeper::days_from_civil(2026, 11, 22);
    auto r = shopkeeper::generate_demo(*s, opt);
    REQUIRE_MESSAGE(r.ok(), (r.ok() ? "" : r.error().message));
    shopkeeper::test::check_store_against_sql(*s);
  }
}

// The precomputed per-day sums, customers and product sales (the analytics index,
// core/analytics/index.h) are only a faster way to the same numbers: every analysis
// that uses them must return exactly what its direct pass over the orders returns (the same
// Dataset with an empty index), for any range, filter, grain, dimension, comparison and
// top/bottom N.
#include "core/analytics/funnel.h"
#include "core/analytics/sources.h"

namespace shopkeeper::test {
namespace {

bool same_double(double a, double b) { return (std::isnan(a) && std::isnan(b)) || a == b; }

void expect_same_totals(const Totals& a, const Totals& b) {
  CHECK(a.has_traffic == b.has_traffic);
  CHECK(a.visitors == b.visitors);
  CHECK(a.page_views == b.page_views);
  CHECK(a.visits == b.visits);
  CHECK(a.product_views == b.product_views);
  CHECK(a.add_to_carts == b.add_to_carts);
  CHECK(a.visit_seconds == b.visit_seconds);
  CHECK(a.orders == b.orders);
  CHECK(a.gmv == b.gmv);
  CHECK(a.valid_orders == b.valid_orders);
  CHECK(a.guest_valid_orders == b.guest_valid_orders);
  CHECK(a.sales == b.sales);
  CHECK(a.units == b.units);
  CHECK(a.lines == b.lines);
  CHECK(a.cost_sold == b.cost_sold);
  CHECK(a.lines_without_cost == b.lines_without_cost);
  CHECK(a.units_without_cost == b.units_without_cost);
  CHECK(a.refund_count == b.refund_count);
  CHECK(a.refunds == b.refunds);
  CHECK(a.refunded_units == b.refunded_units);
  CHECK(a.cost_refunded == b.cost_refunded);
  CHECK(a.refunded_units_without_cost == b.refunded_units_without_cost);
  CHECK(a.covered_sales == b.covered_sales);
  CHECK(a.covered_refunds == b.covered_refunds);
  CHECK(a.customers == b.customers);
  CHECK(a.new_customers == b.new_customers);
  CHECK(a.repeat_customers == b.repeat_customers);
}

void expect_same_breakdown(const Breakdown& a, const Breakdown& b) {
  CHECK(a.total_sales == b.total_sales);
  CHECK(a.compare_total_sales == b.compare_total_sales);
  CHECK(a.unattributed_refunds == b.unattributed_refunds);
  CHECK(a.keys_with_sales == b.keys_with_sales);
  REQUIRE(a.rows.size() == b.rows.size());
  for (size_t i = 0; i < a.rows.size(); ++i) {
    const BreakdownRow &x = a.rows[i], &y = b.rows[i];
    INFO("row ", i, " key ", y.key);
    CHECK(x.key == y.key);
    CHECK(x.name == y.name);
    CHECK(x.sales == y.sales);
    CHECK(x.orders == y.orders);
    CHECK(x.units == y.units);
    CHECK(x.refunds == y.refunds);
    CHECK(x.refunded_units == y.refunded_units);
    CHECK(x.has_gross_profit == y.has_gross_profit);
    CHECK(x.gross_profit == y.gross_profit);
    CHECK(x.covered_net_sales == y.covered_net_sales);
    CHECK(same_double(x.gross_profit_coverage, y.gross_profit_coverage));
    CHECK(x.lines_without_cost == y.lines_without_cost);
    CHECK(same_double(x.share, y.share));
    CHECK(x.compare_sales == y.compare_sales);
    CHECK(same_double(x.change, y.change));
    CHECK(x.daily_sales == y.daily_sales);
  }
}

void expect_same_funnel_line(const FunnelLine& a, const FunnelLine& b) {
  CHECK(a.source == b.source);
  CHECK(a.count == b.count);
  CHECK(a.worst_step == b.worst_step);
}

void check_fast_equals_direct(const Dataset& fast, const Dataset& direct, DayRange r, int16_t channel, int16_t source) {
  INFO(range_text(r), " channel ", channel, " source ", source);
  for (Compare c : {Compare::none, Compare::previous, Compare::yoy}) {
    const KpiResult a = compute_kpis(fast, KpiQuery{r, c, channel, source});
    const KpiResult b = compute_kpis(direct, KpiQuery{r, c, channel, source});
    expect_same_totals(a.current, b.current);
    expect_same_totals(a.comparison, b.comparison);
    REQUIRE(a.daily.size() == b.daily.size());
    for (size_t i = 0; i < a.daily.size(); ++i) expect_same_totals(a.daily[i], b.daily[i]);
    REQUIRE(a.compare_daily.size() == b.compare_daily.size());
    for (size_t i = 0; i < a.compare_daily.size(); ++i) expect_same_totals(a.compare_daily[i], b.compare_daily[i]);
  }
  for (Grain g : {Grain::week, Grain::month}) {
    const Trend a = compute_trend(fast, TrendQuery{r, g, channel, source});
    const Trend b = compute_trend(direct, TrendQuery{r, g, channel, source});
    REQUIRE(a.buckets.size() == b.buckets.size());
    for (size_t i = 0; i < a.buckets.size(); ++i) expect_same_totals(a.buckets[i], b.buckets[i]);
  }
  for (Dimension d : {Dimension::channel, Dimension::source, Dimension::category, Dimension::product, Dimension::region})
    for (Compare c : {Compare::none, Compare::previous, Compare::yoy})
      for (int32_t top : {0, 3, 20})
        for (bool bottom : {false, true}) {
          INFO("dimension ", dimension_name(d), " compare ", compare_name(c), " top ", top, " bottom ", bottom);
          BreakdownQuery q{r, c, d, top, bottom, true, channel, source};
          expect_same_breakdown(compute_breakdown(fast, q), compute_breakdown(direct, q));
        }
  {
    const SourcesReport a = compute_sources(fast, SourcesQuery{r, channel});
    const SourcesReport b = compute_sources(direct, SourcesQuery{r, channel});
    REQUIRE(a.rows.size() == b.rows.size());
    for (size_t i = 0; i <= a.rows.size(); ++i) {
      const SourceRow &x = i < a.rows.size() ? a.rows[i] : a.total, &y = i < b.rows.size() ? b.rows[i] : b.total;
      CHECK(x.source == y.source);
      CHECK(x.visitors == y.visitors);
      CHECK(x.valid_orders == y.valid_orders);
      CHECK(x.new_customers == y.new_customers);
      CHECK(x.sales == y.sales);
      CHECK(x.refunds == y.refunds);
      CHECK(x.spend == y.spend);
    }
  }
  {
    const Funnel a = compute_funnel(fast, FunnelQuery{r, channel});
    const Funnel b = compute_funnel(direct, FunnelQuery{r, channel});
    expect_same_funnel_line(a.overall, b.overall);
    REQUIRE(a.by_source.size() == b.by_source.size());
    for (size_t i = 0; i < a.by_source.size(); ++i) expect_same_funnel_line(a.by_source[i], b.by_source[i]);
  }
}

void check_precomputed_against_direct(Store& store) {
  auto loaded = load_dataset(store);
  REQUIRE(loaded.ok());
  const Dataset& fast = *loaded;
  REQUIRE(analytics_index(fast).has_day_sums());  // else this test compares the direct pass with itself
  REQUIRE_FALSE(analytics_index(fast).customer_day_begin.empty());
  REQUIRE_FALSE(analytics_index(fast).product_day_begin.empty());
  Dataset direct = fast;
  direct.set_index(AnalyticsIndex{});
  REQUIRE_FALSE(analytics_index(direct).has_day_sums());
  REQUIRE(analytics_index(fast).has_day_sums());  // the copy's index is its own
  const DayRange span = fast.order_days();
  std::vector<DayRange> ranges = {span, DayRange{span.first, span.first}, DayRange{span.last - 6, span.last},
                                  DayRange{span.first - 20, span.first + 3}, DayRange{span.last + 1, span.last + 30}};
  Rng rng{777};
  for (int i = 0; i < 6; ++i) {
    const Day a = static_cast<Day>(rng.range(span.first - 10, span.last));
    ranges.push_back(DayRange{a, static_cast<Day>(rng.range(a, a + 100))});
  }
  for (const DayRange& r : ranges) check_fast_equals_direct(fast, direct, r, -1, -1);
  for (int16_t c = 0; c < static_cast<int16_t>(fast.channels.size()); ++c) check_fast_equals_direct(fast, direct, ranges[6], c, -1);
  for (int16_t s = 0; s < static_cast<int16_t>(fast.sources.size()); ++s) check_fast_equals_direct(fast, direct, ranges[7], -1, s);
  check_fast_equals_direct(fast, direct, span, 0, 1);
}

}  // namespace
}  // namespace shopkeeper::test

TEST_SUITE("analytics") {
  TEST_CASE("precomputed per-day sums give exactly the direct passes' results") {
    for (uint64_t seed : {4u, 5u}) {
      CAPTURE(seed);
      shopkeeper::Store s = shopkeeper::test::random_store(seed);
      shopkeeper::test::check_precomputed_against_direct(s);
    }
    auto s = shopkeeper::Store::open_memory();
    REQUIRE(s.ok());
    shopkeeper::DemoOptions opt;
    opt.order_lines = 8000;
    opt.end_day = shopkeeper::days_from_civil(2026, 11, 22);
    REQUIRE(shopkeeper::generate_demo(*s, opt).ok());
    shopkeeper::test::check_precomputed_against_direct(*s);
  }
}
