// Purchase-count and spend models ("buy till you die"): the log-likelihoods, their gradients
// and the per-customer conditional expectations of BG/NBD (Fader, Hardie & Lee 2005),
// Pareto/NBD (Schmittlein, Morrison & Colombo 1987, in the Fader-Hardie-Lee 2005 note's
// formulation) and Gamma-Gamma (Fader, Hardie & Lee 2005, "RFM and CLV"). Pure math on
// doubles: no store, no money. Time is in whatever unit the caller uses (days or weeks).
// Everything is computed in logs; a value that cannot be computed is NaN, never a throw.
#pragma once
#include <array>
#include <cstdint>
#include <vector>

namespace shopkeeper::members {

// One customer (or a group of identical ones, weight w): x repeat transactions, the last at
// t_x, observed for T since the first (0 <= t_x <= T; t_x = 0 when x = 0).
struct Rft {
  double x = 0, t_x = 0, T = 0, w = 1;
};
// A repeat buyer's spend: x > 0 repeat transactions with mean value zbar > 0 (major units).
struct Spend {
  double x = 0, zbar = 0, w = 1;
};

// Gauss hypergeometric 2F1(a, b; c; z) for 0 <= z < 1 as log|value| and sign (series with
// rescaling; at most `max_terms` terms). ok = false when it did not converge.
struct LogValue {
  double log = 0;
  double sign = 1;
  bool ok = true;
};
LogValue log_hyp2f1(double a, double b, double c, double z, int max_terms = 200000);
double digamma(double x);  // x > 0

// Log-likelihood (sum over customers, weighted) at natural parameters; `grad` (optional)
// receives d loglik / d log(param) for each parameter.
// BG/NBD params {r, alpha, a, b}; Pareto/NBD {r, alpha, s, beta}; Gamma-Gamma {p, q, gamma}.
double bgnbd_loglik(const std::array<double, 4>& p, const std::vector<Rft>& d, std::array<double, 4>* grad = nullptr);
// Pareto/NBD: `bound_hit` (optional) is set when a customer's term could not be computed within
// the bounded series / quadrature (the value is then NaN).
double pnbd_loglik(const std::array<double, 4>& p, const std::vector<Rft>& d, std::array<double, 4>* grad = nullptr,
                   bool* bound_hit = nullptr);
double gg_loglik(const std::array<double, 3>& p, const std::vector<Spend>& d, std::array<double, 3>* grad = nullptr);
// One customer's log-likelihood term (tests, oracle comparisons).
double bgnbd_loglik1(const std::array<double, 4>& p, const Rft& c);
double pnbd_loglik1(const std::array<double, 4>& p, const Rft& c);

// Conditional expectations for one customer.
double bgnbd_p_alive(const std::array<double, 4>& p, const Rft& c);
double bgnbd_expected(const std::array<double, 4>& p, const Rft& c, double t);  // E[Y(t) | x, t_x, T]
double pnbd_p_alive(const std::array<double, 4>& p, const Rft& c);
double pnbd_expected(const std::array<double, 4>& p, const Rft& c, double t);
// E[Z | x, zbar] = p (gamma + x zbar) / (p x + q - 1); x = 0 gives the population mean
// p gamma / (q - 1). NaN when q <= 1.
double gg_expected_value(const std::array<double, 3>& p, double x, double zbar);

// Minimises f over R^n (here: log-parameters) by BFGS with a backtracking line search and
// Newton polishing with a finite-difference Hessian of the gradient. Stops when the gradient's
// Euclidean norm is below `tol`.
enum class FitCode : uint8_t {
  converged,
  max_iterations,     // the iteration bound was reached with the gradient still above tol
  line_search_failed, // no step along the search direction lowered the function (flat or noisy)
  non_finite,         // the likelihood or its gradient was not a number at the start values
  diverged,           // a parameter ran off beyond e^+-25: the data have no spread the model can fit
  too_few_repeaters,  // not fitted: fewer repeat buyers than the minimum
  not_fitted,         // not asked / no data
  term_bound,         // Pareto/NBD: a customer's term needed more series terms or quadrature panels than the bound
};
const char* fit_code(FitCode c);  // "converged", "max_iterations", ...

struct Minimum {
  std::vector<double> theta;    // arg min (log-parameters)
  double value = 0;             // f(theta)
  double grad_norm = 0;
  int iterations = 0;
  FitCode code = FitCode::not_fitted;
  std::vector<double> hessian;  // n x n row-major at theta (of f); empty when not computed
};
// fg(theta, grad) returns f and fills grad (size n). Non-finite f counts as +infinity.
using Objective = double (*)(const std::vector<double>& theta, std::vector<double>& grad, const void* ctx);
Minimum minimise(Objective fg, const void* ctx, std::vector<double> theta0, double tol = 1e-6, int max_iter = 500);

}  // namespace shopkeeper::members
