// Demand forecasts of one regular series y_1..y_n (no gaps; one value per day, week or month):
// naive, seasonal naive, simple exponential smoothing, Holt, Holt-Winters additive and
// multiplicative, Croston, SBA and TSB, each with 80% and 95% prediction intervals, never
// negative; and the automatic choice by a rolling-origin backtest inside the fitted points,
// falling back to seasonal naive when nothing beats it. Equations, start values and interval
// formulas: docs/planning.md.
//
// ses / holt / hw-add / hw-mul:
//  - with fixed parameters (alpha [, beta [, gamma]] all given): the classical recursions with
//    the classical start values (SES l_1 = y_1; Holt l_2 = y_2, b_2 = y_2 - y_1; Holt-Winters
//    level = mean of season 1, trend = (mean of season 2 - mean of season 1) / m, seasonal
//    indices y_i - level or y_i / level, recursions from t = m + 1), equal to R's
//    stats::HoltWinters given those start values;
//  - otherwise estimated as ETS state-space models (core/planning/ets.h): parameters and start
//    states by likelihood, the family's error/trend(damped) variants compared by AICc
//    (ses = ETS(*,N,N), holt = ETS(*,A|Ad,N), hw-add = ETS(*,*,A), hw-mul = ETS(M,*,M)).
//    For seasons longer than 24 (ETS keeps one state per season position) Holt-Winters uses the
//    classical recursions with alpha, beta, gamma minimising the in-sample squared error.
// Methods that cannot run on a series are skipped with a reason code, never guessed.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace shopkeeper::planning {

enum class Method : uint8_t { naive, snaive, ses, holt, hw_add, hw_mul, croston, sba, tsb };
inline constexpr int kMethods = 9;
const char* method_name(Method m);  // as in the CLI's --method: "naive" ... "hw-add" ... "tsb"
std::optional<Method> parse_method(std::string_view s);

// Why a method did not run (worded by the CLI / UI).
enum class Skip : uint8_t {
  none,
  too_short,           // fewer points than the method needs (see needed)
  no_season,           // season length < 2 for a seasonal method
  season_too_long,     // season length longer than the series
  non_positive,        // multiplicative method on data with zeros or negatives
  constant,            // constant series: nothing to estimate
  no_demand,           // intermittent method on a series with fewer than 2 non-zero periods
  not_intermittent,    // auto only: Croston/SBA/TSB offered when >= 30% of periods are zero
  no_fit,              // the optimiser found no admissible parameters
  missing_parameter,   // fixed parameters given only in part (e.g. hw-add with alpha only)
};
const char* skip_name(Skip s);

struct Params {
  std::optional<double> alpha, beta, gamma;
  bool any() const { return alpha || beta || gamma; }
};

struct Forecast {
  Method method = Method::naive;
  Skip skip = Skip::none;
  int needed = 0;     // with too_short: points needed
  std::string model;  // "ETS(M,Ad,M)", "HoltWinters", "Croston", ... (informative)
  double alpha = 0, beta = 0, gamma = 0, phi = 1;
  std::vector<double> fitted;  // one-step in-sample forecasts (NaN where the method has none)
  double sigma2 = 0;           // variance of the one-step error used for the intervals
  std::vector<double> mean, lo80, hi80, lo95, hi95;  // h = 1..H, all >= 0
  double aicc = 0;             // ETS only
  bool ok() const { return skip == Skip::none; }
};

// Fits `method` on y (season length m, 1 = none) and forecasts H steps.
Forecast forecast(const std::vector<double>& y, int m, int H, Method method, const Params& p = {});

struct Accuracy {
  double mae = 0, rmse = 0;
  double mape = 0;  // percent, over non-zero actuals; NaN when all actuals are 0
  double mase = 0;  // MAE / in-sample seasonal-naive MAE of the fitted points; NaN when that is 0
};
// scale = in-sample seasonal-naive MAE of `train` (naive when m < 2 or m >= n).
double mase_scale(const std::vector<double>& train, int m);
Accuracy accuracy(const std::vector<double>& actual, const std::vector<double>& fc, double scale);

struct BacktestLine {
  Method method = Method::naive;
  Skip skip = Skip::none;
  int needed = 0;
  double mae = 0;  // over every origin and step
  int points = 0;
};

struct Choice {
  Method chosen = Method::snaive;
  std::vector<BacktestLine> lines;  // one per candidate method, in Method order
  int origins = 0, window = 0;      // origins used and steps per origin
  bool fallback = false;            // true when nothing beat seasonal naive
  Forecast forecast;                // the chosen method fitted on all of y, H steps
};

// Rolling-origin backtest on y only: up to 3 origins n - k w (k = 3, 2, 1), w = min(H, max(1, n / 5)),
// each method refitted on the points before the origin and scored on the next w; the lowest
// mean absolute error wins unless it is not lower than seasonal naive's (naive's when m < 2).
// Croston/SBA/TSB are candidates only when at least 30% of the points are zero. A winner that
// cannot be fitted on the whole of y (e.g. a zero after the last origin for a multiplicative
// model) is marked skipped with that reason and the next best is taken.
Choice choose(const std::vector<double>& y, int m, int H);

// Stated adjustments (festivals, the shop's campaigns): each multiplies the forecast, lo and hi
// of the steps whose period overlaps its window by 1 + (factor - 1) x (the share of the period's
// days inside the window); overlapping adjustments multiply. periods[h] = the days of step h.
struct Adjustment {
  std::string id, name;
  int32_t first = 0, last = -1;  // days, inclusive
  double factor = 1;
};
// Returns the adjustments that touched at least one step.
std::vector<Adjustment> adjust(Forecast& f, const std::vector<std::pair<int32_t, int32_t>>& periods,
                               const std::vector<Adjustment>& adj);

}  // namespace shopkeeper::planning
