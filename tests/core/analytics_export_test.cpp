// Analysis results as export tables: hand-built results with the CSV text they must give
// (money as decimals in major units, rates as fractions, undefined values as empty cells).
#include <doctest/doctest.h>

#include <cmath>
#include <string>

#include "core/analytics/export.h"

using namespace shopkeeper;

namespace {
const char* const kNote =
    "# rates, shares and ratios rounded half away from zero to 6 decimal places (0.376215 = 37.6215%); money in major "
    "units to the fen\r\n";
// The CSV without its BOM and its rounding note (checked here: every analysis table states it),
// with \n line ends, for readable expectations.
std::string csv(const Table& t) {
  std::string s = to_csv(t);
  if (s.rfind("\xEF\xBB\xBF", 0) == 0) s.erase(0, 3);
  CHECK(s.rfind(kNote, 0) == 0);
  if (s.rfind(kNote, 0) == 0) s.erase(0, std::string(kNote).size());
  std::string out;
  for (char c : s)
    if (c != '\r') out += c;
  return out;
}
}  // namespace

TEST_SUITE("analytics") {
  TEST_CASE("export: funnel lines and steps, the worst step flagged, an undefined rate empty") {
    Funnel f;
    f.query.range = DayRange{*parse_day("2025-06-01"), *parse_day("2025-06-30")};
    f.overall.count = {1000, 400, 100, 30, 25};
    f.overall.step_rate = {1, 0.4, 0.25, 0.3, 25.0 / 30.0};
    f.overall.overall_rate = {1, 0.4, 0.1, 0.03, 0.025};
    f.overall.worst_step = 2;
    FunnelLine ads;
    ads.source = 1;
    ads.name = "ads";
    ads.count = {0, 0, 0, 0, 0};
    ads.step_rate = {1, NAN, NAN, NAN, NAN};
    ads.overall_rate = {NAN, NAN, NAN, NAN, NAN};
    f.by_source.push_back(ads);
    Table t = funnel_table(f);
    REQUIRE(t.rows.size() == 10);
    const std::string text = csv(t);
    CHECK(text.rfind("source,step,count,step_rate,overall_rate,worst\n(all),visitors,1000,1,1,0\n", 0) == 0);
    CHECK(text.find("(all),add_to_carts,100,0.25,0.1,1\n") != std::string::npos);
    CHECK(text.find("ads,orders,0,,,0\n") != std::string::npos);
  }

  TEST_CASE("export: cohorts one row per month offset, money per customer rounded to the fen") {
    CohortMatrix m;
    CohortRow r;
    r.year = 2025, r.month = 1, r.month_start = *parse_day("2025-01-01"), r.size = 3;
    CohortCell c0;
    c0.active_customers = 3, c0.sales = 30000, c0.retention = 1, c0.revenue_per_customer = 10000,
    c0.cumulative_revenue_per_customer = 10000;
    CohortCell c1;
    c1.active_customers = 1, c1.sales = 1000, c1.retention = 1.0 / 3, c1.revenue_per_customer = 1000.0 / 3,
    c1.cumulative_revenue_per_customer = 31000.0 / 3, c1.complete = false;
    r.cells = {c0, c1};
    m.rows.push_back(r);
    const std::string text = csv(cohort_table(m));
    // 1000 / 3 = 333.33.. fen -> 3.33; 31000 / 3 = 10333.33.. fen -> 103.33; retention 1/3 to 6
    // decimal places: 0.333333 (main: 0.3333333333333333).
    CHECK(text == "cohort,cohort_size,offset,active_customers,retention,sales,revenue_per_customer,"
                  "cumulative_revenue_per_customer,complete\n"
                  "2025-01-01,3,0,3,1,300.00,100.00,100.00,1\n"
                  "2025-01-01,3,1,1,0.333333,10.00,3.33,103.33,0\n");
  }

  TEST_CASE("export: alerts keep money metrics as money and rates as fractions; sentences as text") {
    Alert a;
    a.day = *parse_day("2025-06-18");
    a.metric = Metric::sales;
    a.value = 123456;
    a.band.median = 50000, a.band.low = 20000.4, a.band.high = 80000.5;
    a.z = 4.5, a.direction = 1;
    Alert b;
    b.day = *parse_day("2025-06-19");
    b.metric = Metric::conversion_rate;
    b.value = 0.01, b.band.median = 0.03, b.band.low = 0.02, b.band.high = 0.04, b.z = -3.6, b.direction = -1;
    b.expected = true, b.occasion = "double_11";  // issue #10: an expected peak, with its occasion
    // The sentences come from the caller (the CLI words them through ui/i18n); a formula-looking
    // one is escaped. The second alert gets none.
    const std::string text = csv(alerts_table({a, b}, [](const Alert& x, bool zh) {
      return x.metric != Metric::sales ? std::string() : zh ? std::string("销售额异常上升") : std::string("=Sales jumped");
    }));
    CHECK(text.find("2025-06-18,sales,1234.56,500.00,200.00,800.01,4.5,1,'=Sales jumped,销售额异常上升,0,\n") != std::string::npos);
    CHECK(text.find("2025-06-19,conversion_rate,0.01,0.03,0.02,0.04,-3.6,-1,,,1,double_11\n") != std::string::npos);
  }

  TEST_CASE("export: KPIs with comparison; money in minor units, no comparison gives empty cells") {
    KpiResult k;
    k.query.compare = Compare::previous;
    k.value.fill(NAN);
    k.compare_value.fill(NAN);
    k.value[static_cast<size_t>(Metric::sales)] = 110000;
    k.compare_value[static_cast<size_t>(Metric::sales)] = 100000;
    k.value[static_cast<size_t>(Metric::valid_orders)] = 12;
    k.compare_value[static_cast<size_t>(Metric::valid_orders)] = 10;
    k.value[static_cast<size_t>(Metric::aov)] = 110000.0 / 12;  // 9166.66.. fen -> 91.67
    Table t = kpi_table(k);
    REQUIRE(t.rows.size() == kMetricCount);
    const std::string text = csv(t);
    CHECK(text.find("\nsales,1100.00,1000.00,0.1,100.00\n") != std::string::npos);
    CHECK(text.find("\nvalid_orders,12,10,0.2,2\n") != std::string::npos);
    CHECK(text.find("\naov,91.67,,,\n") != std::string::npos);
    k.query.compare = Compare::none;
    CHECK(csv(kpi_table(k)).find("\nsales,1100.00,,,\n") != std::string::npos);
  }

  // Issue #10, item 9: rates in exports to a stated number of digits, not 0.3762154457058494.
  TEST_CASE("export: rates rounded half away from zero to 6 decimal places in CSV and JSON, said in the CSV's first line") {
    Funnel f;
    f.query.range = DayRange{*parse_day("2025-06-01"), *parse_day("2025-06-30")};
    f.overall.count = {1000, 400, 100, 30, 25};
    // 0.3762154457058494 -> 0.376215 (7th decimal 4: down); 0.0000126 -> 0.000013 (up; written
    // in plain decimals, not 1.3e-05); -0.00000049 -> 0 (not "-0"); -0.37621551 -> -0.376216
    // (away from zero).
    f.overall.step_rate = {1, 0.3762154457058494, 0.0000126, -0.00000049, -0.37621551};
    f.overall.overall_rate = {1, 0.4, 0.1, 0.03, 0.025};
    Table t = funnel_table(f);
    CHECK(t.real_digits == 6);
    const std::string text = csv(t);
    CHECK(text.find("(all),product_views,400,0.376215,0.4,0\n") != std::string::npos);
    CHECK(text.find("(all),add_to_carts,100,0.000013,0.1,0\n") != std::string::npos);
    CHECK(text.find("(all),orders,30,0,0.03,") != std::string::npos);
    CHECK(text.find("(all),paid_orders,25,-0.376216,0.025,") != std::string::npos);
    const std::string json = to_json(t);
    CHECK(json.find("\"step_rate\": 0.376215,") != std::string::npos);
    CHECK(json.find("0.3762154") == std::string::npos);
    CHECK(json.rfind("[", 0) == 0);  // JSON stays an array of rows
    // A store table export keeps full precision and has no note.
    Table plain;
    plain.columns = {"x"};
    plain.rows = {{Cell::real(0.3762154457058494)}};
    CHECK(to_csv(plain) == "\xEF\xBB\xBFx\r\n0.3762154457058494\r\n");
  }
}
