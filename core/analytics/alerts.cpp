#include "core/analytics/alerts.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace shopkeeper {

namespace {
const char* kWeekdayEn[7] = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};
const char* kWeekdayZh[7] = {"周一", "周二", "周三", "周四", "周五", "周六", "周日"};

double median_of(std::vector<double>& v) {
  const size_t n = v.size();
  std::sort(v.begin(), v.end());
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2.0;
}
}  // namespace

Band robust_band(std::vector<double>& h, double threshold) {
  Band b;
  b.n = static_cast<int32_t>(h.size());
  if (h.empty()) return b;
  b.median = median_of(h);
  for (double& x : h) x = std::fabs(x - b.median);
  const double mad = median_of(h);
  b.sigma = std::max({1.4826 * mad, 0.05 * std::fabs(b.median), 1e-9});
  b.low = b.median - threshold * b.sigma;
  b.high = b.median + threshold * b.sigma;
  return b;
}

std::string format_metric_value(Metric m, double v, bool zh) {
  if (std::isnan(v)) return "-";
  switch (metric_def(m).unit) {
    case MetricUnit::money: return money_to_decimal(static_cast<Money>(std::llround(v)));
    case MetricUnit::count: return fmt::format("{:.0f}", v);
    case MetricUnit::rate: return fmt::format("{:.2f}%", v * 100.0);
    case MetricUnit::seconds: return fmt::format("{:.0f}", v) + (zh ? "秒" : " s");
    case MetricUnit::ratio: return fmt::format("{:.2f}", v);
  }
  return fmt::format("{}", v);
}

std::vector<Alert> detect_alerts(const Dataset& ds, const AlertQuery& q) {
  std::vector<Alert> out;
  if (q.range.length() <= 0 || q.weeks <= 0) return out;
  const DayRange span{q.range.first - 7 * q.weeks, q.range.last};
  const Aggregate a = aggregate(ds, span, Filter{q.channel, q.source}, Grain::day);
  const Day data_start = ds.order_days().length() > 0 ? ds.order_days().first : q.range.first;
  std::vector<double> hist;
  for (Day d = q.range.first; d <= q.range.last; ++d) {
    const size_t di = static_cast<size_t>(d - span.first);
    for (Metric m : q.metrics) {
      const double v = metric_value(a.buckets[di], m);
      if (std::isnan(v)) continue;
      hist.clear();
      for (int32_t w = 1; w <= q.weeks; ++w) {
        const Day h = d - 7 * w;
        if (h < data_start) break;
        const double hv = metric_value(a.buckets[static_cast<size_t>(h - span.first)], m);
        if (!std::isnan(hv)) hist.push_back(hv);
      }
      if (static_cast<int32_t>(hist.size()) < q.min_history) continue;
      const Band band = robust_band(hist, q.threshold);
      const double z = (v - band.median) / band.sigma;
      if (std::fabs(z) <= q.threshold) continue;
      Alert al;
      al.day = d;
      al.metric = m;
      al.value = v;
      al.band = band;
      al.z = z;
      al.direction = z > 0 ? 1 : -1;
      const MetricDef& def = metric_def(m);
      const int wd = weekday(d);
      const std::string pct =
          band.median != 0 ? fmt::format("{:.0f}%", std::fabs(v - band.median) / std::fabs(band.median) * 100.0) : "";
      al.sentence_en = fmt::format(
          "{} ({}): {} was {}, {}{} the usual for a {} (median {}, expected {} to {}, from the last {} {}s).",
          format_day(d), kWeekdayEn[wd], def.label_en, format_metric_value(m, v),
          pct.empty() ? "" : pct + " ", z > 0 ? "above" : "below", kWeekdayEn[wd],
          format_metric_value(m, band.median), format_metric_value(m, band.low), format_metric_value(m, band.high),
          band.n, kWeekdayEn[wd]);
      al.sentence_zh = fmt::format("{}（{}）：{}为 {}，{}平常的{}{}（中位数 {}，正常范围 {} 至 {}，参考过去 {} 个{}）。",
                                   format_day(d), kWeekdayZh[wd], def.label_zh, format_metric_value(m, v, true),
                                   z > 0 ? "高于" : "低于", kWeekdayZh[wd], pct.empty() ? "" : " " + pct,
                                   format_metric_value(m, band.median, true), format_metric_value(m, band.low, true),
                                   format_metric_value(m, band.high, true), band.n, kWeekdayZh[wd]);
      out.push_back(std::move(al));
    }
  }
  return out;
}

}  // namespace shopkeeper
