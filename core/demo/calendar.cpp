#include "core/demo/calendar.h"

#include <algorithm>

#include <fmt/format.h>

namespace shopkeeper::demo {

namespace {

// 春节 (first day of the first lunar month), Gregorian dates.
constexpr int kCny[][3] = {{2020, 1, 25}, {2021, 2, 12}, {2022, 2, 1},  {2023, 1, 22}, {2024, 2, 10}, {2025, 1, 29},
                           {2026, 2, 17}, {2027, 2, 6},  {2028, 1, 26}, {2029, 2, 13}, {2030, 2, 3},  {2031, 1, 23},
                           {2032, 2, 11}, {2033, 1, 31}, {2034, 2, 19}, {2035, 2, 8}};

// Mid-month demand of a tea shop: New-Year gifts in January, spring tea in March-May, a summer
// slack, Mid-Autumn gifts in September, gift season at the end of the year.
constexpr double kMonth[12] = {1.05, 0.90, 1.05, 1.15, 1.05, 0.95, 0.85, 0.85, 1.00, 0.95, 1.00, 1.05};

// Monday .. Sunday.
constexpr double kWeekday[7] = {0.93, 0.92, 0.94, 0.96, 1.00, 1.15, 1.18};

double factor_618(int month, int dom) {
  if (month != 6) return 1.0;
  if (dom == 1) return 1.8;  // opening night
  if (dom <= 15) return 1.2;
  if (dom <= 17) return 1.5;
  if (dom == 18) return 3.5;
  if (dom <= 24) return 0.85;  // demand pulled forward
  return 1.0;
}

double factor_double11(int month, int dom) {
  if (month == 10 && dom >= 21) return 0.85;  // buyers wait for the festival
  if (month != 11) return 1.0;
  if (dom == 1) return 2.4;  // first wave (pre-sale balance payments)
  if (dom <= 9) return 1.3;
  if (dom == 10) return 1.6;
  if (dom == 11) return 6.0;
  if (dom <= 16) return 0.8;
  return 1.0;
}

double factor_double12(int month, int dom) {
  if (month != 12) return 1.0;
  if (dom == 10 || dom == 11) return 1.15;
  if (dom == 12) return 2.2;
  return 1.0;
}

// Around New Year: stocking up (年货节), then couriers stop a week before and during the holiday.
double factor_cny(Day d, Day cny) {
  int off = d - cny;
  if (off >= -25 && off <= -8) return 1.35;
  if (off >= -7 && off <= -1) return 0.6;
  if (off >= 0 && off <= 6) return 0.3;
  if (off >= 7 && off <= 10) return 0.7;
  return 1.0;
}

}  // namespace

std::optional<Day> chinese_new_year(int year) {
  for (const auto& c : kCny)
    if (c[0] == year) return days_from_civil(c[0], c[1], c[2]);
  return std::nullopt;
}

std::vector<Festival> festivals(DayRange r) {
  std::vector<Festival> out;
  if (r.length() == 0) return out;
  int y0 = civil_from_days(r.first).y, y1 = civil_from_days(r.last).y + 1;
  for (int y = y0; y <= y1; ++y) {
    std::vector<Festival> year;
    if (auto c = chinese_new_year(y))
      year.push_back({fmt::format("CNY-{}", y), fmt::format("年货节 {}", y), *c - 25, *c - 8, *c - 8, 19900, 2000,
                      true, 3000});
    year.push_back({fmt::format("618-{}", y), fmt::format("618 年中大促 {}", y), days_from_civil(y, 6, 1),
                    days_from_civil(y, 6, 18), days_from_civil(y, 6, 18), 30000, 4000, true, 6000});
    year.push_back({fmt::format("D11-{}", y), fmt::format("双11 狂欢节 {}", y), days_from_civil(y, 11, 1),
                    days_from_civil(y, 11, 11), days_from_civil(y, 11, 11), 30000, 5000, true, 12000});
    year.push_back({fmt::format("D12-{}", y), fmt::format("双12 {}", y), days_from_civil(y, 12, 12),
                    days_from_civil(y, 12, 12), days_from_civil(y, 12, 12), 20000, 2000, false, 5000});
    for (auto& f : year)
      if (f.last >= r.first && f.first <= r.last) out.push_back(std::move(f));
  }
  std::stable_sort(out.begin(), out.end(), [](const Festival& a, const Festival& b) { return a.first < b.first; });
  return out;
}

double event_factor(Day d) {
  Ymd t = civil_from_days(d);
  double f = factor_618(t.m, t.d) * factor_double11(t.m, t.d) * factor_double12(t.m, t.d);
  // The holiday window reaches from December (next year's New Year) into February.
  for (int y : {t.y, t.y + 1})
    if (auto c = chinese_new_year(y)) f *= factor_cny(d, *c);
  return f;
}

double weekday_factor(Day d) { return kWeekday[weekday(d)]; }

double season_factor(Day d) {
  Ymd t = civil_from_days(d);
  int m = t.m - 1;  // 0-based
  if (t.d >= 15) {
    double w = static_cast<double>(t.d - 15) / days_in_month(t.y, t.m);
    return kMonth[m] + (kMonth[(m + 1) % 12] - kMonth[m]) * w;
  }
  int pm = (m + 11) % 12;
  int plen = days_in_month(t.m == 1 ? t.y - 1 : t.y, pm + 1);
  double w = static_cast<double>(t.d - 15 + plen) / plen;
  return kMonth[pm] + (kMonth[m] - kMonth[pm]) * w;
}

}  // namespace shopkeeper::demo
