#include "core/base/date.h"

#include <cstdio>

namespace shopkeeper {

// Howard Hinnant's civil-date algorithms (public domain), proleptic Gregorian.
Day days_from_civil(int y, int m, int d) {
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + static_cast<unsigned>(d) - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int>(doe) - 719468;
}

Ymd civil_from_days(Day z0) {
  int z = z0 + 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int y = static_cast<int>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return Ymd{y + (m <= 2), static_cast<int>(m), static_cast<int>(d)};
}

int weekday(Day d) {
  // 1970-01-01 was a Thursday (3 with Monday = 0).
  int w = (d + 3) % 7;
  return w < 0 ? w + 7 : w;
}

int days_in_month(int y, int m) {
  static const int k[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m == 2) return ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0) ? 29 : 28;
  return k[m - 1];
}

bool valid_ymd(int y, int m, int d) {
  return y >= 1900 && y <= 2200 && m >= 1 && m <= 12 && d >= 1 && d <= days_in_month(y, m);
}

std::string format_day(Day d) {
  Ymd c = civil_from_days(d);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", c.y, c.m, c.d);
  return buf;
}

std::string format_timestamp(Timestamp t) {
  Day d = day_of(t);
  int64_t s = t - start_of(d);
  Ymd c = civil_from_days(d);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d %02d:%02d:%02d", c.y, c.m, c.d, static_cast<int>(s / 3600),
                static_cast<int>(s / 60 % 60), static_cast<int>(s % 60));
  return buf;
}

namespace {
bool read_int(std::string_view& s, int max_digits, int& out) {
  int n = 0, v = 0;
  while (!s.empty() && n < max_digits && s.front() >= '0' && s.front() <= '9') {
    v = v * 10 + (s.front() - '0');
    s.remove_prefix(1);
    ++n;
  }
  out = v;
  return n > 0;
}
}  // namespace

Result<Day> parse_day(std::string_view s) {
  std::string_view in = s;
  int y, m, d;
  if (!read_int(s, 4, y) || s.empty() || (s[0] != '-' && s[0] != '/' && s[0] != '.'))
    return make_error(ErrorCode::parse_error, "not a date (YYYY-MM-DD): \"" + std::string(in) + "\"");
  char sep = s[0];
  s.remove_prefix(1);
  if (!read_int(s, 2, m) || s.empty() || s[0] != sep)
    return make_error(ErrorCode::parse_error, "not a date (YYYY-MM-DD): \"" + std::string(in) + "\"");
  s.remove_prefix(1);
  if (!read_int(s, 2, d) || !s.empty())
    return make_error(ErrorCode::parse_error, "not a date (YYYY-MM-DD): \"" + std::string(in) + "\"");
  if (!valid_ymd(y, m, d)) return make_error(ErrorCode::parse_error, "no such date: \"" + std::string(in) + "\"");
  return days_from_civil(y, m, d);
}

Result<Timestamp> parse_timestamp(std::string_view s) {
  std::string_view in = s;
  size_t sp = s.find_first_of(" T");
  auto day = parse_day(s.substr(0, sp));
  if (!day) return day.error();
  if (sp == std::string_view::npos) return start_of(*day);
  s.remove_prefix(sp + 1);
  int h = 0, mi = 0, se = 0;
  if (!read_int(s, 2, h) || s.empty() || s[0] != ':')
    return make_error(ErrorCode::parse_error, "not a time: \"" + std::string(in) + "\"");
  s.remove_prefix(1);
  if (!read_int(s, 2, mi)) return make_error(ErrorCode::parse_error, "not a time: \"" + std::string(in) + "\"");
  if (!s.empty() && s[0] == ':') {
    s.remove_prefix(1);
    if (!read_int(s, 2, se)) return make_error(ErrorCode::parse_error, "not a time: \"" + std::string(in) + "\"");
  }
  if (!s.empty() || h > 23 || mi > 59 || se > 59)
    return make_error(ErrorCode::parse_error, "not a time: \"" + std::string(in) + "\"");
  return start_of(*day) + h * 3600 + mi * 60 + se;
}

DayRange previous_period(DayRange r) {
  int32_t n = r.length();
  return DayRange{r.first - n, r.first - 1};
}

static Day minus_year(Day d) {
  Ymd c = civil_from_days(d);
  int y = c.y - 1;
  int dd = c.d > days_in_month(y, c.m) ? days_in_month(y, c.m) : c.d;
  return days_from_civil(y, c.m, dd);
}

DayRange same_period_last_year(DayRange r) { return DayRange{minus_year(r.first), minus_year(r.last)}; }

}  // namespace shopkeeper
