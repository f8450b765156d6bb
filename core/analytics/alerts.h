// Alerts: days on which a metric left its expected band. The band is weekday-aware and robust:
// for day d, the history is the same weekday in the `weeks` weeks before d (default 8 values:
// d-7, d-14, ..., d-56), days before the first order in the data left out. With median m and
// MAD (median absolute deviation) of the history, sigma = 1.4826 x MAD (the normal-consistent
// scale), floored at 5 % of |m| (and at 1e-9) so a perfectly flat history does not alert on noise.
// A day alerts when |value - m| > threshold x sigma (default threshold 3.5) and the history has
// at least `min_history` values. Daily values follow metrics.h (placed day, refunds on the
// order's placed day). Each alert carries one sentence in English and Chinese.
#pragma once
#include <string>
#include <vector>

#include "core/analytics/metrics.h"

namespace shopkeeper {

struct AlertQuery {
  DayRange range;  // days checked
  std::vector<Metric> metrics = {Metric::visitors, Metric::valid_orders, Metric::sales, Metric::conversion_rate,
                                 Metric::aov};
  int32_t weeks = 8;
  double threshold = 3.5;
  int32_t min_history = 4;
  int16_t channel = -1, source = -1;
  bool operator==(const AlertQuery&) const = default;
};

struct Band {
  int32_t n = 0;  // history values used
  double median = 0, sigma = 0, low = 0, high = 0;
};
// The robust band of `history` (reordered in place); n = 0 when history is empty.
Band robust_band(std::vector<double>& history, double threshold);

struct Alert {
  Day day = 0;
  Metric metric = Metric::sales;
  double value = 0;
  Band band;
  double z = 0;       // (value - median) / sigma
  int direction = 0;  // +1 above the band, -1 below
  std::string sentence_en, sentence_zh;
};

// Alerts ordered by day, then by the metric's order in the query.
std::vector<Alert> detect_alerts(const Dataset& ds, const AlertQuery& q);

// "1234.50" / "1,234" / "3.25%" style plain formatting of a metric value for sentences
// (the UI formats numbers itself through its locale formatter).
std::string format_metric_value(Metric m, double v, bool zh = false);

}  // namespace shopkeeper
