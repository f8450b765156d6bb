// Every analysis result the Dashboard shows, as a Table (core/io/table.h) for CSV / JSON export:
// money as money cells (minor units, written as decimals), rates and shares as fractions,
// undefined values (no comparison, division by zero) as empty cells. Column names are stable
// snake_case keys, the same in every language.
#pragma once
#include <functional>
#include <string>
#include <vector>

#include "core/analytics/alerts.h"
#include "core/analytics/breakdown.h"
#include "core/analytics/cohorts.h"
#include "core/analytics/decomposition.h"
#include "core/analytics/funnel.h"
#include "core/analytics/kpi.h"
#include "core/analytics/sources.h"
#include "core/io/table.h"

namespace shopkeeper {

// One row per metric: metric, value, compare_value, change (relative), delta.
Table kpi_table(const KpiResult& k);
// One row per bucket: bucket_start and every metric of that bucket.
Table trend_table(const Trend& t);
// key, title, sales, share, compare_sales, change, orders, units, refunds, gross_profit.
Table breakdown_table(const Breakdown& b);
// "Why did it change?": one row per (metric, factor): metric, factor, before, after (the factor's
// unit: counts, money in minor units, rates as fractions), own_change
// (as the factor's card shows it), own_change_unit ("relative" or "points" for rates), share of
// the metric's change, contribution (the metric's unit; money in major units).
Table decomposition_table(const Explanation& e);
// source, visitors, valid_orders, new_customers, sales, refunds, spend, conversion_rate, roas,
// cost_per_order, cost_per_new_customer (the last two money, rounded half away from zero).
Table sources_table(const SourcesReport& s);
// One row per funnel line (overall first, then each source) and step: source, step, count,
// step_rate, overall_rate, worst (1 on the step that lost the most).
Table funnel_table(const Funnel& f);
// One row per cohort and month offset: cohort (first day of the month), cohort_size, offset,
// active_customers, retention, sales, revenue_per_customer, cumulative_revenue_per_customer,
// complete (0 when the month is cut by the data's end).
Table cohort_table(const CohortMatrix& m);
// day, metric, value, median, low, high, z, direction, sentence_en, sentence_zh, expected,
// occasion. The sentences are words, so the caller gives them (the CLI and the UI word an alert
// through ui/i18n: `sentence(alert, zh)`; none: both columns empty).
using AlertSentence = std::function<std::string(const Alert&, bool zh)>;
Table alerts_table(const std::vector<Alert>& alerts, const AlertSentence& sentence = {});

}  // namespace shopkeeper
