// Distribution functions for the insights module, from Boost.Math with a policy that returns
// NaN / inf instead of throwing (the core never throws; wasm has exceptions off).
#pragma once

namespace shopkeeper::insights {

double normal_cdf(double x);
double normal_sf(double x);   // 1 - cdf, without cancellation
double normal_isf(double p);  // x with sf(x) = p
double students_t_sf(double t, double df);
double chi_squared_sf(double x, double df);

}  // namespace shopkeeper::insights
