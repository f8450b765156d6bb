// The floor hand-off (issues #13 and #15): the price book's floor in force per SKU
// (pricing::load_floor_prices: the higher of the seller's explicit floors, the price-book floor
// and products.floor_price, else the default cost x (1 + margin floor)) becomes the promotion
// engine's per-line floor, so no stack takes a unit below it, and the loss guard's reference
// when the seller set it (docs/pricing.md "Floor hand-off", docs/promotions.md "Floors").
// Glue between core/pricing and core/promotions, which do not include each other.
#pragma once
#include <vector>

#include "core/base/result.h"
#include "core/promotions/promotion.h"
#include "core/promotions/guard.h"
#include "core/store/store.h"

namespace shopkeeper {

// Sets every product's floor_price to its floor in force (and floor_is_default).
Status apply_floor_prices(Db& db, std::vector<promo::GuardProduct>& products);
// Cart lines without a floor_price of their own get their SKU's floor in force.
Status apply_floor_prices(Db& db, promo::QuoteInput& in);

}  // namespace shopkeeper
