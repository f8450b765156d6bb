// Issue #10, "Numbers and words a seller can trust": each figure that contradicted itself, with
// a small store whose figures are worked out by hand in the comments, plus checks over the demo
// store and over an Online-Retail-shaped fixture (tests/data/import/make_fixtures.py writes
// online_retail_shaped.csv).
#include <doctest/doctest.h>
#include <fmt/format.h>

#include <cmath>
#include <cstdio>
#include <string>

#include "core/analytics/alerts.h"
#include "core/analytics/breakdown.h"
#include "core/analytics/export.h"
#include "core/analytics/index.h"
#include "core/analytics/kpi.h"
#include "core/demo/generator.h"
#include "core/io/importer.h"
#include "core/store/store.h"
#include "fixture.h"

using namespace shopkeeper;

namespace {

using fixture::D;
using fixture::import_fixture;

void add_order(Writer& w, Status& st, const std::string& id, Timestamp at, Money paid,
               std::vector<OrderLine> lines) {
  Order o;
  o.id = id;
  o.placed_at = at;
  o.status = OrderStatus::completed;
  o.channel = "web";
  for (OrderLine& l : lines) {
    l.order_id = id;
    o.items_amount += l.qty * l.unit_price - l.discount_amount;
    if (auto r = w.put(l); !r && st) st = r;
  }
  o.paid_amount = paid;
  if (auto r = w.add_order(o); !r && st) st = r.error();
}

// A line of the order add_order gives it.
OrderLine line(int no, const char* sku, int64_t qty, Money price, std::optional<Money> cost = std::nullopt) {
  return fixture::line("", no, sku, qty, price, cost);
}

Store demo_store() {
  auto s = Store::open_memory();
  REQUIRE(s.ok());
  DemoOptions opt;
  opt.order_lines = 20000;
  opt.end_day = D(2026, 11, 22);
  auto r = generate_demo(*s, opt);
  REQUIRE_MESSAGE(r.ok(), (r.ok() ? "" : r.error().message));
  return std::move(*s);
}

Store online_retail_store() {
  auto s = Store::open_memory();
  REQUIRE(s.ok());
  auto r = import_file(*s, import_fixture("online_retail_shaped.csv"), {});
  REQUIRE_MESSAGE(r.ok(), (r.ok() ? "" : r.error().message));
  return std::move(*s);
}

}  // namespace

