// The demo shop's prices over its history (issue #13): every product gets an own-price
// elasticity and a list-price path (15 % one price throughout, 10 % one change, the rest a new
// level every 2 to 7 weeks between 78 % and 125 % of today's price, in the shop's price endings),
// so the Pricing section's elasticity estimates have real price variation to work on and can be
// checked against the truth.
// Demand: the generator draws each basket line with weight popularity x category season x
// demand_factor(shelf price), where demand_factor = (shelf / lowest shelf price of the product)
// ^ elasticity (<= 1), so a product's expected units are proportional to shelf^elasticity at
// fixed total demand: a constant-elasticity demand curve, the log-log model the estimator fits.
// Own random stream (13), drawn after the catalogue, so the catalogue stays as it was.
// Only + - * / (det_pow below): byte-identical natively and in wasm, like core/base/random.h.
#pragma once
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "core/base/date.h"
#include "core/base/money.h"
#include "core/demo/generator.h"

namespace shopkeeper {

// The demo's hidden pricing facts per SKU: the own-price elasticity its demand follows and its
// list-price path (price from each day on; the first step predates the history), the same that
// generate_demo(opt) uses (core/demo/generator.cpp). For tests that check the estimates against
// the truth.
struct DemoPriceFacts {
  std::string sku;
  double elasticity = 0;
  std::vector<std::pair<Day, Money>> steps;
};
std::vector<DemoPriceFacts> demo_price_facts(const DemoOptions& opt);

}  // namespace shopkeeper

namespace shopkeeper::demo {

struct Catalog;
struct DemoProduct;

// x^e for x > 0 from + - * / only (ln by the atanh series, exp by Taylor with halving): within
// 1e-12 relative of std::pow for x in [0.01, 100] and |e| <= 5 (a test checks), and the same bits
// on every platform.
double det_pow(double x, double e);

// Today's list price stays the product's list_price (the last step); earlier steps are drawn
// backwards from it. Elasticity per SKU: its category's centre (assets/demo/catalog.json) +- 0.5,
// uniform. The centres are the demo's choice: gifts and collectors' tea (pu'er, white tea,
// teaware) react least, everyday snacks and herbal tea most, around the -1 to -2.5 of retail studies.
void plan_prices(Catalog& cat, uint64_t seed, DayRange history);

// The shelf price a buyer sees on `d` before any discount: the list price of the day, marked
// down to clear (70 %, shop endings) in the last 60 days of the history for clearance items.
Money shelf_price(const DemoProduct& p, Day d, Day end_day);
// (shelf_price(d) / the lowest shelf price the product ever has) ^ elasticity, in (0, 1].
double demand_factor(const DemoProduct& p, Day d, Day end_day);

}  // namespace shopkeeper::demo
