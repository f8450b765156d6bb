// Per-SKU traffic from the platforms' product report (生意参谋 商品 report, table
// product_traffic, issue #16), summed over every day and shop the store holds for the SKU (codes
// of other shops mapped to the store's SKU): the report's period is whatever days the seller
// imported. Read by core/shops (shops::sku_traffic), used by Products (visitors, add-to-cart
// rate, conversion), Planning's roles (core/planning/portfolio.h) and Insights' title check
// low_conversion (core/insights/titles.h).
//   add-to-cart rate = add-to-cart buyers / visitors
//   conversion       = paying buyers / visitors
// Both are -1 (shown as "no traffic") for a SKU without product-report rows or with 0 visitors.
#pragma once
#include <cstdint>
#include <vector>

namespace shopkeeper {

struct SkuTraffic {
  bool reported = false;  // the product report has rows for the SKU
  int64_t visitors = 0, add_to_cart = 0, buyers = 0;
  double add_to_cart_rate() const { return visitors > 0 ? static_cast<double>(add_to_cart) / static_cast<double>(visitors) : -1; }
  double conversion() const { return visitors > 0 ? static_cast<double>(buyers) / static_cast<double>(visitors) : -1; }
};

// One entry per Dataset product (same index as Dataset::sku). Empty, or no entry reported =
// the store has no product traffic: every user behaves as without it.
struct SkuTrafficTable {
  std::vector<SkuTraffic> by_product;
  bool any() const {
    for (const SkuTraffic& t : by_product)
      if (t.reported) return true;
    return false;
  }
  const SkuTraffic* of(size_t product) const {
    return product < by_product.size() && by_product[product].reported ? &by_product[product] : nullptr;
  }
};

}  // namespace shopkeeper
