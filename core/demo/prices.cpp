#include "core/demo/prices.h"

#include <algorithm>

#include "core/base/random.h"
#include "core/demo/catalog.h"

namespace shopkeeper::demo {

namespace {

constexpr double kLn2 = 0.69314718055994530942;
constexpr double kSqrt2 = 1.41421356237309504880;

// ln x for x > 0: x = m 2^k with m in [1/sqrt2, sqrt2), ln m = 2 atanh(z), z = (m-1)/(m+1),
// |z| <= 0.172, so 2 (z + z^3/3 + ...) to 16 terms is exact to double precision.
double det_ln(double x) {
  int k = 0;
  while (x >= kSqrt2) x *= 0.5, ++k;
  while (x < kSqrt2 / 2) x *= 2.0, --k;
  const double z = (x - 1) / (x + 1), z2 = z * z;
  double term = z, sum = 0;
  for (int n = 0; n < 16; ++n) {
    sum += term / (2 * n + 1);
    term *= z2;
  }
  return k * kLn2 + 2 * sum;
}

// e^y: y = n ln2 + r with |r| <= ln2 / 2, Taylor to 24 terms, times 2^n (exact doublings).
double det_exp(double y) {
  const double t = y / kLn2;
  const auto n = static_cast<int>(t < 0 ? t - 0.5 : t + 0.5);
  const double r = y - n * kLn2;
  double term = 1, sum = 1;
  for (int i = 1; i < 24; ++i) {
    term *= r / i;
    sum += term;
  }
  for (int i = 0; i < n; ++i) sum *= 2.0;
  for (int i = 0; i > n; --i) sum *= 0.5;
  return sum;
}

}  // namespace

double det_pow(double x, double e) { return det_exp(e * det_ln(x)); }

Money shelf_price(const DemoProduct& p, Day d, Day end_day) {
  const Money list = p.price_at(d);
  if (p.product.role == "clearance" && d > end_day - 60) return nice_price(list * 7 / 10);  // marked down to clear
  return list;
}

double demand_factor(const DemoProduct& p, Day d, Day end_day) {
  if (p.lowest_shelf <= 0) return 1.0;
  return det_pow(static_cast<double>(shelf_price(p, d, end_day)) / static_cast<double>(p.lowest_shelf), p.elasticity);
}

void plan_prices(Catalog& cat, uint64_t seed, DayRange history) {
  Rng r(seed, 13);
  for (DemoProduct& dp : cat.products) {
    // One draw per statement (the order of operands' evaluation is unspecified).
    const double spread = r.uniform(-0.5, 0.5);
    dp.elasticity = category_elasticity_centre(dp.category) + spread;
    // 15 % keep one price all along (the estimate is refused), 10 % change it once, the rest
    // price actively: a new level every 2 to 7 weeks, up and down, so the price moves
    // independently of trend and season (what the regression needs to tell them apart).
    const double u = r.uniform();
    const int kind = u < 0.15 ? 0 : u < 0.25 ? 1 : 2;
    const Day lo = std::max(history.first, dp.sells_from) + 14;
    const Day hi = std::min(history.last, dp.sells_until) - 14;
    std::vector<Day> days;  // change days, latest first
    if (kind == 1 && hi - lo > 60) {
      days.push_back(lo + static_cast<Day>(r.range(30, hi - lo - 30)));
    } else if (kind == 2) {
      for (Day d = hi - static_cast<Day>(r.range(14, 49)); d > lo; d -= static_cast<Day>(r.range(14, 49))) days.push_back(d);
    }
    // Levels backwards from today's price: each 78 % .. 125 % of it in shop endings, at least
    // 6 % from the level after it, never within 5 % of the cost.
    const Money today = dp.product.list_price;
    std::vector<Money> levels = {today};  // latest first
    for (size_t j = 0; j < days.size(); ++j) {
      const Money next = levels.back();
      Money p = next;
      for (int tries = 0; tries < 8 && (p * 100 > next * 94 && p * 100 < next * 106); ++tries) {
        const double m = r.uniform(0.78, 1.25);
        p = nice_price(static_cast<Money>(static_cast<double>(today) * m));
        if (dp.product.unit_cost && p * 100 < *dp.product.unit_cost * 105)
          p = nice_price(static_cast<Money>(static_cast<double>(today) * (2.0 - m)));  // the other side of today's
      }
      levels.push_back(p);
    }
    dp.prices.clear();
    dp.prices.push_back({INT32_MIN / 2, levels.back()});
    for (size_t j = days.size(); j-- > 0;)
      if (levels[j] != dp.prices.back().price) dp.prices.push_back({days[j], levels[j]});
    Money lowest = dp.prices[0].price;
    for (const auto& s : dp.prices) {
      lowest = std::min(lowest, s.price);
      if (dp.product.role == "clearance") lowest = std::min(lowest, nice_price(s.price * 7 / 10));
    }
    dp.lowest_shelf = lowest;
  }
}

}  // namespace shopkeeper::demo
