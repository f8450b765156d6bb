// Small builders shared by the promotions test files (promotions_test.cpp,
// promotions_round2_test.cpp): a promotion of a kind in its default layer, a cart line, a
// quote input at 2025-11-11 00:05, and the applied discount of a promotion.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "core/promotions/engine.h"

namespace shopkeeper::promo::testing {

inline Promotion make_promo(const char* id, Kind k) {
  Promotion p;
  p.id = id;
  p.name = id;
  p.kind = k;
  p.layer = default_layer(k);
  return p;
}

inline CartLine line(const char* sku, Money price, int64_t qty, const char* category = "", std::optional<Money> cost = {}) {
  CartLine l;
  l.sku = sku;
  l.price = price;
  l.qty = qty;
  l.category = category;
  l.cost = cost;
  return l;
}

inline QuoteInput input(std::vector<CartLine> cart, std::vector<Promotion> promos) {
  QuoteInput in;
  in.at = *parse_timestamp("2025-11-11 00:05:00");
  in.cart = std::move(cart);
  in.promotions = std::move(promos);
  return in;
}

inline const AppliedDiscount* find(const Quote& q, const std::string& id) {
  for (const auto& d : q.discounts)
    if (d.promotion == id) return &d;
  return nullptr;
}

}  // namespace shopkeeper::promo::testing
