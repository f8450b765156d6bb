// The shopping calendar of a Chinese online shop, as used by the demo generator: Chinese New
// Year dates (2020-2035), the promotion festivals (618, Double 11, Double 12, the New-Year goods
// fair) and relative demand factors per day (1.0 = an ordinary day). Pure functions of the date.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "core/base/date.h"
#include "core/base/money.h"

namespace shopkeeper::demo {

// First day of the lunar new year (春节) for 2020..2035; nullopt outside that table.
std::optional<Day> chinese_new_year(int year);

// A promotion festival run by the shop, with its order-level threshold discount:
// "every full `per` off `off`" when `stacking` (每满300减50), else once (满200减20).
struct Festival {
  std::string id;    // "D11-2024"
  std::string name;  // "双11 全球狂欢节 2024"
  Day first = 0, last = 0, peak = 0;
  Money per = 0, off = 0;
  bool stacking = true;
  int32_t assumed_uplift_bp = 0;  // planning assumption written to the campaigns table
};

// Festivals whose window intersects `r`, sorted by first day.
std::vector<Festival> festivals(DayRange r);

// Demand from festivals and holidays on `d`: peaks (>1), the lull before Double 11, the dip
// after a peak, the New-Year stocking-up (>1) and the holiday itself (<1, couriers stop).
double event_factor(Day d);
// Weekday demand: weekends above weekdays.
double weekday_factor(Day d);
// Yearly seasonality of a tea shop (spring tea, summer slack, gift season), interpolated
// between mid-month values so there is no step at month ends.
double season_factor(Day d);

}  // namespace shopkeeper::demo
