// Dashboard metrics: their definitions (names, labels and exact definitions in English and
// Chinese, for tooltips and docs/metrics.md) and the one aggregation pass every view uses.
// Units: money in minor units (int64), counts, rates as fractions (0.05 = 5 %), seconds.
// Counting rules (also in docs/metrics.md):
//  - an order, its lines and its refunds count on the day the order was PLACED;
//  - valid order = paid and not cancelled (is_valid_order); sales, units, cost and customers
//    come from valid orders only; GMV and `orders` from all placed orders;
//  - refunds count only against valid orders, on the placed day of the refunded order;
//  - traffic is per (day, source) and has no channel: with a channel filter the traffic
//    metrics (and conversion) are unavailable (NaN).
// Everything returned is a value owned by the caller; nothing points into the Dataset.
#pragma once
#include <array>
#include <cstdint>
#include <string_view>
#include <vector>

#include "core/base/date.h"
#include "core/base/money.h"
#include "core/store/dataset.h"

namespace shopkeeper {

enum class Metric : uint8_t {
  visitors,
  page_views,
  pages_per_visit,
  avg_visit_seconds,
  orders,
  valid_orders,
  valid_order_rate,
  gmv,
  sales,
  refunds,
  net_sales,
  aov,
  units,
  units_per_order,
  gross_profit,
  gross_margin,
  conversion_rate,
  customers,
  new_customers,
  returning_customers,
  repurchase_rate,
  refund_rate_amount,
  refund_rate_units,
  gross_profit_coverage,
};
inline constexpr int kMetricCount = 24;

enum class MetricUnit : uint8_t { money, count, rate, seconds, ratio };
const char* metric_unit_name(MetricUnit u);

// A metric's code, unit and direction. Its label and definition are words, worded per language
// in ui/i18n/metric_words.cpp (issue #17 item 3: the core holds no sentences).
struct MetricDef {
  Metric metric;
  const char* name;  // snake_case key used by the CLI and the UI
  MetricUnit unit;
  bool higher_is_better;  // refunds and refund rates: false (the UI colours changes by it)
};

// One entry per Metric, in enum order.
const std::array<MetricDef, kMetricCount>& metric_definitions();
inline const MetricDef& metric_def(Metric m) { return metric_definitions()[static_cast<size_t>(m)]; }
inline const char* metric_name(Metric m) { return metric_def(m).name; }
// Looks a metric up by its snake_case name; false when unknown.
bool find_metric(std::string_view name, Metric& out);

// Restricts an analysis to one channel and/or traffic source (indices into Dataset::channels /
// Dataset::sources); -1 = all.
struct Filter {
  int16_t channel = -1;
  int16_t source = -1;
  bool operator==(const Filter&) const = default;
};

// The raw sums of one period (a whole range or one bucket of it). Every metric is a function
// of these (metric_value), so comparison periods and series share one code path.
struct Totals {
  // Traffic (traffic_daily rows of the period). visits = sessions, or visitors where a row has
  // no sessions; visit_seconds = sum of avg_seconds x visits.
  bool has_traffic = true;
  int64_t visitors = 0, page_views = 0, visits = 0, product_views = 0, add_to_carts = 0;
  double visit_seconds = 0;
  // Orders placed in the period (any status) and their payable amount (items - discount + shipping).
  int64_t orders = 0;
  Money gmv = 0;
  // Valid orders placed in the period.
  int64_t valid_orders = 0, guest_valid_orders = 0;
  Money sales = 0;  // sum of paid_amount
  int64_t units = 0, lines = 0;
  Money cost_sold = 0;  // sum of qty x unit cost over lines with a known cost
  int64_t lines_without_cost = 0, units_without_cost = 0;
  // Refunds of those valid orders (whenever they happened).
  int64_t refund_count = 0;
  Money refunds = 0;
  int64_t refunded_units = 0;
  Money cost_refunded = 0;                 // refunded qty x unit cost of the refunded line
  int64_t refunded_units_without_cost = 0;  // refund names no line, or the line's cost is unknown
  // The part of sales and refunds attributed to lines with a known cost (Dataset::order_covered_paid,
  // refund_covered_amount): gross profit and margin are computed over these only.
  Money covered_sales = 0, covered_refunds = 0;
  // Line revenue of the lines that are not merchandise (postage, fees, adjustments; issue #10):
  // part of sales, shown under their own heading, in no unit count or product figure. `units`
  // and `lines` count merchandise lines only.
  Money shipping_lines = 0, fee_lines = 0, adjustment_lines = 0;
  // Distinct non-guest customers with a valid order in the period; new = first valid order ever
  // in the period; repeat = 2+ valid orders in the period.
  int64_t customers = 0, new_customers = 0, repeat_customers = 0;

  // Adds the additive sums (everything except the distinct-customer counts and has_traffic).
  void add_sums(const Totals& o);
  Money net_sales() const { return sales - refunds; }
  // Net sales of the lines with a known cost, and gross profit over them (issue #10: lines with
  // an unknown cost are left out of gross profit, not counted at zero cost). Gross profit is
  // undefined (metric_value NaN) when no line of the period has a known cost or their net
  // sales are 0 (coverage zero).
  Money covered_net_sales() const { return covered_sales - covered_refunds; }
  Money gross_profit() const { return covered_net_sales() - (cost_sold - cost_refunded); }
  bool has_gross_profit() const { return lines > lines_without_cost && covered_net_sales() != 0; }
};

// The metric's value for a period; NaN when undefined (division by zero, no traffic data).
// Money metrics are exact integers except aov, which is rounded half away from zero to a
// whole minor unit (div_round).
double metric_value(const Totals& t, Metric m);

enum class Grain : uint8_t { day, week, month };  // weeks start on Monday; buckets are clipped to the range

struct Aggregate {
  DayRange range;
  Filter filter;
  Grain grain = Grain::day;
  Totals total;
  std::vector<Day> bucket_start;  // first day of each bucket (within range)
  std::vector<Totals> buckets;
};

// Totals for `range` and for each bucket of `grain`. Cost: with the Dataset's precomputed
// per-day sums (AnalyticsIndex::day_sums, core/analytics/index.h) O(days x cells + traffic rows in
// range), plus one pass over the orders in range for distinct customers when filtered; without
// them one pass over the orders, refunds and traffic of the range.
Aggregate aggregate(const Dataset& ds, DayRange range, const Filter& filter, Grain grain);

// Relative change (a - b) / |b|; NaN when b is 0 or either value is NaN.
double relative_change(double now, double before);

}  // namespace shopkeeper