TEST_SUITE("trust") {
  // Item 1: gross profit over the lines with a known cost, with its coverage.
  TEST_CASE("trust: a store whose exports carry no cost has no gross profit, not 100% margin") {
    auto s = Store::open_memory();
    REQUIRE(s.ok());
    Status st = Ok{};
    REQUIRE(s->write([&](Writer& w) -> Status {
      add_order(w, st, "A1", start_of(D(2025, 3, 10)) + 3600, 2500, {line(1, "X", 1, 2000), line(2, "Y", 1, 500)});
      add_order(w, st, "A2", start_of(D(2025, 3, 11)) + 3600, 1000, {line(1, "X", 1, 1000)});
      return st;
    }).ok());
    auto ds = load_dataset(*s);
    REQUIRE(ds.ok());
    const KpiResult k = compute_kpis(*ds, KpiQuery{DayRange{D(2025, 3, 10), D(2025, 3, 16)}, Compare::none});
    CHECK(k.get(Metric::net_sales) == 3500);
    // Today's main: gross profit 3500 = net sales, margin 100 %.
    CHECK(std::isnan(k.get(Metric::gross_profit)));
    CHECK(std::isnan(k.get(Metric::gross_margin)));
    CHECK(k.get(Metric::gross_profit_coverage) == 0);
    CHECK(k.current.lines_without_cost == 3);
    const Table t = kpi_table(k);
    for (const auto& row : t.rows)
      if (row[0].str == "gross_profit") CHECK(row[1].kind == Cell::Kind::empty);
    // X and Y are not in products: one row (key -1), with no gross profit (main: profit = sales).
    const Breakdown b = compute_breakdown(*ds, BreakdownQuery{k.query.range, Compare::none, Dimension::product, 0});
    REQUIRE(b.rows.size() == 1);
    CHECK(b.rows[0].sales == 3500);
    CHECK_FALSE(b.rows[0].has_gross_profit);
    CHECK(b.rows[0].gross_profit == 0);
    const Table bt = breakdown_table(b);
    CHECK(bt.rows[0][9].kind == Cell::Kind::empty);
  }

  TEST_CASE("trust: a mixed order splits its paid amount by line revenue between costed and uncosted lines") {
    auto s = Store::open_memory();
    REQUIRE(s.ok());
    Status st = Ok{};
    REQUIRE(s->write([&](Writer& w) -> Status {
      // Revenue 3000 (X, cost 1200) + 1000 (Y, no cost) = 4000; paid 4400 with shipping.
      // Covered paid = 4400 x 3000 / 4000 = 3300; gross profit 3300 - 1200 = 2100.
      add_order(w, st, "M1", start_of(D(2025, 3, 10)) + 60, 4400, {line(1, "X", 2, 1500, 600), line(2, "Y", 1, 1000)});
      // A refund naming no line takes the order's split: 800 x 3300 / 4400 = 600.
      if (auto r = w.put(Refund{"M1", "", 0, 800, "", start_of(D(2025, 3, 12))}); !r) return r;
      return st;
    }).ok());
    auto ds = load_dataset(*s);
    REQUIRE(ds.ok());
    CHECK(ds->order_covered_paid[0] == 3300);
    CHECK(ds->refund_covered_amount[0] == 600);
    const KpiResult k = compute_kpis(*ds, KpiQuery{DayRange{D(2025, 3, 10), D(2025, 3, 10)}, Compare::none});
    CHECK(k.get(Metric::net_sales) == 3600);
    CHECK(k.get(Metric::gross_profit) == 3300 - 600 - 1200);
    CHECK(k.get(Metric::gross_margin) == doctest::Approx(1500.0 / 2700.0));
    CHECK(k.get(Metric::gross_profit_coverage) == doctest::Approx(2700.0 / 3600.0));
    CHECK(cost_covered_share(4400, 3000, 4000) == 3300);
    CHECK(cost_covered_share(5, 1, 2) == 3);  // 2.5 rounds half away from zero
    CHECK(cost_covered_share(100, -1, 50) == 0);
    CHECK(cost_covered_share(100, 60, 50) == 100);
  }

  TEST_CASE("trust: demo store gross profit coverage is partial and reported (item 1, demo check)") {
    Store s = demo_store();
    auto ds = load_dataset(s);
    REQUIRE(ds.ok());
    const DayRange span = ds->order_days();
    const KpiResult k = compute_kpis(*ds, KpiQuery{span, Compare::none});
    const double cov = k.get(Metric::gross_profit_coverage);
    MESSAGE("demo store: gross profit coverage ", cov * 100.0, "% of net sales, ", k.current.lines_without_cost,
            " of ", k.current.lines, " lines without cost");
    // The demo catalogue leaves some products without cost: coverage strictly between 0 and 1,
    // and gross profit no longer counts those lines' sales as profit.
    CHECK(cov > 0.5);
    CHECK(cov < 1.0);
    CHECK(k.current.lines_without_cost > 0);
    CHECK(k.get(Metric::gross_profit) < static_cast<double>(k.current.covered_net_sales()));
    // The direct pass and the precomputed per-day sums agree on the new sums.
    Dataset direct = *ds;
    direct.set_index(AnalyticsIndex{});
    const KpiResult kd = compute_kpis(direct, KpiQuery{span, Compare::none});
    CHECK(kd.current.covered_sales == k.current.covered_sales);
    CHECK(kd.current.covered_refunds == k.current.covered_refunds);
  }

  TEST_CASE("trust: Online-Retail-shaped export has no cost: gross profit unknown (item 1, fixture check)") {
    Store s = online_retail_store();
    auto ds = load_dataset(s);
    REQUIRE(ds.ok());
    const KpiResult k = compute_kpis(*ds, KpiQuery{ds->order_days(), Compare::none});
    CHECK(k.get(Metric::net_sales) > 0);
    CHECK(std::isnan(k.get(Metric::gross_profit)));
    CHECK(k.get(Metric::gross_profit_coverage) == 0);
    CHECK(k.current.lines_without_cost == k.current.lines);
  }

  // Item 2: alerts flag only values outside the band they print.
  TEST_CASE("trust: an alert's printed value lies outside its printed band, and the band's edge is not flagged") {
    // Eight Mondays of history, one order each: 10000 x 4, 11000 x 2, 9000 x 2 (fen). Median
    // 10000, MAD 500, sigma = max(1.4826 x 500 = 741.3, 10 % of 10000 = 1000) = 1000 (main: the
    // 5 % floor, sigma 741.3, band high 12594.55 printed "125.95", and 12595 flagged while
    // printing "125.95" as the value: inside the band as shown). Now the band is 6500..13500.
    const Day first = D(2025, 1, 6);  // a Monday
    const Money hist[8] = {10000, 10000, 10000, 10000, 11000, 11000, 9000, 9000};
    auto make = [&](Money last_value) {
      auto s = Store::open_memory();
      REQUIRE(s.ok());
      Status st = Ok{};
      REQUIRE(s->write([&](Writer& w) -> Status {
        for (int i = 0; i < 8; ++i)
          add_order(w, st, "H" + std::to_string(i), start_of(first + 7 * i) + 3600, hist[i], {line(1, "X", 1, hist[i])});
        add_order(w, st, "T", start_of(first + 56) + 3600, last_value, {line(1, "X", 1, last_value)});
        return st;
      }).ok());
      auto ds = load_dataset(*s);
      REQUIRE(ds.ok());
      AlertQuery q;
      q.range = DayRange{first + 56, first + 56};
      q.metrics = {Metric::sales};
      return detect_alerts(*ds, q);
    };
    auto shown_outside = [](const Alert& a) {
      const double v = std::stod(format_metric_value(a.metric, a.value));
      const double lo = std::stod(format_metric_value(a.metric, a.band.low));
      const double hi = std::stod(format_metric_value(a.metric, a.band.high));
      return v < lo || v > hi;
    };
    for (const Alert& a : make(12595)) CHECK(shown_outside(a));
    CHECK(make(12595).empty());
    CHECK(make(13500).empty());  // on the edge: inside
    const auto above = make(13501);
    REQUIRE(above.size() == 1);
    CHECK(above[0].band.high == 13500);
    CHECK(above[0].band.low == 6500);
    CHECK(above[0].value == 13501);
    CHECK(shown_outside(above[0]));
    // What the sentence prints (worded in ui/i18n from these figures: tests/ui/error_words_test.cpp).
    CHECK(format_metric_value(above[0].metric, above[0].value) == "135.01");
    CHECK(format_metric_value(above[0].metric, above[0].band.low) == "65.00");
    CHECK(format_metric_value(above[0].metric, above[0].band.high) == "135.00");
    CHECK(make(6500).empty());
    REQUIRE(make(6499).size() == 1);
  }

  TEST_CASE("trust: counts get Poisson room, rates are banded at their printed step") {
    // valid orders: history of 40 a day -> MAD 0, sigma = max(4, sqrt(40) = 6.32) = 6.32; band
    // 40 -/+ 22.14 widened to 17..63 (main: sigma 2, 33..47, and 48 flagged as "32 至 48").
    std::vector<double> h(8, 40.0);
    Band b = robust_band(h, 3.5, 0.10, 0);
    CHECK(b.sigma == doctest::Approx(4.0));
    CHECK(metric_display_step(Metric::conversion_rate) == doctest::Approx(1e-4));
    CHECK(metric_display_step(Metric::valid_orders) == 1);
  }

  TEST_CASE("trust: festival and promotion days are expected peaks, kept out of the history") {
    const Day first = D(2025, 1, 6);
    auto s = Store::open_memory();
    REQUIRE(s.ok());
    Status st = Ok{};
    REQUIRE(s->write([&](Writer& w) -> Status {
      for (int i = 0; i < 8; ++i) {
        const Money v = i == 5 ? 90000 : 10000;  // one Monday was a promotion day
        add_order(w, st, "H" + std::to_string(i), start_of(first + 7 * i) + 3600, v, {line(1, "X", 1, v)});
      }
      add_order(w, st, "T", start_of(first + 56) + 3600, 50000, {line(1, "X", 1, 50000)});
      add_order(w, st, "U", start_of(first + 63) + 3600, 16000, {line(1, "X", 1, 16000)});
      return st;
    }).ok());
    auto ds = load_dataset(*s);
    REQUIRE(ds.ok());
    AlertQuery q;
    q.range = DayRange{first + 56, first + 63};
    q.metrics = {Metric::sales};
    q.expected = {{DayRange{first + 35, first + 35}, "flash sale"}, {DayRange{first + 56, first + 56}, "double_11"}};
    const auto alerts = detect_alerts(*ds, q);
    REQUIRE(alerts.size() == 2);
    CHECK(alerts[0].day == first + 56);
    CHECK(alerts[0].expected);
    CHECK(alerts[0].occasion == "double_11");
    // first + 63: history = the other 7 ordinary Mondays (the flash sale and first + 56 left
    // out... first + 56 is 1 week back, expected, so left out too): all 10000 -> band 6500..13500.
    CHECK(alerts[1].day == first + 63);
    CHECK_FALSE(alerts[1].expected);
    CHECK(alerts[1].band.n == 6);
    CHECK(alerts[1].band.high == 13500);
    const auto months = alerts_by_month(alerts);
    REQUIRE(months.size() == 1);
    CHECK(months[0].alerts == 1);
    CHECK(months[0].expected == 1);
  }
}

