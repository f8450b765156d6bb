// Dates and times in the store's own time zone. A Day is an int32 count of civil days since
// 1970-01-01; a Timestamp is int64 seconds since 1970-01-01T00:00:00 store-local time (no zone
// arithmetic: every stored time is already local to the store).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/base/result.h"

namespace shopkeeper {

using Day = int32_t;
using Timestamp = int64_t;

struct Ymd {
  int y = 1970;
  int m = 1;
  int d = 1;
};

Day days_from_civil(int y, int m, int d);
Ymd civil_from_days(Day z);
inline Day day_of(Timestamp t) { return static_cast<Day>((t >= 0 ? t : t - 86399) / 86400); }
inline Timestamp start_of(Day d) { return static_cast<Timestamp>(d) * 86400; }
// 0 = Monday ... 6 = Sunday (ISO weekday - 1).
int weekday(Day d);
bool valid_ymd(int y, int m, int d);
int days_in_month(int y, int m);

std::string format_day(Day d);             // YYYY-MM-DD
std::string format_timestamp(Timestamp t);  // YYYY-MM-DD HH:MM:SS
// Accepts YYYY-MM-DD (also / or . separated).
Result<Day> parse_day(std::string_view s);
// Accepts "YYYY-MM-DD[ T]HH:MM[:SS]" or a bare date (midnight).
Result<Timestamp> parse_timestamp(std::string_view s);

// An inclusive range of days.
struct DayRange {
  Day first = 0;
  Day last = -1;
  int32_t length() const { return last >= first ? last - first + 1 : 0; }
  bool contains(Day d) const { return d >= first && d <= last; }
  bool operator==(const DayRange&) const = default;
};

// The range of the same length immediately before `r`.
DayRange previous_period(DayRange r);
// The same calendar dates one year earlier (Feb 29 maps to Feb 28).
DayRange same_period_last_year(DayRange r);

}  // namespace shopkeeper
