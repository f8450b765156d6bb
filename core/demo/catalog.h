// The demo shop's catalogue: a Chinese online tea, teaware, snacks and home-goods store.
// Products carry the generator's hidden facts next to the stored Product: popularity, the
// selling window, one past price and cost (so order lines show the price and cost of their
// day), and a partner product bought with it (market-basket signal). Money in fen.
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
  Money price_before = 0;    // list price before `price_changed`
  Day price_changed = 0;
  std::optional<Money> cost_before;  // unit cost before `cost_changed`
  Day cost_changed = 0;
  int32_t partner = -1;      // product often bought together, -1 = none

  Money price_at(Day d) const { return d < price_changed ? price_before : product.list_price; }
  std::optional<Money> cost_at(Day d) const { return d < cost_changed ? cost_before : product.unit_cost; }
  bool sells_on(Day d) const { return d >= sells_from && d <= sells_until; }
};

struct Catalog {
  std::vector<Supplier> suppliers;
  std::vector<DemoProduct> products;
};

int32_t category_count();
const char* category_name(int32_t c);
// Relative demand of category `c` in `month` (1..12): green tea in spring, snacks at New Year.
double category_season(int32_t c, int month);
bool category_is_teaware(int32_t c);
bool category_is_snack(int32_t c);

// Builds `n` products (n >= 1) for a shop whose order history spans `history`.
Catalog make_catalog(Rng& rng, int32_t n, DayRange history);

// A shop price near `fen`: 39.90 below 100 yuan, 128/168/298 above.
Money nice_price(Money fen);

}  // namespace shopkeeper::demo
