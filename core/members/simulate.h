// Customers drawn from the BG/NBD and Pareto/NBD generative stories, for tests, the benchmark
// and the demo store: each customer's purchase times (in days after the first purchase, which
// is at 0) up to `observe_days`. Uses core/base/random.h's generator; gamma variates by
// Marsaglia-Tsang (so values may differ in the last bits between native and wasm libm).
#pragma once
#include <cstdint>
#include <vector>

#include "core/base/random.h"

namespace shopkeeper::members {

double draw_gamma(demo::Rng& rng, double shape, double rate);
double draw_beta(demo::Rng& rng, double a, double b);

// Purchase times in [0, observe_days]; the first is 0. Rates per day.
std::vector<double> simulate_bgnbd(demo::Rng& rng, double r, double alpha, double a, double b, double observe_days);
std::vector<double> simulate_pnbd(demo::Rng& rng, double r, double alpha, double s, double beta, double observe_days);

}  // namespace shopkeeper::members