#include "core/promotions/guard.h"

TEST_SUITE("trust") {
  // Item 4: a list price already below the floor is its own finding, blamed on no promotion.
  TEST_CASE("trust: loss guard reports a list price below its floor first, with no promotion") {
    using namespace shopkeeper::promo;
    // BLK (list 89.90, cost 77.32): floor price with 5 % fees and a 10 % floor =
    // ceil(7732 x 10000 / 8500) = ceil(9096.47) = 90.97 > 89.90, with no promotion at all.
    // TEA (list 100.00, cost 50.00): floor ceil(5000 / 0.85) = 58.83; a 50 % off promotion
    // takes it to 50.00: a promotion violation.
    std::vector<GuardProduct> products = {{"TEA", "x", {}, 10000, 5000}, {"BLK", "x", {}, 8990, 7732}};
    Promotion half;
    half.id = "HALF";
    half.name = "half price";
    half.kind = Kind::percent_off;
    half.layer = Layer::item;
    half.params.bp = 5000;
    half.scope.skus = {"TEA"};
    Guard guard(products, {half}, GuardOptions{1000, 500});
    auto f = guard.run_all();
    REQUIRE(f.size() == 2);
    CHECK(f[1].sku == "BLK");
    CHECK(*f[1].floor_price == 9097);
    CHECK(f[1].list_price_below_floor);
    CHECK_FALSE(f[1].violation);  // main: a "violation" of 89.90 against 90.97
    CHECK(f[1].promotions.empty());
    CHECK(std::string(finding_kind(f[1])) == "list_price_below_floor");
    CHECK(f[0].violation);
    CHECK_FALSE(f[0].list_price_below_floor);
    CHECK(f[0].promotions == std::vector<std::string>{"HALF"});
    sort_findings_for_review(f);
    CHECK(f[0].sku == "BLK");  // shown first
    CHECK(f[1].sku == "TEA");
    Table t = guard_findings_table(f);
    CHECK(t.columns.back() == "finding");
    CHECK(t.rows[0].back().to_string() == "list_price_below_floor");
    CHECK(t.rows[0][5].to_string() == "1.07");  // 90.97 - 89.90 below the floor
    CHECK(t.rows[1].back().to_string() == "promotion_below_floor");
  }

  TEST_CASE("trust: the margin floor is entered as a percentage") {
    using namespace shopkeeper::promo;
    CHECK(*parse_percent_bp("10") == 1000);
    CHECK(*parse_percent_bp("12.5") == 1250);
    CHECK(*parse_percent_bp("7.25%") == 725);
    CHECK(*parse_percent_bp("0") == 0);
    CHECK_FALSE(parse_percent_bp("0.125").ok());  // finer than a basis point
    CHECK_FALSE(parse_percent_bp("101").ok());
    CHECK_FALSE(parse_percent_bp("-1").ok());
    CHECK_FALSE(parse_percent_bp("ten").ok());
  }
}

#include "core/io/quality.h"

