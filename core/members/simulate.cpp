#include "core/members/simulate.h"

#include <cmath>

namespace shopkeeper::members {

namespace {
double exp_draw(demo::Rng& rng, double rate) { return -std::log(1 - rng.uniform()) / rate; }
// Standard normal by Box-Muller (the generator's own normal() is a coarse approximation).
double std_normal(demo::Rng& rng) {
  const double u1 = 1 - rng.uniform(), u2 = rng.uniform();
  return std::sqrt(-2 * std::log(u1)) * std::cos(6.283185307179586 * u2);
}
}  // namespace

double draw_gamma(demo::Rng& rng, double shape, double rate) {
  if (shape < 1) {  // boost: Gamma(k) = Gamma(k + 1) * U^(1/k)
    const double g = draw_gamma(rng, shape + 1, rate);
    return g * std::pow(1 - rng.uniform(), 1 / shape);
  }
  const double d = shape - 1.0 / 3, c = 1 / std::sqrt(9 * d);
  for (;;) {
    double z, v;
    do {
      z = std_normal(rng);
      v = 1 + c * z;
    } while (v <= 0);
    v = v * v * v;
    const double u = 1 - rng.uniform();
    if (std::log(u) < 0.5 * z * z + d - d * v + d * std::log(v)) return d * v / rate;
  }
}

double draw_beta(demo::Rng& rng, double a, double b) {
  const double x = draw_gamma(rng, a, 1), y = draw_gamma(rng, b, 1);
  return x / (x + y);
}

std::vector<double> simulate_bgnbd(demo::Rng& rng, double r, double alpha, double a, double b, double observe_days) {
  const double lambda = draw_gamma(rng, r, alpha), p = draw_beta(rng, a, b);
  std::vector<double> t{0};
  double now = 0;
  for (;;) {  // as in the BG/NBD likelihood, a customer can drop out only after a repeat purchase
    now += exp_draw(rng, lambda);
    if (now > observe_days) break;
    t.push_back(now);
    if (rng.uniform() < p) break;
  }
  return t;
}

std::vector<double> simulate_pnbd(demo::Rng& rng, double r, double alpha, double s, double beta, double observe_days) {
  const double lambda = draw_gamma(rng, r, alpha), mu = draw_gamma(rng, s, beta);
  const double life = exp_draw(rng, mu), end = life < observe_days ? life : observe_days;
  std::vector<double> t{0};
  for (double now = exp_draw(rng, lambda); now <= end; now += exp_draw(rng, lambda)) t.push_back(now);
  return t;
}

}  // namespace shopkeeper::members
