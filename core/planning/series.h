// Series for the forecast: read from a `ds,y` CSV (dates YYYY-MM-DD, months YYYY-MM, integer
// periods or any other labels) or built from the store's order lines (units sold in valid
// orders per day, week or month; one SKU, one category or the whole shop).
// Rules: y must be a finite number >= 0 on every line; dates must follow each other without
// gaps at the series' step (1 day, 7 days or 1 month, taken from the first two dates, or the
// grain when it is given); integer periods must increase by 1.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/date.h"
#include "core/base/result.h"

namespace shopkeeper {
struct Dataset;
}

namespace shopkeeper::planning {

enum class Grain : uint8_t { day, week, month };
const char* grain_name(Grain g);
bool parse_grain(std::string_view s, Grain& g);

enum class LabelKind : uint8_t { date, month, integer, text };

struct Series {
  std::vector<std::string> ds;
  std::vector<double> y;
  LabelKind kind = LabelKind::text;
  Grain grain = Grain::day;  // for dates: the step between points
  Day first_day = 0;         // dates/months: first period's first day
  int64_t first_index = 0;   // integer periods: the first one
  // Label of period i (i >= size() continues the sequence: dates/months/integers; text -> "+k").
  std::string label(int64_t i) const;
};

// `name` is used in messages ("FILE line 7: ...").
Result<Series> parse_series_csv(std::string_view text, const std::string& name, bool grain_given, Grain grain);

// Units sold in valid orders (placed day) per period, for the product `sku` (non-empty), the
// category `category` (non-empty) or the whole shop. Only complete periods between the first
// and the last order day: a week is Monday..Sunday, a month a calendar month; a trailing or
// leading partial period is left out.
Result<Series> series_from_dataset(const Dataset& ds, const std::string& sku, const std::string& category, Grain grain);

// Units per (product, day) of valid orders: units[p][d - first] for p < products; `first` =
// first order day. One pass over the lines.
struct DailyUnits {
  Day first = 0;
  int32_t days = 0;
  std::vector<std::vector<int32_t>> units;  // per product
};
DailyUnits daily_units(const Dataset& ds);

}  // namespace shopkeeper::planning