namespace {

int64_t scalar(Store& s, const std::string& sql) {
  auto v = s.db().scalar(sql);
  REQUIRE_MESSAGE(v.ok(), sql);
  return *v;
}

// Demo orders written back out one row per line, in the generic layout (order_id, placed_at,
// sku, qty, unit_price), every row carrying its order's date as exports do.
std::string demo_lines_csv(Store& s, size_t limit_orders) {
  std::string csv = "order_id,placed_at,sku,qty,unit_price,status\n";
  auto st = s.db().prepare(
      "SELECT o.id, o.placed_at, l.sku, l.qty, l.unit_price FROM orders o JOIN order_lines l ON l.order_id=o.id "
      "WHERE o.id IN (SELECT id FROM orders ORDER BY placed_at, id LIMIT " + std::to_string(limit_orders) +
      ") ORDER BY o.placed_at, o.id, l.line_no");
  REQUIRE(st.ok());
  while (st->step())
    csv += st->text(0) + "," + format_timestamp(st->i64(1)) + "," + st->text(2) + "," + std::to_string(st->i64(3)) + "," +
           money_to_decimal(st->i64(4)) + ",completed\n";
  return csv;
}

// The first order (in the order demo_lines_csv writes them) with two or more lines.
std::string qs_first_multi(Store& s) {
  auto st = s.db().prepare(
      "SELECT o.id FROM orders o WHERE (SELECT COUNT(*) FROM order_lines l WHERE l.order_id=o.id) >= 2 "
      "ORDER BY o.placed_at, o.id LIMIT 1");
  REQUIRE(st.ok());
  REQUIRE(st->step());
  return st->text(0);
}

Result<ImportReport> import_text(Store& s, const std::string& text, const std::string& name) {
  Importer imp;
  ImportOptions o;
  o.file_name = name;
  o.format = "generic";
  o.target = "orders";
  if (auto st = imp.begin(text, o); !st) return st.error();
  return imp.commit(s);
}

}  // namespace

TEST_SUITE("trust") {
  // Item 7: returns that match no purchase are in the data-quality report.
  TEST_CASE("trust: unmatched returns appear in the data-quality report with count and amount") {
    auto s = Store::open_memory();
    REQUIRE(s.ok());
    REQUIRE(import_file(*s, import_fixture("online_retail.csv"), {}).ok());
    QualityOptions qo;
    qo.earliest = D(2010, 1, 1);
    qo.latest = D(2011, 12, 31);
    auto q = check_quality(*s, qo);
    REQUIRE(q.ok());
    const QualityFinding* f = q->find("returns_unmatched");
    REQUIRE(f != nullptr);  // main: no such finding
    // C536380: customer 12345 never bought 22139; 1 x 4.95. C536379 refunds 536365.
    CHECK(f->count == 1);
    CHECK(f->has_amount);
    CHECK(f->amount == 495);
    CHECK(f->samples == std::vector<std::string>{"C536380#1"});
    CHECK(quality_to_json(*q)["findings"].back()["amount"] == "4.95");

    Store shaped = online_retail_store();
    auto rep = import_file(shaped, import_fixture("online_retail_shaped.csv"), {});  // again: all duplicates
    REQUIRE(rep.ok());
    auto q2 = check_quality(shaped, qo);
    REQUIRE(q2.ok());
    // The shaped fixture ends with two returns that match nothing (a customer who never bought, a
    // SKU never sold); its AMAZONFEE line is a cancelled fee, not a return of goods.
    CHECK(q2->find("returns_unmatched")->count == 2);
    CHECK(q2->find("returns_unmatched")->amount == 2 * 295 + 495);
  }

  // Item 8: every row's date parses; rows of one order are of one day.
  TEST_CASE("trust: a bad or different-day date on a later row of an order is reported") {
    auto s = Store::open_memory();
    REQUIRE(s.ok());
    auto r = import_file(*s, import_fixture("online_retail_dates.csv"), {});
    REQUIRE_MESSAGE(r.ok(), (r.ok() ? "" : r.error().message));
    // 540003 (a minute apart) and 540005 come in; 540001, 540002 and 540004 are rejected whole
    // (main: all five imported, the bad dates silently ignored).
    CHECK(r->orders_imported == 2);
    CHECK(scalar(*s, "SELECT COUNT(*) FROM orders WHERE id IN ('540003','540005')") == 2);
    CHECK(scalar(*s, "SELECT COUNT(*) FROM order_lines WHERE order_id='540003'") == 2);
    std::vector<int64_t> bad_lines;
    for (const RowError& e : r->errors)
      if (e.column == "InvoiceDate") bad_lines.push_back(e.line);
    CHECK(bad_lines == std::vector<int64_t>{3, 6, 10});
    for (const RowError& e : r->errors)
      if (e.line == 10) CHECK(e.message.find("same day") != std::string::npos);
  }

  TEST_CASE("trust: the demo store's orders, exported one row per line, re-import with every date checked") {
    Store demo = demo_store();
    std::string csv = demo_lines_csv(demo, 400);
    auto s = Store::open_memory();
    REQUIRE(s.ok());
    auto r = import_text(*s, csv, "demo_lines.csv");
    REQUIRE_MESSAGE(r.ok(), (r.ok() ? "" : r.error().message));
    CHECK(r->orders_imported == 400);
    CHECK(r->rows_rejected == 0);
    // Break the date of the last row of the first multi-line order: that order alone is rejected.
    const std::string first_multi = qs_first_multi(demo);
    size_t at = csv.rfind("\n" + first_multi + ",");
    REQUIRE(at != std::string::npos);
    size_t date = at + 1 + first_multi.size() + 1;
    csv.replace(date, 10, "2026-02-30");
    auto s2 = Store::open_memory();
    REQUIRE(s2.ok());
    auto r2 = import_text(*s2, csv, "demo_lines_bad.csv");
    REQUIRE(r2.ok());
    CHECK(r2->orders_imported == 399);
    const RowError* bad = nullptr;  // the row with the date; its order's other rows say "rejected with its order"
    for (const RowError& e : r2->errors)
      if (e.column == "placed_at") bad = &e;
    REQUIRE(bad != nullptr);
    CHECK(bad->value.rfind("2026-02-30", 0) == 0);
    for (const RowError& e : r2->errors) CHECK((e.column == "placed_at" || e.column == "order_id"));
  }
}

