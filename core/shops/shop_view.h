// One shop of a store seen as a store of its own (issue #16: the dashboard's shop filter,
// docs/shops.md "The dashboard per shop"): the Dataset restricted to the shop's orders (with
// their lines and refunds) and its traffic rows, so every analysis of core/analytics answers for
// the shop unchanged. Products, customers and the dictionaries are kept as they are (the same
// indices mean the same product, customer, channel and source in both). Ad spend carries no
// shop: it stays with the store's own shop 0. A refund of an order the store does not hold stays
// with shop 0 too. Each customer's order sequence (first valid order day, previous order days) is
// rebuilt from the shop's orders: a customer's first order in the shop makes them new to it, and
// repurchase is counted within the shop.
#pragma once
#include <cstdint>

#include "core/shops/shops.h"
#include "core/store/dataset.h"

namespace shopkeeper::shops {

// The view of shop `shop` (>= 0). Same revision as `ds`; its indexes are built afresh on use.
Dataset shop_view(const Dataset& ds, const ShopData& sd, int64_t shop);

}  // namespace shopkeeper::shops
