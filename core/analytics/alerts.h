// Alerts: days on which a metric left its expected band. The band is weekday-aware and robust:
// for day d, the history is the same weekday in the `weeks` weeks before d (default 8 values:
// d-7, d-14, ..., d-56), days before the first order in the data left out. With median m and
// MAD (median absolute deviation) of the history, sigma = 1.4826 x MAD (the normal-consistent
// scale), floored at 10 % of |m|, for counts also at sqrt(|m|) (Poisson noise: 40 orders a day
// vary by about 6), and at 1e-9, so a quiet history does not alert on ordinary noise. The band
// median -/+ threshold x sigma (default 3.5) is widened outwards to the display step; a day
// alerts when its value lies strictly outside it and the history has at least `min_history`
// values; the low end is at least 0 when the history never went below 0. Days in an expected window (festivals, promotions) are expected peaks, not alerts, and
// are left out of the history. Daily values follow metrics.h (placed day, refunds on the
// order's placed day). An alert is its figures only: the UI and the CLI word it per language
// (ui/i18n/names.h alert_sentence, alert_sentence_plain).
#pragma once
#include <string>
#include <vector>

#include "core/analytics/metrics.h"

namespace shopkeeper {

// A day or window on which a peak is expected (a festival, a promotion, a campaign): days in it
// are not alerted but listed as expected (Alert::expected), and left out of other days'
// history so that last month's festival does not widen this month's band.
struct ExpectedWindow {
  DayRange window;
  std::string name;  // as the data names it (promotion / campaign name) or a festival id
  bool operator==(const ExpectedWindow&) const = default;
};

struct AlertQuery {
  DayRange range;  // days checked
  std::vector<Metric> metrics = {Metric::visitors, Metric::valid_orders, Metric::sales, Metric::conversion_rate,
                                 Metric::aov};
  int32_t weeks = 8;
  double threshold = 3.5;
  int32_t min_history = 4;
  int16_t channel = -1, source = -1;
  std::vector<ExpectedWindow> expected;
  bool operator==(const AlertQuery&) const = default;
};

struct Band {
  int32_t n = 0;  // history values used
  // low and high are the band as shown AND as tested: median -/+ threshold x sigma widened
  // outwards to the metric's display step (metric_display_step), so a value is flagged only
  // when it lies strictly outside the numbers the sentence prints.
  double median = 0, sigma = 0, low = 0, high = 0;
};
// The robust band of `history` (reordered in place); n = 0 when history is empty. sigma =
// max(1.4826 x MAD, rel_floor x |median|, abs_floor, 1e-9); low/high = median -/+ threshold x sigma
// (not widened: detect_alerts widens them to the display step).
Band robust_band(std::vector<double>& history, double threshold, double rel_floor = 0.05, double abs_floor = 0);

struct Alert {
  Day day = 0;
  Metric metric = Metric::sales;
  // The day's value rounded away from the band to the display step (so the printed value is
  // outside the printed band too); exact for counts and money.
  double value = 0;
  Band band;
  double z = 0;       // (value - median) / sigma
  int direction = 0;  // +1 above the band, -1 below
  bool expected = false;  // the day is in an ExpectedWindow: an expected peak, not an alert
  std::string occasion;   // that window's name
};

// Alerts (and expected peaks) ordered by day, then by the metric's order in the query.
std::vector<Alert> detect_alerts(const Dataset& ds, const AlertQuery& q);

// Per calendar month of the alerts: how many are alerts and how many expected peaks (the
// closing note of the alerts list). Months in order; only months with at least one entry.
struct AlertMonth {
  Day month_start = 0;
  int64_t alerts = 0, expected = 0;
};
std::vector<AlertMonth> alerts_by_month(const std::vector<Alert>& alerts);

// The step a metric's value is shown with in sentences: 1 for counts, money (minor units) and
// seconds, 0.0001 for rates (0.01 %), 0.01 for ratios.
double metric_display_step(Metric m);

// "1234.50" / "1234" / "3.25%" / "12 s" plain formatting of a metric value, as the CLI's sentences
// print it (the UI formats numbers itself through its locale formatter).
std::string format_metric_value(Metric m, double v);

}  // namespace shopkeeper
