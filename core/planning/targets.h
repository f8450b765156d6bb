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
#include <optional>
#include <string>
#include <vector>

#include "core/base/result.h"

#include "core/base/money.h"
#include "core/base/date.h"

namespace shopkeeper {
struct Dataset;
class Db;
class Writer;
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
// Sets as_of, actual_to_date, target_to_date, remaining_days and needed_per_day from the months.
void set_pace(TargetSplit& t, Day last_order_day);

// Stored targets (table sales_targets, scope ''): month 0 = the yearly total, months 1..12 its
// split. `months` is empty when the split is not stored (or does not add up to the total).
struct StoredTarget {
  int year = 0;
  Money total = 0;
  std::vector<Money> months;
};
Result<std::optional<StoredTarget>> load_target(Db& db, int year);
// Replaces the year's stored total and months with t's (inside the caller's transaction).
Status save_target(Writer& w, const TargetSplit& t);
// The split of a stored target: its stored months when there are 12 (basis "stored"), else split
// by last year as split_target does; categories and channels always split as split_target does.
TargetSplit split_stored_target(const Dataset& ds, const StoredTarget& st);

// Actual against target over a range (the dashboard's period), counting only the range's days
// inside the target's year:
//  - target = sum over those days of the month's target / days in the month (pro rata by day);
//  - actual = paid amount of valid orders placed on those days (the dashboard's "sales");
//  - share = actual / target (NaN when the target is 0);
//  - remaining days = those days after the last order day (the rest of the period);
//    needed per day = max(0, target - actual) / remaining days (0 when none remain).
struct TargetProgress {
  DayRange range{0, -1};
  Day as_of = 0;
  int32_t days_in_year = 0, remaining_days = 0;
  double target = 0;
  Money target_money = 0, actual = 0;
  double share = 0, needed_per_day = 0;
};
TargetProgress target_progress(const Dataset& ds, const TargetSplit& t, DayRange range);

}  // namespace shopkeeper::planning
