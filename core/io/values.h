// Cell values as exports write them: money ("¥1,299.00", "1.299,00", "$12"), whole numbers
// ("3", "3.0", "1,000") and dates/times in the common layouts, with an explicit day-first or
// month-first choice for ambiguous ones like 3/4/2024. Errors are plain reasons (the caller adds
// file, line and column).
#pragma once
#include <cstdint>
#include <string_view>

#include "core/base/date.h"
#include "core/base/money.h"
#include "core/base/result.h"
#include "core/tz/zone.h"

namespace shopkeeper {

enum class DateOrder { automatic, month_first, day_first };

struct NumberFormat {
  bool decimal_comma = false;  // "1.299,00" (German/French style) instead of "1,299.00"
  int decimals = 2;            // minor-unit digits of the currency
};

// Money in minor units. Amounts with more fraction digits than the currency has (a unit price
// of 0.125 in a cent currency) are rounded half away from zero to the minor unit; this is the
// one rounding done on import. A group separator must be followed by exactly three digits,
// so "12,50" with the dot format is refused rather than read as 1250.
Result<Money> parse_amount(std::string_view text, const NumberFormat& nf);

// A whole number; "3.0" and "1,000" accepted, "2.5" refused.
Result<int64_t> parse_count(std::string_view text, const NumberFormat& nf);

// A real number (average seconds, rates); plain decimal with the file's separator.
Result<double> parse_real(std::string_view text, const NumberFormat& nf);

// Dates and times. Accepted: 2024-01-05, 2024/1/5, 2024.1.5, 2024年1月5日, 20240105, and with a
// year last: 1/5/2024, 05.01.2024, 1-5-24 (two-digit years are 20xx). A time may follow after a
// space or T: 8:26, 08:26:59, 08:26:59.123, 8:26 PM, and a zone suffix (Z, UTC, GMT, +0800,
// +08:00, +08, -05:00, GMT+8, UTC+08:00; tz::parse_utc_offset). A time without a suffix is the
// shop's own wall-clock time and is kept as written; a time with one names an instant, which is
// converted into the store's zone `into` (a Shopify "2024-03-10 23:30:00 -0500" is 12:30 on
// 2024-03-11 in Asia/Shanghai). `into` null drops the suffix (the wall clock as written). Any
// other suffix is refused; `bad_zone`, when given, then receives it (RowWhy::bad_time_zone).
// When the year is last and both leading numbers are <= 12 the date is ambiguous: `order`
// decides, and with DateOrder::automatic such a date is refused.
Result<Timestamp> parse_datetime(std::string_view text, DateOrder order, const tz::Zone* into = nullptr,
                                 std::string* bad_zone = nullptr);
Result<Day> parse_date(std::string_view text, DateOrder order, const tz::Zone* into = nullptr,
                       std::string* bad_zone = nullptr);
// A birthday: a date as parse_date, or a month and day without a year (05-17, --05-17, 5/17,
// 17/5 day-first, 5月17日, 5月17号), kept as that day of the year 2000 (a leap year: 02-29 is
// one). The members module reads only the month (docs/members.md).
Result<Day> parse_birthday(std::string_view text, DateOrder order);

// What a sample of date cells says about their order: a first number > 12 proves day-first, a
// second number > 12 proves month-first. Feed cells, then read the verdict.
class DateOrderVote {
 public:
  void add(std::string_view cell);
  // automatic when undecided (no evidence, or contradicting evidence).
  DateOrder verdict() const;
  bool conflicting() const { return day_first_ > 0 && month_first_ > 0; }
  bool saw_ambiguous() const { return ambiguous_ > 0; }

 private:
  int64_t day_first_ = 0, month_first_ = 0, ambiguous_ = 0;
};

}  // namespace shopkeeper
