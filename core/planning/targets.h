// Yearly sales target split (年度目标分解, issue #12). Sales = paid amount of valid orders by
// placed day (the dashboard's "sales"), line revenue for the category split.
//  - Months: the total is split by each month's share of year Y-1's sales (`by_forecast` =
//    false) or, when Y-1 has no sales (or `by_forecast`), by the shares of a monthly forecast of
//    the shop's sales (automatic choice, season 12) for Y. Amounts are rounded to minor units
//    with the remainder put on the largest month, so the months add up to the total exactly.
//  - Categories: the total split by each category's share of line revenue in Y-1 (or in the
//    whole history when Y-1 has none), same rounding rule.
//  - Channels: the total split by each channel's share of sales (paid amount) in Y-1 (or the
//    whole history), same rounding rule.
//  - Pace: actual sales of Y up to the last order day, target to date (months before the last
//    order day's month in full, that month pro rata by days), and the daily sales needed for the
//    rest of the year = (total - actual) / remaining days.
#pragma once
#include <string>
#include <vector>

#include "core/base/money.h"
#include "core/base/date.h"

namespace shopkeeper {
struct Dataset;
}

namespace shopkeeper::planning {

struct TargetSplit {
  int year = 0;
  Money total = 0;
  std::string basis;  // "last_year" | "forecast" | "even"
  std::vector<Money> month_target, month_actual;  // 12 each
  std::vector<std::string> categories;
  std::vector<Money> category_target;
  std::vector<std::string> channels;  // "" = orders without a channel
  std::vector<Money> channel_target;
  Money actual_to_date = 0, target_to_date = 0;
  Day as_of = 0;
  int32_t remaining_days = 0;
  double needed_per_day = 0;
};

TargetSplit split_target(const Dataset& ds, int year, Money total, bool by_forecast = false);

}  // namespace shopkeeper::planning