#include <fstream>
#include <set>
#include <sstream>

#include "core/base/region.h"
#include "core/io/line_kinds.h"

namespace {

std::vector<std::vector<std::string>> read_simple_csv(const std::string& path) {  // no quoted commas in the shaped fixture
  std::ifstream f(path, std::ios::binary);
  std::stringstream ss;
  ss << f.rdbuf();
  std::vector<std::vector<std::string>> rows;
  std::string line;
  std::istringstream in(ss.str());
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    std::vector<std::string> cells;
    std::string cell;
    std::istringstream ls(line);
    while (std::getline(ls, cell, ',')) cells.push_back(cell);
    if (cells.size() == 7) cells.push_back("");
    rows.push_back(cells);
  }
  return rows;
}

}  // namespace

TEST_SUITE("trust") {
  // Item 5: rows that are not products.
  TEST_CASE("trust: postage, fees and adjustments are classified at import and kept out of products") {
    CHECK(classify_line(PresetId::online_retail, "POST", "POSTAGE", {}) == LineKind::shipping);
    CHECK(classify_line(PresetId::online_retail, "DOT", "DOTCOM POSTAGE", {}) == LineKind::shipping);
    CHECK(classify_line(PresetId::online_retail, "C2", "CARRIAGE", {}) == LineKind::shipping);
    CHECK(classify_line(PresetId::online_retail, "M", "Manual", {}) == LineKind::adjustment);
    CHECK(classify_line(PresetId::online_retail, "BANK CHARGES", "Bank Charges", {}) == LineKind::fee);
    CHECK(classify_line(PresetId::online_retail, "AMAZONFEE", "AMAZON FEE", {}) == LineKind::fee);
    CHECK(classify_line(PresetId::online_retail, "B", "Adjust bad debt", {}) == LineKind::adjustment);
    CHECK(classify_line(PresetId::taobao, "", "运费", {}) == LineKind::shipping);
    CHECK(classify_line(PresetId::generic, "YF-1", "邮费补拍链接", {}) == LineKind::shipping);
    CHECK(classify_line(PresetId::taobao, "", "补差价专用", {}) == LineKind::adjustment);
    CHECK(classify_line(PresetId::taobao, "", "退货运费险", {}) == LineKind::fee);
    CHECK(classify_line(PresetId::taobao, "T1", "西湖龙井 包邮", {}) == LineKind::merchandise);
    CHECK(classify_line(PresetId::generic, "M", "Manual", {}) == LineKind::adjustment);  // by title
    CHECK(classify_line(PresetId::generic, "M", "Mug", {}) == LineKind::merchandise);    // M is Online Retail's code only
    // The seller's own list comes first.
    auto parsed = parse_line_kind_rules("# mine\nfee: PAYPAL\nshipping: ship-1\n\nbogus line\npostage: X\n");
    CHECK(parsed.rules == std::vector<LineKindRule>{{"PAYPAL", LineKind::fee}, {"ship-1", LineKind::shipping}});
    REQUIRE(parsed.errors.size() == 2);
    CHECK(parsed.errors[0].rfind("line 5:", 0) == 0);
    CHECK(parsed.errors[1].find("unknown kind \"postage\"") != std::string::npos);
    CHECK(classify_line(PresetId::generic, "SHIP-1", "Express", parsed.rules) == LineKind::shipping);
    CHECK(parse_line_kind_rules(format_line_kind_rules(parsed.rules)).rules == parsed.rules);
  }

  TEST_CASE("trust: Online-Retail-shaped store: non-products under their own heading, write-offs not orders") {
    const auto rows = read_simple_csv(import_fixture("online_retail_shaped.csv"));
    // Independent count from the file: StockCodes that are not products, and write-off rows.
    const std::set<std::string> shipping = {"POST", "DOT", "C2"}, fee = {"BANK CHARGES", "AMAZONFEE"}, adj = {"M", "B"};
    int64_t n_ship = 0, n_fee = 0, n_adj = 0, write_off_rows = 0, write_off_units = 0;
    Money ship_money = 0;
    for (const auto& r : rows) {
      const bool cancel = r[0][0] == 'C';
      if (shipping.count(r[1])) {
        ++n_ship;
        if (!cancel) ship_money += std::stoll(r[3]) * *parse_money(r[5]);
      } else if (fee.count(r[1])) ++n_fee;
      else if (adj.count(r[1])) ++n_adj;
      if (!cancel && r[5] == "0.00" && r[3][0] == '-') ++write_off_rows, write_off_units -= std::stoll(r[3]);
    }
    REQUIRE(n_ship > 50);
    REQUIRE(write_off_rows > 3);
    auto s = Store::open_memory();
    REQUIRE(s.ok());
    auto rep = import_file(*s, import_fixture("online_retail_shaped.csv"), {});
    REQUIRE(rep.ok());
    CHECK(rep->lines_by_kind[1] == n_ship);
    CHECK(rep->lines_by_kind[2] == n_fee);
    CHECK(rep->lines_by_kind[3] == n_adj);
    CHECK(rep->stock_write_off_rows == write_off_rows);
    CHECK(rep->stock_write_off_units == write_off_units);
    CHECK(rep->rows_rejected == 0);
    // main: POST, DOT, M ... became products.
    CHECK(scalar(*s, "SELECT COUNT(*) FROM products WHERE sku IN ('POST','DOT','C2','M','B','BANK CHARGES','AMAZONFEE')") == 0);
    CHECK(scalar(*s, "SELECT COUNT(*) FROM order_lines WHERE qty < 0 AND unit_price = 0") == 0);
    auto ds = load_dataset(*s);
    REQUIRE(ds.ok());
    const DayRange span = ds->order_days();
    const KpiResult k = compute_kpis(*ds, KpiQuery{span, Compare::none});
    CHECK(k.current.shipping_lines == ship_money);
    CHECK(k.current.adjustment_lines > 1106206 - 1);  // the bad-debt adjustment alone is 11,062.06
    const int64_t merch_units = scalar(*s,
        "SELECT SUM(l.qty) FROM order_lines l JOIN orders o ON o.id=l.order_id WHERE o.status IN (1,2,3,5) AND l.kind=0");
    CHECK(k.get(Metric::units) == merch_units);
    const Breakdown b = compute_breakdown(*ds, BreakdownQuery{span, Compare::none, Dimension::product, 0});
    for (const BreakdownRow& r : b.rows) {
      CHECK(r.name != "");  // every line left is a product in the catalogue
      CHECK(shipping.count(r.name) == 0);
    }
    MESSAGE("Online-Retail-shaped: shipping lines ", n_ship, " (", money_to_decimal(ship_money), "), fee lines ", n_fee,
            ", adjustment lines ", n_adj, ", write-off rows ", write_off_rows, " (", write_off_units, " units)");
  }

  TEST_CASE("trust: the demo catalogue has no line mistaken for postage or a fee (item 5, demo check)") {
    Store s = demo_store();
    auto st = s.db().prepare("SELECT DISTINCT l.sku, l.title FROM order_lines l");
    REQUIRE(st.ok());
    int64_t n = 0, flagged = 0;
    while (st->step()) {
      ++n;
      if (classify_line(PresetId::taobao, st->text(0), st->text(1), {}) != LineKind::merchandise) ++flagged;
    }
    CHECK(n > 100);
    CHECK(flagged == 0);
    CHECK(scalar(s, "SELECT COUNT(*) FROM order_lines WHERE kind <> 0") == 0);
  }

  // Item 6: guests keep their region; one place is one row.
  TEST_CASE("trust: region names normalised: provinces by short form, countries by ISO name") {
    std::string buf;
    CHECK(normalize_region("浙江省", buf) == "浙江");
    CHECK(normalize_region("浙江", buf) == "浙江");
    CHECK(normalize_region("广西壮族自治区", buf) == "广西");
    CHECK(normalize_region("北京市", buf) == "北京");
    CHECK(normalize_region("内蒙古自治区", buf) == "内蒙古");
    CHECK(normalize_region("香港特别行政区", buf) == "香港");
    CHECK(normalize_region("浙江省杭州市西湖区", buf) == "浙江");
    CHECK(normalize_region("山西", buf) == "山西");
    CHECK(normalize_region("陕西省", buf) == "陕西");
    CHECK(normalize_region(" EIRE ", buf) == "Ireland");
    CHECK(normalize_region("USA", buf) == "United States");
    CHECK(normalize_region("RSA", buf) == "South Africa");
    CHECK(normalize_region("uk", buf) == "United Kingdom");
    CHECK(normalize_region("France", buf) == "France");
    CHECK(normalize_region("", buf) == "");
  }

  TEST_CASE("trust: guests keep the region the export gives; 浙江省 and 浙江 are one row") {
    auto s = Store::open_memory();
    REQUIRE(s.ok());
    REQUIRE(import_file(*s, import_fixture("online_retail.csv"), {}).ok());
    REQUIRE(s->write([](Writer& w) -> Status {
      for (auto [id, region] : {std::pair{"Z1", "浙江省"}, {"Z2", "浙江"}}) {
        Customer c;
        c.id = id;
        c.region = region;
        if (auto r = w.put(c); !r) return r;
        Order o;
        o.id = std::string("Z-") + id;
        o.customer_id = id;
        o.placed_at = start_of(D(2010, 12, 2)) + 3600;
        o.status = OrderStatus::completed;
        o.paid_amount = o.items_amount = 1000;
        if (auto a = w.add_order(o); !a) return a.error();
        if (auto r = w.put(OrderLine{o.id, 1, "22633", "", 1, 1000, 0, std::nullopt}); !r) return r;
      }
      return Ok{};
    }).ok());
    CHECK(scalar(*s, "SELECT COUNT(*) FROM orders WHERE id='536368' AND region='United Kingdom'") == 1);
    auto ds = load_dataset(*s);
    REQUIRE(ds.ok());
    const Breakdown b = compute_breakdown(*ds, BreakdownQuery{DayRange{D(2010, 12, 1), D(2010, 12, 3)}, Compare::none,
                                                              Dimension::region, 0});
    Money uk = -1, none = 0, zj = -1;
    int zj_rows = 0;
    for (const BreakdownRow& r : b.rows) {
      if (r.name == "United Kingdom") uk = r.sales;
      if (r.key < 0) none += r.sales;
      if (r.name.find("浙江") != std::string::npos) ++zj_rows, zj = r.sales;
    }
    // United Kingdom: 536365 35.64 + 536366 11.10 (17850) + the guest's 536368 6 x 4.25 = 25.50
    // (main: the guest fell under "no region").
    CHECK(uk == 3564 + 1110 + 2550);
    CHECK(none == 0);
    CHECK(zj_rows == 1);
    CHECK(zj == 2000);
  }
}

