// Margin figures on list prices. Rates in basis points (1/100 of a percent).
#pragma once
#include <cstdint>
#include <optional>

#include "core/base/money.h"

namespace shopkeeper {

// List margin = (price - cost) / price, in basis points rounded half away from zero.
// Unknown when the cost is unknown or the price is not positive.
std::optional<int64_t> list_margin_bp(Money price, std::optional<Money> cost);

}  // namespace shopkeeper
