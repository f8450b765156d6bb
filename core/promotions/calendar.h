// Festival calendar for campaign planning: the selling festivals of Chinese and Western
// e-commerce with their peak day and a suggested campaign window (store-local civil days).
// Lunar festivals (Chinese New Year, Qixi, Mid-Autumn) come from a table for 2020-2035 checked
// against two independent calendars (docs/promotions.md); other years have no lunar entries.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "core/base/date.h"

namespace shopkeeper::promo {

struct Festival {
  std::string id;       // "cny_shopping", "womens_day_38", "520", "618", "qixi", "mid_autumn",
                        // "double_11", "black_friday", "cyber_monday", "double_12"
  std::string name_en, name_zh;
  Day day = 0;          // the peak / reference day
  DayRange window;      // suggested campaign window (presale and warm-up included)
};

inline constexpr int kLunarFirstYear = 2020, kLunarLastYear = 2035;
std::optional<Day> lunar_new_year(int year);  // 1st day of the 1st lunar month
std::optional<Day> qixi(int year);            // 7th day of the 7th lunar month
std::optional<Day> mid_autumn(int year);      // 15th day of the 8th lunar month
Day black_friday(int year);                   // the day after the 4th Thursday of November

// The festivals of one year, sorted by window start.
std::vector<Festival> festivals(int year);
// Festivals whose window overlaps `range`.
std::vector<Festival> festivals_between(DayRange range);

}  // namespace shopkeeper::promo
