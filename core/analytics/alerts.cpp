#include "core/analytics/alerts.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace shopkeeper {

namespace {

double median_of(std::vector<double>& v) {
  const size_t n = v.size();
  std::sort(v.begin(), v.end());
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2.0;
}
}  // namespace

Band robust_band(std::vector<double>& h, double threshold, double rel_floor, double abs_floor) {
  Band b;
  b.n = static_cast<int32_t>(h.size());
  if (h.empty()) return b;
  b.median = median_of(h);
  for (double& x : h) x = std::fabs(x - b.median);
  const double mad = median_of(h);
  b.sigma = std::max({1.4826 * mad, rel_floor * std::fabs(b.median), abs_floor, 1e-9});
  b.low = b.median - threshold * b.sigma;
  b.high = b.median + threshold * b.sigma;
  return b;
}

double metric_display_step(Metric m) {
  switch (metric_def(m).unit) {
    case MetricUnit::rate: return 1e-4;
    case MetricUnit::ratio: return 1e-2;
    default: return 1;
  }
}

namespace {
// x rounded down / up to a multiple of `step`; a tiny tolerance keeps values that are already
// on the grid (0.0123 as 123 x 1e-4) where they are.
double floor_to(double x, double step) { return std::floor(x / step + 1e-9) * step; }
double ceil_to(double x, double step) { return std::ceil(x / step - 1e-9) * step; }

const ExpectedWindow* expected_on(const AlertQuery& q, Day d) {
  for (const ExpectedWindow& w : q.expected)
    if (d >= w.window.first && d <= w.window.last) return &w;
  return nullptr;
}
}  // namespace

std::string format_metric_value(Metric m, double v) {
  if (std::isnan(v)) return "-";
  switch (metric_def(m).unit) {
    case MetricUnit::money: return money_to_decimal(static_cast<Money>(std::llround(v)));
    case MetricUnit::count: return fmt::format("{:.0f}", v);
    case MetricUnit::rate: return fmt::format("{:.2f}%", v * 100.0);
    case MetricUnit::seconds: return fmt::format("{:.0f} s", v);
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
    const ExpectedWindow* occasion = expected_on(q, d);
    for (Metric m : q.metrics) {
      const double v = metric_value(a.buckets[di], m);
      if (std::isnan(v)) continue;
      hist.clear();
      for (int32_t w = 1; w <= q.weeks; ++w) {
        const Day h = d - 7 * w;
        if (h < data_start) break;
        if (expected_on(q, h)) continue;  // a festival or promotion day is no usual day
        const double hv = metric_value(a.buckets[static_cast<size_t>(h - span.first)], m);
        if (!std::isnan(hv)) hist.push_back(hv);
      }
      if (static_cast<int32_t>(hist.size()) < q.min_history) continue;
      const bool nonnegative = std::all_of(hist.begin(), hist.end(), [](double x) { return x >= 0; });
      const bool count = metric_def(m).unit == MetricUnit::count;
      Band band = robust_band(hist, q.threshold, 0.10, 0);
      if (count) {  // Poisson noise: a count's spread is at least sqrt(mean)
        band.sigma = std::max(band.sigma, std::sqrt(std::fabs(band.median)));
        band.low = band.median - q.threshold * band.sigma;
        band.high = band.median + q.threshold * band.sigma;
      }
      // The band as shown is the band tested: widened outwards to the display step, and a
      // value flagged only strictly outside it, shown rounded away from it.
      const double step = metric_display_step(m);
      band.low = floor_to(band.low, step);
      band.high = ceil_to(band.high, step);
      if (nonnegative && band.low < 0) band.low = 0;  // no "expected -181.19 to ..." for sales that are never negative
      if (!(v < band.low || v > band.high)) continue;
      const double shown = v > band.high ? ceil_to(v, step) : floor_to(v, step);
      Alert al;
      al.day = d;
      al.metric = m;
      al.value = shown;
      al.band = band;
      al.z = (v - band.median) / band.sigma;
      al.direction = v > band.high ? 1 : -1;
      if (occasion) {
        al.expected = true;
        al.occasion = occasion->name;
      }
      out.push_back(std::move(al));
    }
  }
  return out;
}

std::vector<AlertMonth> alerts_by_month(const std::vector<Alert>& alerts) {
  std::vector<AlertMonth> out;
  for (const Alert& a : alerts) {
    const Ymd c = civil_from_days(a.day);
    const Day m = days_from_civil(c.y, c.m, 1);
    if (out.empty() || out.back().month_start != m) out.push_back(AlertMonth{m, 0, 0});
    (a.expected ? out.back().expected : out.back().alerts) += 1;
  }
  return out;
}

}  // namespace shopkeeper
