#include "core/demo/calendar.h"

#include <algorithm>
#include <array>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace shopkeeper::demo {

extern const unsigned char kDemoCalendar[];
extern const size_t kDemoCalendarSize;

namespace {

// A festival of every year: its window by month and day, or in days from the lunar new year.
struct FestivalRule {
  std::string id, name;
  bool from_cny = false;
  int month = 0;
  std::array<int, 3> at{};  // first, last, peak: days of `month`, or offsets from 春节
  Money per = 0, off = 0;
  bool stacking = true;
  int32_t uplift_bp = 0;
};
struct Factor {
  int month = 0, from = 0, to = 0;  // month 0: offsets from 春节
  double factor = 1;
};
struct CalendarConfig {
  std::vector<std::array<int, 3>> cny;  // year, month, day
  std::array<double, 12> month{};
  std::array<double, 7> weekday{};
  std::vector<FestivalRule> festivals;
  std::vector<Factor> date_factors, cny_factors;
};

// assets/demo/calendar.json, embedded at build time (cmake/assets.cmake); its "about" describes
// the fields. Checked by tests/core/assets_demo_test.cpp.
const CalendarConfig& config() {
  static const CalendarConfig cfg = [] {
    CalendarConfig out;
    const auto j = nlohmann::json::parse(kDemoCalendar, kDemoCalendar + kDemoCalendarSize, nullptr, false);
    if (!j.is_object()) return out;
    auto ints = [](const nlohmann::json& x, size_t n, int* to) {
      if (!x.is_array() || x.size() != n) return false;
      for (size_t i = 0; i < n; ++i) {
        if (!x[i].is_number_integer()) return false;
        to[i] = x[i].get<int>();
      }
      return true;
    };
    auto doubles = [](const nlohmann::json& x, size_t n, double* to) {
      if (!x.is_array() || x.size() != n) return;
      for (size_t i = 0; i < n; ++i) to[i] = x[i].is_number() ? x[i].get<double>() : 1.0;
    };
    for (const auto& c : j.value("cny", nlohmann::json::array())) {
      std::array<int, 3> ymd{};
      if (ints(c, 3, ymd.data())) out.cny.push_back(ymd);
    }
    doubles(j.value("month", nlohmann::json::array()), 12, out.month.data());
    doubles(j.value("weekday", nlohmann::json::array()), 7, out.weekday.data());
    for (const auto& f : j.value("festivals", nlohmann::json::array())) {
      if (!f.is_object()) continue;
      FestivalRule r;
      r.id = f.value("id", "");
      r.name = f.value("name", "");
      r.from_cny = f.contains("from_cny");
      r.month = f.value("month", 0);
      if (!ints(r.from_cny ? f["from_cny"] : f.value("days", nlohmann::json::array()), 3, r.at.data())) continue;
      r.per = f.value("per", Money{0});
      r.off = f.value("off", Money{0});
      r.stacking = f.value("stacking", true);
      r.uplift_bp = f.value("uplift_bp", 0);
      out.festivals.push_back(std::move(r));
    }
    auto factors = [](const nlohmann::json& list, std::vector<Factor>& to) {
      for (const auto& x : list)
        if (x.is_object()) to.push_back({x.value("month", 0), x.value("from", 0), x.value("to", 0), x.value("factor", 1.0)});
    };
    factors(j.value("date_factors", nlohmann::json::array()), out.date_factors);
    factors(j.value("cny_factors", nlohmann::json::array()), out.cny_factors);
    return out;
  }();
  return cfg;
}

}  // namespace

std::optional<Day> chinese_new_year(int year) {
  for (const auto& c : config().cny)
    if (c[0] == year) return days_from_civil(c[0], c[1], c[2]);
  return std::nullopt;
}

std::vector<Festival> festivals(DayRange r) {
  std::vector<Festival> out;
  if (r.length() == 0) return out;
  int y0 = civil_from_days(r.first).y, y1 = civil_from_days(r.last).y + 1;
  for (int y = y0; y <= y1; ++y) {
    std::vector<Festival> year;
    for (const FestivalRule& f : config().festivals) {
      Day first, last, peak;
      if (f.from_cny) {
        auto c = chinese_new_year(y);
        if (!c) continue;
        first = *c + f.at[0], last = *c + f.at[1], peak = *c + f.at[2];
      } else {
        first = days_from_civil(y, f.month, f.at[0]), last = days_from_civil(y, f.month, f.at[1]);
        peak = days_from_civil(y, f.month, f.at[2]);
      }
      year.push_back({fmt::format("{}-{}", f.id, y), fmt::format("{} {}", f.name, y), first, last, peak, f.per, f.off,
                      f.stacking, f.uplift_bp});
    }
    for (auto& f : year)
      if (f.last >= r.first && f.first <= r.last) out.push_back(std::move(f));
  }
  std::stable_sort(out.begin(), out.end(), [](const Festival& a, const Festival& b) { return a.first < b.first; });
  return out;
}

double event_factor(Day d) {
  Ymd t = civil_from_days(d);
  double f = 1.0;
  for (const Factor& x : config().date_factors)
    if (x.month == t.m && t.d >= x.from && t.d <= x.to) f *= x.factor;
  // The holiday window reaches from December (next year's New Year) into February.
  for (int y : {t.y, t.y + 1})
    if (auto c = chinese_new_year(y)) {
      const int off = d - *c;
      double k = 1.0;
      for (const Factor& x : config().cny_factors)
        if (off >= x.from && off <= x.to) k = x.factor;
      f *= k;
    }
  return f;
}

double weekday_factor(Day d) { return config().weekday[static_cast<size_t>(weekday(d))]; }

// Interpolated between mid-month values so there is no step at month ends.
double season_factor(Day d) {
  const auto& month = config().month;
  Ymd t = civil_from_days(d);
  int m = t.m - 1;  // 0-based
  if (t.d >= 15) {
    double w = static_cast<double>(t.d - 15) / days_in_month(t.y, t.m);
    return month[static_cast<size_t>(m)] + (month[static_cast<size_t>((m + 1) % 12)] - month[static_cast<size_t>(m)]) * w;
  }
  int pm = (m + 11) % 12;
  int plen = days_in_month(t.m == 1 ? t.y - 1 : t.y, pm + 1);
  double w = static_cast<double>(t.d - 15 + plen) / plen;
  return month[static_cast<size_t>(pm)] + (month[static_cast<size_t>(m)] - month[static_cast<size_t>(pm)]) * w;
}

}  // namespace shopkeeper::demo
