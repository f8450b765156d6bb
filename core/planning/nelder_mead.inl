// Nelder-Mead simplex minimiser (reflection 1, expansion 2, contraction 1/2, shrink 1/2), as in
// R's optim(method = "Nelder-Mead"): stops when the simplex's function values agree to rel_tol
// or after max_evals evaluations. Included by core/planning/ets.h.
#pragma once
#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <vector>

namespace shopkeeper::planning {

template <class F>
std::vector<double> nelder_mead(F&& f, std::vector<double> x0, const std::vector<double>& step, int max_evals,
                                double* best_value, double rel_tol) {
  const size_t n = x0.size();
  std::vector<std::vector<double>> p(n + 1, x0);
  std::vector<double> fv(n + 1);
  for (size_t i = 0; i < n; ++i) p[i + 1][i] += step[i];
  int evals = 0;
  for (size_t i = 0; i <= n; ++i) fv[i] = f(p[i]), ++evals;
  std::vector<size_t> order(n + 1);
  std::vector<double> c(n), xr(n), xe(n), xc(n);
  const double inf = std::numeric_limits<double>::infinity();
  while (true) {
    std::iota(order.begin(), order.end(), size_t{0});
    std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return fv[a] < fv[b]; });
    const size_t lo = order[0], hi = order[n], nh = order[n - 1];
    if (evals >= max_evals) break;
    if (std::isfinite(fv[hi]) && std::fabs(fv[hi] - fv[lo]) <= rel_tol * (std::fabs(fv[lo]) + rel_tol)) break;
    std::fill(c.begin(), c.end(), 0.0);
    for (size_t i = 0; i <= n; ++i)
      if (i != hi)
        for (size_t k = 0; k < n; ++k) c[k] += p[i][k] / static_cast<double>(n);
    for (size_t k = 0; k < n; ++k) xr[k] = c[k] + (c[k] - p[hi][k]);
    const double fr = f(xr);
    ++evals;
    if (fr < fv[lo]) {
      for (size_t k = 0; k < n; ++k) xe[k] = c[k] + 2.0 * (c[k] - p[hi][k]);
      const double fe = f(xe);
      ++evals;
      if (fe < fr) p[hi] = xe, fv[hi] = fe;
      else p[hi] = xr, fv[hi] = fr;
      continue;
    }
    if (fr < fv[nh]) {
      p[hi] = xr, fv[hi] = fr;
      continue;
    }
    const bool outside = fr < fv[hi];
    for (size_t k = 0; k < n; ++k) xc[k] = outside ? c[k] + 0.5 * (xr[k] - c[k]) : c[k] + 0.5 * (p[hi][k] - c[k]);
    const double fc = f(xc);
    ++evals;
    if (fc < (outside ? fr : fv[hi])) {
      p[hi] = xc, fv[hi] = fc;
      continue;
    }
    for (size_t i = 0; i <= n; ++i) {
      if (i == lo) continue;
      for (size_t k = 0; k < n; ++k) p[i][k] = p[lo][k] + 0.5 * (p[i][k] - p[lo][k]);
      fv[i] = f(p[i]);
      ++evals;
    }
    if (!std::isfinite(fv[lo]) && evals > 4 * static_cast<int>(n + 1)) break;
  }
  size_t best = 0;
  for (size_t i = 1; i <= n; ++i)
    if (fv[i] < fv[best]) best = i;
  if (best_value) *best_value = std::isfinite(fv[best]) ? fv[best] : inf;
  return p[best];
}

}  // namespace shopkeeper::planning
