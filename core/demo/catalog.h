// The demo shop's catalogue: a Chinese online tea, teaware, snacks and home-goods store. The
// categories (names, price, margin and weight bands, items, brands, season) and the suppliers are
// assets/demo/catalog.json, embedded at build time.
// Products carry the generator's hidden facts next to the stored Product: popularity, the
// selling window, the list-price path and own-price elasticity (core/demo/prices.h), one past
// cost (so order lines show the price and cost of their day), and a partner product bought with
// it (market-basket signal). Money in fen.
#pragma once
#include <array>
#include <optional>
#include <vector>

#include "core/base/date.h"
#include "core/base/random.h"
#include "core/model/entities.h"

namespace shopkeeper::demo {

struct DemoProduct {
  Product product;           // as stored; stock is filled in after sales are known
  int32_t category = 0;      // index into the category table
  double popularity = 1;     // relative demand
  Day sells_from = 0, sells_until = 0;  // inclusive selling window (launch .. retirement)
  // List price from each step's day on (sorted by day; the last is product.list_price); empty =
  // list_price throughout. Filled by plan_prices (core/demo/prices.h).
  struct PriceStep {
    Day from = 0;
    Money price = 0;
  };
  std::vector<PriceStep> prices;
  double elasticity = 0;     // own-price elasticity of demand (< 0)
  Money lowest_shelf = 0;    // lowest shelf price over the history (demand_factor's reference)
  std::optional<Money> cost_before;  // unit cost before `cost_changed`
  Day cost_changed = 0;
  int32_t partner = -1;      // product often bought together, -1 = none

  Money price_at(Day d) const {
    Money p = product.list_price;
    for (const auto& s : prices)
      if (s.from <= d) p = s.price;
    return p;
  }
  std::optional<Money> cost_at(Day d) const { return d < cost_changed ? cost_before : product.unit_cost; }
  bool sells_on(Day d) const { return d >= sells_from && d <= sells_until; }
};

struct Catalog {
  std::vector<Supplier> suppliers;
  std::vector<DemoProduct> products;
};

int32_t category_count();
const char* category_name(int32_t c);
const char* category_code(int32_t c);  // the SKU prefix: GRN, BLK, ..., HOME
// Centre of the own-price elasticity of the category's SKUs (core/demo/prices.h).
double category_elasticity_centre(int32_t c);
// Relative demand of category `c` in `month` (1..12): green tea in spring, snacks at New Year.
double category_season(int32_t c, int month);
bool category_is_teaware(int32_t c);
bool category_is_snack(int32_t c);

// Builds `n` products (n >= 1) for a shop whose order history spans `history`.
Catalog make_catalog(Rng& rng, int32_t n, DayRange history);

// A shop price near `fen`: 39.90 below 100 yuan, 128/168/298 above.
Money nice_price(Money fen);

}  // namespace shopkeeper::demo
