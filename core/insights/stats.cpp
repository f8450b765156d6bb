#include "core/insights/stats.h"

#include <boost/math/distributions/chi_squared.hpp>
#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/students_t.hpp>
#include <cmath>
#include <limits>

namespace shopkeeper::insights {

namespace {
namespace bm = boost::math;
using Policy = bm::policies::policy<bm::policies::domain_error<bm::policies::ignore_error>,
                                    bm::policies::pole_error<bm::policies::ignore_error>,
                                    bm::policies::overflow_error<bm::policies::ignore_error>,
                                    bm::policies::underflow_error<bm::policies::ignore_error>,
                                    bm::policies::denorm_error<bm::policies::ignore_error>,
                                    bm::policies::evaluation_error<bm::policies::ignore_error>,
                                    bm::policies::rounding_error<bm::policies::ignore_error>,
                                    bm::policies::indeterminate_result_error<bm::policies::ignore_error>>;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
}  // namespace

double normal_cdf(double x) { return bm::cdf(bm::normal_distribution<double, Policy>(0, 1), x); }
double normal_sf(double x) { return bm::cdf(bm::complement(bm::normal_distribution<double, Policy>(0, 1), x)); }
double normal_isf(double p) {
  if (!(p > 0 && p < 1)) return kNaN;
  return bm::quantile(bm::complement(bm::normal_distribution<double, Policy>(0, 1), p));
}
double students_t_sf(double t, double df) {
  if (!(df > 0) || std::isnan(t)) return kNaN;
  return bm::cdf(bm::complement(bm::students_t_distribution<double, Policy>(df), t));
}
double chi_squared_sf(double x, double df) {
  if (!(df > 0) || !(x >= 0)) return kNaN;
  return bm::cdf(bm::complement(bm::chi_squared_distribution<double, Policy>(df), x));
}

}  // namespace shopkeeper::insights