#include "core/workspace/peaks.h"

namespace {

// Alerts and expected peaks per calendar month of `range`, printed for the report.
std::vector<AlertMonth> monthly_alerts(Store& s, DayRange range, const char* label) {
  auto ds = load_dataset(s);
  REQUIRE(ds.ok());
  AlertQuery q;
  q.range = range;
  auto peaks = expected_peaks(s.db(), range, 7 * q.weeks);
  REQUIRE(peaks.ok());
  q.expected = *peaks;
  const auto alerts = detect_alerts(*ds, q);
  for (const Alert& a : alerts) {  // the printed value is outside the printed band, always
    const double v = std::stod(format_metric_value(a.metric, a.value));
    const double lo = std::stod(format_metric_value(a.metric, a.band.low));
    const double hi = std::stod(format_metric_value(a.metric, a.band.high));
    CHECK_MESSAGE((v < lo || v > hi), format_day(a.day) << " " << metric_name(a.metric));
  }
  auto months = alerts_by_month(alerts);
  std::string line;
  for (const AlertMonth& m : months)
    line += format_day(m.month_start).substr(0, 7) + " " + std::to_string(m.alerts) + "+" + std::to_string(m.expected) + "  ";
  const std::string text = std::string(label) + " alerts+expected peaks per month: " + line;
  MESSAGE(text);
  return months;
}

}  // namespace

