// KPI cards and trends: every metric of docs/metrics.md for a date range, the same for a
// comparison period (previous period of equal length, or the same dates last year), the
// change between them, and a daily series per metric for sparklines.
// Pure functions of (Dataset, query); results are plain values the UI caches per
// (dataset revision, query).
#pragma once
#include <array>
#include <vector>

#include "core/analytics/metrics.h"

namespace shopkeeper {

enum class Compare : uint8_t { none, previous, yoy };
const char* compare_name(Compare c);
bool parse_compare(std::string_view s, Compare& out);  // "none" | "previous" | "yoy"
// The comparison range for `r` ({0,-1} for Compare::none).
DayRange comparison_range(DayRange r, Compare c);

struct KpiQuery {
  DayRange range;
  Compare compare = Compare::previous;
  int16_t channel = -1, source = -1;
  bool operator==(const KpiQuery&) const = default;
};

struct KpiResult {
  KpiQuery query;
  DayRange compare_range;  // empty when query.compare == none
  Totals current, comparison;
  std::array<double, kMetricCount> value{}, compare_value{};  // NaN = undefined
  // Daily Totals of the range and of the comparison range (same length except for yoy across
  // Feb 29), and per metric the daily values of the range (sparklines).
  std::vector<Totals> daily, compare_daily;
  std::array<std::vector<double>, kMetricCount> series;

  double get(Metric m) const { return value[static_cast<size_t>(m)]; }
  double before(Metric m) const { return compare_value[static_cast<size_t>(m)]; }
  // (now - before) / |before|; NaN without comparison or when before is 0.
  double change(Metric m) const { return relative_change(get(m), before(m)); }
  // now - before (rates: in fraction points).
  double delta(Metric m) const { return get(m) - before(m); }
};

KpiResult compute_kpis(const Dataset& ds, const KpiQuery& q);

struct TrendQuery {
  DayRange range;
  Grain grain = Grain::day;
  int16_t channel = -1, source = -1;
  bool operator==(const TrendQuery&) const = default;
};

struct Trend {
  TrendQuery query;
  std::vector<Day> bucket_start;
  std::vector<Totals> buckets;  // distinct-customer counts are per bucket
  // metric value of bucket i
  double value(Metric m, size_t i) const { return metric_value(buckets[i], m); }
};

Trend compute_trend(const Dataset& ds, const TrendQuery& q);

}  // namespace shopkeeper
