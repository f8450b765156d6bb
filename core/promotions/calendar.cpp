#include "core/promotions/calendar.h"

#include <algorithm>

namespace shopkeeper::promo {

namespace {

// Gregorian dates (month, day) for 2020-2035, from the Hong Kong Observatory style tables;
// checked against the lunar-javascript calendar (which agrees on every date) and ICU's
// Chinese calendar (which is off by one day for 2027 and 2030, where the new moon falls within
// minutes of midnight Beijing time: the correct dates are 2027-02-06 and 2030-02-03).
struct Md {
  int m, d;
};
constexpr Md kNewYear[] = {{1, 25}, {2, 12}, {2, 1},  {1, 22}, {2, 10}, {1, 29}, {2, 17}, {2, 6},
                           {1, 26}, {2, 13}, {2, 3},  {1, 23}, {2, 11}, {1, 31}, {2, 19}, {2, 8}};
constexpr Md kQixi[] = {{8, 25}, {8, 14}, {8, 4},  {8, 22}, {8, 10}, {8, 29}, {8, 19}, {8, 8},
                        {8, 26}, {8, 16}, {8, 5},  {8, 24}, {8, 12}, {8, 1},  {8, 20}, {8, 10}};
constexpr Md kMidAutumn[] = {{10, 1}, {9, 21}, {9, 10}, {9, 29}, {9, 17}, {10, 6}, {9, 25}, {9, 15},
                             {10, 3}, {9, 22}, {9, 12}, {10, 1}, {9, 19}, {9, 8},  {9, 27}, {9, 16}};

std::optional<Day> from_table(const Md* table, int year) {
  if (year < kLunarFirstYear || year > kLunarLastYear) return std::nullopt;
  const Md& x = table[year - kLunarFirstYear];
  return days_from_civil(year, x.m, x.d);
}

Festival make(const char* id, const char* en, const char* zh, Day day, Day first, Day last) {
  return Festival{id, en, zh, day, DayRange{first, last}};
}

}  // namespace

std::optional<Day> lunar_new_year(int year) { return from_table(kNewYear, year); }
std::optional<Day> qixi(int year) { return from_table(kQixi, year); }
std::optional<Day> mid_autumn(int year) { return from_table(kMidAutumn, year); }

Day black_friday(int year) {
  Day nov1 = days_from_civil(year, 11, 1);
  int to_thursday = (3 - weekday(nov1) + 7) % 7;  // weekday: 0 = Monday, 3 = Thursday
  return nov1 + to_thursday + 21 + 1;
}

std::vector<Festival> festivals(int year) {
  auto d = [year](int m, int day) { return days_from_civil(year, m, day); };
  std::vector<Festival> v;
  // 年货节 runs in the weeks before the New Year and ends when couriers stop for the holiday.
  if (auto cny = lunar_new_year(year))
    v.push_back(make("cny_shopping", "Chinese New Year shopping festival", "年货节", *cny, *cny - 30, *cny - 10));
  v.push_back(make("womens_day_38", "Women's Day (38 Queen's Day)", "三八女王节", d(3, 8), d(3, 1), d(3, 8)));
  v.push_back(make("520", "520 (I love you day)", "520", d(5, 20), d(5, 13), d(5, 20)));
  v.push_back(make("618", "618 mid-year sale", "618", d(6, 18), d(5, 31), d(6, 18)));
  if (auto q = qixi(year)) v.push_back(make("qixi", "Qixi (Chinese Valentine's Day)", "七夕", *q, *q - 7, *q));
  if (auto m = mid_autumn(year))
    v.push_back(make("mid_autumn", "Mid-Autumn Festival", "中秋节", *m, *m - 14, *m));
  v.push_back(make("double_11", "Double 11 (Singles' Day)", "双11", d(11, 11), d(10, 20), d(11, 11)));
  Day bf = black_friday(year);
  v.push_back(make("black_friday", "Black Friday", "黑色星期五", bf, bf - 7, bf));
  v.push_back(make("cyber_monday", "Cyber Monday", "网络星期一", bf + 3, bf + 1, bf + 3));
  v.push_back(make("double_12", "Double 12", "双12", d(12, 12), d(12, 8), d(12, 12)));
  std::stable_sort(v.begin(), v.end(), [](const Festival& a, const Festival& b) { return a.window.first < b.window.first; });
  return v;
}

std::vector<Festival> festivals_between(DayRange range) {
  std::vector<Festival> out;
  if (range.length() == 0) return out;
  int y0 = civil_from_days(range.first).y, y1 = civil_from_days(range.last).y;
  // A window can start in the year before its day (the New Year festival in January).
  for (int y = y0 - 1; y <= y1 + 1; ++y)
    for (auto& f : festivals(y))
      if (f.window.last >= range.first && f.window.first <= range.last) out.push_back(std::move(f));
  std::stable_sort(out.begin(), out.end(), [](const Festival& a, const Festival& b) { return a.window.first < b.window.first; });
  return out;
}

}  // namespace shopkeeper::promo
