#include "core/analytics/export.h"

#include <cmath>

namespace shopkeeper {

namespace {

Cell real_or_null(double v) { return std::isfinite(v) ? Cell::real(v) : Cell::null(); }
// Money held as a double of minor units (averages, ad cost ratios): rounded half away from zero.
Cell money_or_null(double v) { return std::isfinite(v) ? Cell::money(std::llround(v)) : Cell::null(); }

// A metric value in its unit: money in minor units, counts as integers when whole.
Cell metric_cell(Metric m, double v) {
  if (!std::isfinite(v)) return Cell::null();
  switch (metric_def(m).unit) {
    case MetricUnit::money: return money_or_null(v);
    case MetricUnit::count: return v == std::floor(v) ? Cell::integer(static_cast<int64_t>(v)) : Cell::real(v);
    default: return Cell::real(v);
  }
}

// Every analysis table: rates, shares and other non-money reals to 6 decimal places (a rate to
// 0.0001 percentage points), said in the CSV's first line (issue #10).
constexpr int kRealDigits = 6;
Table analysis_table() {
  Table t;
  t.real_digits = kRealDigits;
  t.note = "rates, shares and ratios rounded half away from zero to 6 decimal places (0.376215 = 37.6215%); money in "
           "major units to the fen";
  return t;
}

}  // namespace

Table kpi_table(const KpiResult& k) {
  Table t = analysis_table();
  t.columns = {"metric", "value", "compare_value", "change", "delta"};
  const bool cmp = k.query.compare != Compare::none;
  for (size_t i = 0; i < kMetricCount; ++i) {
    const Metric m = static_cast<Metric>(i);
    const double d = k.delta(m);
    const bool money = metric_def(m).unit == MetricUnit::money;
    t.rows.push_back({Cell::text(metric_name(m)), metric_cell(m, k.get(m)), cmp ? metric_cell(m, k.before(m)) : Cell::null(),
                      cmp ? real_or_null(k.change(m)) : Cell::null(),
                      !cmp ? Cell::null() : money ? money_or_null(d) : metric_cell(m, d)});
  }
  return t;
}

Table trend_table(const Trend& tr) {
  Table t = analysis_table();
  t.columns = {"bucket_start"};
  for (size_t i = 0; i < kMetricCount; ++i) t.columns.push_back(metric_name(static_cast<Metric>(i)));
  for (size_t b = 0; b < tr.buckets.size(); ++b) {
    std::vector<Cell> row = {Cell::day(tr.bucket_start[b])};
    for (size_t i = 0; i < kMetricCount; ++i) row.push_back(metric_cell(static_cast<Metric>(i), tr.value(static_cast<Metric>(i), b)));
    t.rows.push_back(std::move(row));
  }
  return t;
}

Table breakdown_table(const Breakdown& b) {
  Table t = analysis_table();
  t.columns = {"key",   "title", "sales",   "share",        "compare_sales",        "change",
               "orders", "units", "refunds", "gross_profit", "gross_profit_coverage"};
  for (const BreakdownRow& r : b.rows)
    t.rows.push_back({Cell::text(r.name), Cell::text(r.title), Cell::money(r.sales), real_or_null(r.share),
                      Cell::money(r.compare_sales), real_or_null(r.change), Cell::integer(r.orders), Cell::integer(r.units),
                      Cell::money(r.refunds), r.has_gross_profit ? Cell::money(r.gross_profit) : Cell::null(),
                      real_or_null(r.gross_profit_coverage)});
  return t;
}

Table decomposition_table(const Explanation& e) {
  Table t = analysis_table();
  t.columns = {"metric", "factor", "before", "after", "own_change", "own_change_unit", "share", "contribution"};
  for (const Decomposition* d : {&e.sales, &e.gross_profit})
    for (const Factor& f : d->factors)
      t.rows.push_back({Cell::text(metric_name(d->metric)), Cell::text(f.key), real_or_null(f.before), real_or_null(f.after),
                        real_or_null(f.own_change), Cell::text(f.rate ? "points" : "relative"), real_or_null(f.share),
                        money_or_null(f.contribution)});
  return t;
}

Table sources_table(const SourcesReport& s) {
  Table t = analysis_table();
  t.columns = {"source", "visitors", "valid_orders", "new_customers", "sales", "refunds", "spend", "conversion_rate", "roas",
               "cost_per_order", "cost_per_new_customer"};
  for (const SourceRow& r : s.rows)
    t.rows.push_back({Cell::text(r.name), Cell::integer(r.visitors), Cell::integer(r.valid_orders),
                      Cell::integer(r.new_customers), Cell::money(r.sales), Cell::money(r.refunds), Cell::money(r.spend),
                      real_or_null(r.conversion_rate), real_or_null(r.roas), money_or_null(r.cost_per_order),
                      money_or_null(r.cost_per_new_customer)});
  return t;
}

Table funnel_table(const Funnel& f) {
  Table t = analysis_table();
  t.columns = {"source", "step", "count", "step_rate", "overall_rate", "worst"};
  auto line = [&](const FunnelLine& l) {
    for (int s = 0; s < kFunnelSteps; ++s)
      t.rows.push_back({Cell::text(l.source < 0 ? "(all)" : l.name), Cell::text(funnel_step_name(s)),
                        Cell::integer(l.count[static_cast<size_t>(s)]), real_or_null(l.step_rate[static_cast<size_t>(s)]),
                        real_or_null(l.overall_rate[static_cast<size_t>(s)]), Cell::integer(l.worst_step == s ? 1 : 0)});
  };
  line(f.overall);
  for (const FunnelLine& l : f.by_source) line(l);
  return t;
}

Table cohort_table(const CohortMatrix& m) {
  Table t = analysis_table();
  t.columns = {"cohort", "cohort_size", "offset", "active_customers", "retention", "sales", "revenue_per_customer",
               "cumulative_revenue_per_customer", "complete"};
  for (const CohortRow& r : m.rows)
    for (size_t o = 0; o < r.cells.size(); ++o) {
      const CohortCell& c = r.cells[o];
      t.rows.push_back({Cell::day(r.month_start), Cell::integer(r.size), Cell::integer(static_cast<int64_t>(o)),
                        Cell::integer(c.active_customers), real_or_null(c.retention), Cell::money(c.sales),
                        money_or_null(c.revenue_per_customer), money_or_null(c.cumulative_revenue_per_customer),
                        Cell::integer(c.complete ? 1 : 0)});
    }
  return t;
}

Table alerts_table(const std::vector<Alert>& alerts, const AlertSentence& sentence) {
  Table t = analysis_table();
  t.columns = {"day", "metric", "value", "median", "low", "high", "z", "direction", "sentence_en", "sentence_zh",
               "expected", "occasion"};
  for (const Alert& a : alerts) {
    const bool money = metric_def(a.metric).unit == MetricUnit::money;
    auto v = [&](double x) { return money ? money_or_null(x) : real_or_null(x); };
    t.rows.push_back({Cell::day(a.day), Cell::text(metric_name(a.metric)), v(a.value), v(a.band.median), v(a.band.low),
                      v(a.band.high), real_or_null(a.z), Cell::integer(a.direction),
                      Cell::text(sentence ? sentence(a, false) : std::string()),
                      Cell::text(sentence ? sentence(a, true) : std::string()), Cell::integer(a.expected ? 1 : 0), Cell::text(a.occasion)});
  }
  return t;
}

}  // namespace shopkeeper
