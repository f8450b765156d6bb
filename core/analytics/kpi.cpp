#include "core/analytics/kpi.h"

#include <limits>

namespace shopkeeper {

const char* compare_name(Compare c) {
  switch (c) {
    case Compare::none: return "none";
    case Compare::previous: return "previous";
    case Compare::yoy: return "yoy";
  }
  return "none";
}

bool parse_compare(std::string_view s, Compare& out) {
  for (Compare c : {Compare::none, Compare::previous, Compare::yoy})
    if (s == compare_name(c)) {
      out = c;
      return true;
    }
  return false;
}

DayRange comparison_range(DayRange r, Compare c) {
  switch (c) {
    case Compare::none: return DayRange{0, -1};
    case Compare::previous: return previous_period(r);
    case Compare::yoy: return same_period_last_year(r);
  }
  return DayRange{0, -1};
}

KpiResult compute_kpis(const Dataset& ds, const KpiQuery& q) {
  KpiResult k;
  k.query = q;
  const Filter f{q.channel, q.source};
  Aggregate cur = aggregate(ds, q.range, f, Grain::day);
  k.current = cur.total;
  k.daily = std::move(cur.buckets);
  k.compare_range = comparison_range(q.range, q.compare);
  if (q.compare != Compare::none) {
    Aggregate cmp = aggregate(ds, k.compare_range, f, Grain::day);
    k.comparison = cmp.total;
    k.compare_daily = std::move(cmp.buckets);
  }
  for (int i = 0; i < kMetricCount; ++i) {
    const Metric m = static_cast<Metric>(i);
    const size_t mi = static_cast<size_t>(i);
    k.value[mi] = metric_value(k.current, m);
    k.compare_value[mi] = q.compare != Compare::none ? metric_value(k.comparison, m) : std::numeric_limits<double>::quiet_NaN();
    auto& s = k.series[mi];
    s.reserve(k.daily.size());
    for (const Totals& t : k.daily) s.push_back(metric_value(t, m));
  }
  return k;
}

Trend compute_trend(const Dataset& ds, const TrendQuery& q) {
  Trend t;
  t.query = q;
  Aggregate a = aggregate(ds, q.range, Filter{q.channel, q.source}, q.grain);
  t.bucket_start = std::move(a.bucket_start);
  t.buckets = std::move(a.buckets);
  return t;
}

}  // namespace shopkeeper