TEST_SUITE("trust") {
  TEST_CASE("trust: alerts per month of the demo store are a handful (item 2, demo check)") {
    auto s = Store::open_memory();
    REQUIRE(s.ok());
    DemoOptions opt;  // the default shop, as the UI's demo button makes it
    opt.end_day = D(2026, 11, 22);
    REQUIRE(generate_demo(*s, opt).ok());
    const auto months = monthly_alerts(*s, DayRange{D(2025, 12, 1), D(2026, 10, 31)}, "demo store");
    REQUIRE_FALSE(months.empty());
    int64_t total = 0;
    for (const AlertMonth& m : months) {
      CHECK(m.alerts <= 8);  // a handful, not one a day (main: up to 30 in February)
      total += m.alerts;
    }
    CHECK(total > 0);  // the rule still fires
  }

  TEST_CASE("trust: alerts per month of the Online-Retail-shaped store are a handful (item 2, fixture check)") {
    Store s = online_retail_store();
    const auto months = monthly_alerts(s, DayRange{D(2011, 3, 1), D(2011, 4, 30)}, "Online-Retail-shaped");
    // A tiny shop (3-9 invoices a day) with very uneven invoices (1 x 0.85 to 24 x 12.75, plus
    // dotcom postage of up to 900.00 and an 11,062.06 bad-debt adjustment): not one a day.
    REQUIRE_FALSE(months.empty());
    for (const AlertMonth& m : months) CHECK(m.alerts <= 8);
  }
}

#include "core/analytics/decomposition.h"

TEST_SUITE("trust") {
  // Item 3: one set of numbers in "why it changed".
  TEST_CASE("trust: each factor's own change (as on its card) and its share, the same in sentence and export") {
    Totals before, after;
    before.visitors = 1000;
    before.valid_orders = 20;
    before.sales = 200000;
    after.visitors = 1376;     // +37.6 %
    after.valid_orders = 30;   // conversion 2.00 % -> 2.18 %: +0.18 pp (relative +9.0 %)
    after.sales = 330000;      // AOV 100.00 -> 110.00: +10.0 %
    Explanation e;
    e.sales = decompose_sales(before, after);
    REQUIRE(e.sales.ok);
    const Factor& v = e.sales.factors[0];
    const Factor& c = e.sales.factors[1];
    CHECK_FALSE(v.rate);
    CHECK(v.own_change == doctest::Approx(0.376));
    CHECK(c.rate);
    CHECK(c.own_change == doctest::Approx(30.0 / 1376 - 0.02));
    double shares = 0;
    for (const Factor& f : e.sales.factors) shares += f.share;
    CHECK(shares == doctest::Approx(1.0));
    // The sentence prints the card's number (main: the sentence said 37.6 % while the bar showed
    // the factor's points, 0.376 x L / Y0 = +40.7 % here).
    // (The sentence is worded in ui/i18n from own_change and share: tests/ui/words_test.cpp.)
    CHECK(e.sales.main == 0);
    const Table t = decomposition_table(e);
    REQUIRE(t.rows.size() == 3);
    CHECK(t.rows[0][1].to_string() == "visitors");
    CHECK(t.rows[0][4].real_value == doctest::Approx(0.376));
    CHECK(t.rows[0][5].to_string() == "relative");
    CHECK(t.rows[1][5].to_string() == "points");
    CHECK(t.rows[0][6].real_value == doctest::Approx(v.share));
  }
}

#include "core/io/sniff.h"

