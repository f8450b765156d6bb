#include "core/pricing/margin.h"

namespace shopkeeper {

std::optional<int64_t> list_margin_bp(Money price, std::optional<Money> cost) {
  if (!cost || *cost < 0 || price <= 0) return std::nullopt;
  return div_round((price - *cost) * 10000, price);
}

}  // namespace shopkeeper
