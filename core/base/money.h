// Money: an int64 count of the currency's minor unit (fen, cent). Never a double.
// Rounding rule used everywhere money is divided: half away from zero (commercial rounding).
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

#include "core/base/result.h"

namespace shopkeeper {

using Money = int64_t;  // minor units

// num / den rounded half away from zero. den must be non-zero.
int64_t div_round(int64_t num, int64_t den);

// amount * bp / 10000 (basis points), rounded half away from zero.
Money apply_bp(Money amount, int64_t bp);

// Parses a decimal money string in major units ("1299", "-12.5", "1,299.00", "¥1,299.00",
// "$12", "1.299,00" with decimal_comma) into minor units with `decimals` fraction digits
// (2 for CNY/USD). Exact: no floating point. More fraction digits than `decimals` is an error
// unless they are zeros.
Result<Money> parse_money(std::string_view text, int decimals = 2, bool decimal_comma = false);

// "1299.00", "-0.05": plain decimal in major units, for CSV/JSON.
std::string money_to_decimal(Money m, int decimals = 2);

}  // namespace shopkeeper