// Whole-file refusals as codes (issue #10, item 10: "import messages"): each refusal names its
// code and parameters, and its Error message is the same English as before (the CLI's words).
TEST_SUITE("trust") {
  TEST_CASE("trust: every whole-file refusal code has a name and an English sentence") {
    std::set<std::string> names;
    for (int i = 1; i < kFileWhyCount; ++i) {
      FileRefusal r{static_cast<FileWhy>(i), 3, "a", "b", "c"};
      if (r.why == FileWhy::not_text) r.n = static_cast<int64_t>(FileKind::png);
      CAPTURE(i);
      CHECK(std::string(file_why_name(r.why)).size() > 1);
      CHECK_FALSE(refusal_en(r).empty());
      names.insert(file_why_name(r.why));
    }
    CHECK(static_cast<int>(names.size()) == kFileWhyCount - 1);  // every name differs
  }

  TEST_CASE("trust: an empty file, a missing required column and a wrong preset are refused with their codes") {
    auto begin = [](const std::string& text, ImportOptions o) {
      o.file_name = "t.csv";
      Importer imp;
      Status st = imp.begin(text, o);
      REQUIRE_FALSE(st.ok());
      return std::make_pair(imp.refusal(), st.error().message);
    };
    {
      auto [r, msg] = begin("", {});
      CHECK(r.why == FileWhy::empty);
      CHECK(msg == "t.csv: the file is empty");
    }
    {
      // A generic orders file without its date column: placed_at is required.
      ImportOptions o;
      o.format = "generic";
      auto [r, msg] = begin("order_id,amount\nA1,10\n", o);
      CHECK(r.why == FileWhy::missing_column);
      CHECK(r.n == 1);
      CHECK(r.a == "placed_at");
      CHECK(r.c == "order_id, amount");
      CHECK(msg.rfind("t.csv: line 1: no column for \"placed_at\" (", 0) == 0);
      CHECK(msg.find("; columns found: order_id, amount. Choose it with --map placed_at=HEADER") != std::string::npos);
    }
    {
      // The Online Retail preset chosen for a Shopify-like file: its InvoiceNo column is missing.
      ImportOptions o;
      o.format = "online-retail";
      auto [r, msg] = begin("Name,Created at,Total\n#1001,2026-01-01,10\n", o);
      CHECK(r.why == FileWhy::missing_column);
      CHECK(msg.find("no column for \"" + r.a + "\"") != std::string::npos);
    }
    {
      ImportOptions o;
      o.format = "online-retail";
      o.target = "products";
      auto [r, msg] = begin("InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n", o);
      CHECK(r.why == FileWhy::format_orders_only);
      CHECK(r.a == "online-retail");
      CHECK(r.b == "products");
      CHECK(msg == "t.csv: the online-retail format imports orders; use --format generic for target products");
    }
    {
      auto [r, msg] = begin(std::string("\x89PNG\r\n\x1a\n", 8) + std::string(32, '\0'), {});
      CHECK(r.why == FileWhy::not_text);
      CHECK(static_cast<FileKind>(r.n) == FileKind::png);
      CHECK(msg == "t.csv: this is a PNG image, not a CSV file");
    }
    {
      // The header itself opens a quote that never closes: the file was cut in its first row.
      auto [r, msg] = begin("order_id,\"placed_at\nA1,2026-01-01\n", {});
      CHECK(r.why == FileWhy::cut_off);
      CHECK(r.n == 1);
      CHECK(r.b == "1");
      CHECK(msg == "t.csv: line 1: the file ends in the middle of a row (line 1): was it cut off? (a quoted field "
                   "opened on line 1 is never closed)");
    }
  }

  TEST_CASE("trust: a file whose every row is rejected is refused as nothing_imported with its root row") {
    auto opened = Store::open_memory();
    REQUIRE(opened.ok());
    Store& store = *opened;
    Importer imp;
    ImportOptions o;
    o.file_name = "t.csv";
    o.format = "generic";
    REQUIRE(imp.begin("order_id,placed_at,amount\nA1,not-a-date,10\nA2,,5\n", o).ok());
    auto r = imp.commit(store);
    REQUIRE_FALSE(r.ok());
    CHECK(imp.refusal().why == FileWhy::nothing_imported);
    CHECK(imp.refusal().n == 1);                 // one more rejected row besides the root
    CHECK(imp.refused_row().line == 2);          // the first bad row names the cause
    CHECK(imp.refused_row().why == RowWhy::bad_value);
    CHECK(r.error().message.rfind("nothing imported: t.csv line 2, column placed_at: ", 0) == 0);
    CHECK(r.error().message.find("(and 1 more rejected rows)") != std::string::npos);
  }

  // #10 item 10: every rejected-row reason is a code the UI words (no English detail left to
  // show in the Chinese table). A refund for an order the store does not hold was codeless.
  TEST_CASE("trust: a refund of an unknown order is refused with the no_such_order code") {
    auto opened = Store::open_memory();
    REQUIRE(opened.ok());
    Store& store = *opened;
    Importer imp;
    ImportOptions o;
    o.file_name = "r.csv";
    o.format = "generic";
    o.target = "refunds";
    REQUIRE(imp.begin("order_id,sku,qty,amount,refunded_at\nNOPE-1,SKU-1,1,5.00,2026-11-02 10:00\n", o).ok());
    auto r = imp.commit(store);
    REQUIRE_FALSE(r.ok());
    CHECK(imp.refusal().why == FileWhy::nothing_imported);
    CHECK(imp.refused_row().line == 2);
    CHECK(imp.refused_row().why == RowWhy::no_such_order);
    CHECK(imp.refused_row().field == "order_id");
    CHECK(imp.refused_row().value == "NOPE-1");
  }
}

TEST_SUITE("trust") {
  // The Chinese Settings tip shows the kinds in Chinese ("运费: 邮费"): the rules read them, with
  // a half- or full-width colon, the same as the English names.
  TEST_CASE("trust: non-merchandise rules read the Chinese kind words and a full-width colon") {
    LineKindRulesParse p = parse_line_kind_rules("运费: 邮费\n手续费：平台服务费\n调整: 补差价\nshipping: POST\n礼品: X\n");
    REQUIRE(p.rules.size() == 4);
    CHECK(p.rules[0].match == "邮费");
    CHECK(p.rules[0].kind == LineKind::shipping);
    CHECK(p.rules[1].match == "平台服务费");
    CHECK(p.rules[1].kind == LineKind::fee);
    CHECK(p.rules[2].kind == LineKind::adjustment);
    CHECK(p.rules[3].kind == LineKind::shipping);
    REQUIRE(p.errors.size() == 1);  // 礼品 is no kind
  }
}
