// ETS: exponential smoothing state-space models (Hyndman, Koehler, Snyder & Grose 2002;
// Hyndman & Athanasopoulos, "Forecasting: principles and practice", ch. 8), estimated the way
// R's forecast::ets does: smoothing parameters AND initial states (l0, b0, s_0..s_{-m+1}) by
// maximising the Gaussian likelihood with Nelder-Mead, models compared by AICc.
// Error A|M, trend N|A|Ad (damped), season N|A|M. Like forecast::ets(restrict = TRUE) the
// unstable combinations A-error x M-season are not offered; multiplicative error or season
// needs strictly positive data. Pure numerics: no I/O, no exceptions, deterministic.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace shopkeeper::planning {

enum class EtsError : uint8_t { add, mul };
enum class EtsTrend : uint8_t { none, add, damped };
enum class EtsSeason : uint8_t { none, add, mul };

struct EtsSpec {
  EtsError error = EtsError::add;
  EtsTrend trend = EtsTrend::none;
  EtsSeason season = EtsSeason::none;
  bool operator==(const EtsSpec&) const = default;
};
std::string ets_name(const EtsSpec& s);  // "ETS(M,Ad,M)"

struct EtsFit {
  EtsSpec spec;
  int m = 1;  // season length used (1 when season none)
  bool ok = false;
  double alpha = 0, beta = 0, gamma = 0, phi = 1;
  double l0 = 0, b0 = 0;
  std::vector<double> s0;  // initial seasonal states s_0, s_{-1}, ..., s_{-m+1}
  // Final states after the last observation.
  double level = 0, trend = 0;
  std::vector<double> season;  // season[0] = most recent seasonal state
  std::vector<double> fitted;  // one-step fitted values, same length as y
  double lik = 0;    // -2 log likelihood up to a constant: n log(SSE*) (+ 2 sum log|yhat| for M error)
  double aicc = 0;
  double sigma2 = 0;  // residual variance (relative residuals for M error), SSE / (n - k)
  int n_params = 0;   // estimated parameters + initial states (without sigma)
};

// Fits one model (m ignored when the season is none). ok = false when the data do not allow it
// (too short, non-positive data for a multiplicative part, or the optimiser found no finite fit).
EtsFit ets_fit(const std::vector<double>& y, int m, const EtsSpec& spec);

// The models forecast::ets(y) would consider for this data with season length m
// (m > 24 or m < 2 or fewer than 2m + 2 points -> non-seasonal only).
std::vector<EtsSpec> ets_candidates(const std::vector<double>& y, int m);

// Point forecasts and the variance of the h-step error for h = 1..H. Variance: the linear
// (class 1) formula sigma^2 (1 + sum_{j<h} c_j^2) with c_j = alpha + beta phi_j + gamma [j mod m = 0];
// for multiplicative error it is applied to relative errors and scaled by the point forecast^2.
void ets_forecast(const EtsFit& f, int H, std::vector<double>& mean, std::vector<double>& var);

// Nelder-Mead minimiser (used by ets_fit and by classical Holt-Winters parameter search).
// Returns the best point; f returns +inf outside the feasible region.
template <class F>
std::vector<double> nelder_mead(F&& f, std::vector<double> x0, const std::vector<double>& step, int max_evals,
                                double* best_value, double rel_tol = 1e-9);

}  // namespace shopkeeper::planning

#include "core/planning/nelder_mead.inl"
