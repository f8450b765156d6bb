#include "core/io/values.h"

#include <charconv>
#include <string>

#include <fast_float/fast_float.h>

#include "core/io/csv.h"

namespace shopkeeper {

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

std::string quoted(std::string_view s) { return "\"" + std::string(s) + "\""; }

// Every group separator must be followed by exactly three digits and then a group separator,
// the decimal separator or a non-digit. Catches "12,50" read with the dot format.
bool groups_ok(std::string_view s, char grp, char dec) {
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == dec) return true;
    if (s[i] != grp) continue;
    size_t k = i + 1, digits = 0;
    while (k < s.size() && is_digit(s[k])) ++k, ++digits;
    if (digits != 3) return false;
  }
  return true;
}

std::string wrong_separator(std::string_view text, const NumberFormat& nf) {
  return quoted(text) + (nf.decimal_comma ? " has a point where the number format 1.299,00 expects a decimal comma"
                                          : " has a comma where the number format 1,299.00 expects a decimal point") +
         " (change the number format setting?)";
}

// Digits only (sign and grouping removed, decimal separator turned into '.') for from_chars.
Result<std::string> plain_number(std::string_view text, const NumberFormat& nf) {
  std::string_view s = trim(text);
  const char dec = nf.decimal_comma ? ',' : '.';
  const char grp = nf.decimal_comma ? '.' : ',';
  if (!groups_ok(s, grp, dec)) return make_error(ErrorCode::parse_error, wrong_separator(text, nf));
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == grp || c == ' ') continue;
    if (c == dec) c = '.';
    if (c == '+' && i == 0) continue;
    if (!is_digit(c) && c != '.' && !(c == '-' && i == 0) && c != 'e' && c != 'E')
      return make_error(ErrorCode::parse_error, "not a number: " + quoted(text));
    out.push_back(c);
  }
  if (out.empty() || out == "-") return make_error(ErrorCode::parse_error, "not a number: " + quoted(text));
  return out;
}

// Reads 1..max digits; returns the count read.
int read_digits(std::string_view& s, int max, int& out) {
  int n = 0, v = 0;
  while (!s.empty() && n < max && is_digit(s.front())) {
    v = v * 10 + (s.front() - '0');
    s.remove_prefix(1);
    ++n;
  }
  out = v;
  return n;
}

bool eat(std::string_view& s, std::string_view p) {
  if (s.substr(0, p.size()) != p) return false;
  s.remove_prefix(p.size());
  return true;
}

bool eat_ci(std::string_view& s, std::string_view p) {
  if (s.size() < p.size()) return false;
  for (size_t i = 0; i < p.size(); ++i) {
    char c = s[i];
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 32);
    if (c != p[i]) return false;
  }
  s.remove_prefix(p.size());
  return true;
}

struct DateParts {
  int y = 0, m = 0, d = 0;
  bool year_last = false;
  int a = 0, b = 0;  // the two leading numbers of a year-last date
  char sep = 0;
};

// Parses the date part and leaves `s` after it.
bool read_date(std::string_view& s, DateParts& p) {
  std::string_view start = s;
  int a;
  int na = read_digits(s, 8, a);
  if (na == 8) {  // 20240105
    p.y = a / 10000, p.m = a / 100 % 100, p.d = a % 100;
    return true;
  }
  if (na == 4) {
    p.y = a;
    char sep = s.empty() ? 0 : s[0];
    bool cjk = eat(s, "年");
    if (!cjk) {
      if (sep != '-' && sep != '/' && sep != '.') return false;
      s.remove_prefix(1);
    }
    if (read_digits(s, 2, p.m) == 0) return false;
    if (cjk) {
      if (!eat(s, "月")) return false;
    } else if (s.empty() || s[0] != sep) {
      return false;
    } else {
      s.remove_prefix(1);
    }
    if (read_digits(s, 2, p.d) == 0) return false;
    if (cjk) eat(s, "日");
    return true;
  }
  if (na < 1 || na > 2 || s.empty()) return false;
  char sep = s[0];
  if (sep != '-' && sep != '/' && sep != '.') return false;
  s.remove_prefix(1);
  int b;
  if (read_digits(s, 2, b) == 0 || s.empty() || s[0] != sep) return false;
  s.remove_prefix(1);
  int y;
  int ny = read_digits(s, 4, y);
  if (ny == 2) y += 2000;
  else if (ny != 4) return false;
  (void)start;
  p.year_last = true;
  p.a = a, p.b = b, p.y = y, p.sep = sep;
  return true;
}

Result<Day> resolve(const DateParts& p0, DateOrder order, std::string_view text) {
  DateParts p = p0;
  if (p.year_last) {
    DateOrder o = order;
    // Dotted year-last dates (05.01.2024) are written day-first wherever they are used.
    if (o == DateOrder::automatic && p.sep == '.') o = DateOrder::day_first;
    if (p.a > 12 && p.b <= 12) {
      if (o == DateOrder::month_first)
        return make_error(ErrorCode::parse_error, quoted(text) + " is not a month-first date (month " +
                                                      std::to_string(p.a) + "?); is the file day-first?");
      o = DateOrder::day_first;
    } else if (p.b > 12 && p.a <= 12) {
      if (o == DateOrder::day_first)
        return make_error(ErrorCode::parse_error, quoted(text) + " is not a day-first date (month " +
                                                      std::to_string(p.b) + "?); is the file month-first?");
      o = DateOrder::month_first;
    } else if (o == DateOrder::automatic) {
      return make_error(ErrorCode::parse_error,
                        "ambiguous date " + quoted(text) + ": choose day-first or month-first for this file");
    }
    if (o == DateOrder::month_first) p.m = p.a, p.d = p.b;
    else p.d = p.a, p.m = p.b;
  }
  if (!valid_ymd(p.y, p.m, p.d)) return make_error(ErrorCode::parse_error, "no such date: " + quoted(text));
  return days_from_civil(p.y, p.m, p.d);
}

}  // namespace

Result<Money> parse_amount(std::string_view text, const NumberFormat& nf) {
  std::string_view s = trim(text);
  bool paren = s.size() >= 2 && s.front() == '(' && s.back() == ')';  // accounting negative: (12.00)
  if (paren) s = trim(s.substr(1, s.size() - 2));
  const char dec = nf.decimal_comma ? ',' : '.';
  const char grp = nf.decimal_comma ? '.' : ',';
  if (!groups_ok(s, grp, dec)) return make_error(ErrorCode::parse_error, wrong_separator(text, nf));
  auto m = parse_money(s, nf.decimals, nf.decimal_comma);
  if (!m) {
    // More fraction digits than the currency has: read at micro precision, round half away
    // from zero. Only for amounts small enough that micro units cannot overflow.
    size_t int_digits = 0;
    for (char c : s) {
      if (c == dec) break;
      if (is_digit(c)) ++int_digits;
    }
    if (m.error().message.find("decimal places") == std::string::npos || int_digits > 12 || nf.decimals > 6)
      return make_error(ErrorCode::parse_error, "not an amount: " + quoted(text));
    auto micro = parse_money(s, 6, nf.decimal_comma);
    if (!micro) return make_error(ErrorCode::parse_error, "not an amount: " + quoted(text));
    int64_t scale = 1;
    for (int i = nf.decimals; i < 6; ++i) scale *= 10;
    m = div_round(*micro, scale);
  }
  return paren ? -*m : *m;
}

Result<int64_t> parse_count(std::string_view text, const NumberFormat& nf) {
  auto p = plain_number(text, nf);
  if (!p) return p.error();
  std::string& s = *p;
  size_t dot = s.find('.');
  if (dot != std::string::npos) {
    for (size_t i = dot + 1; i < s.size(); ++i)
      if (s[i] != '0') return make_error(ErrorCode::parse_error, "not a whole number: " + quoted(text));
    s.resize(dot);
  }
  int64_t v = 0;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || ptr != s.data() + s.size())
    return make_error(ErrorCode::parse_error, "not a whole number: " + quoted(text));
  return v;
}

Result<double> parse_real(std::string_view text, const NumberFormat& nf) {
  auto p = plain_number(text, nf);
  if (!p) return p.error();
  double v = 0;
  auto r = fast_float::from_chars(p->data(), p->data() + p->size(), v);
  if (r.ec != std::errc() || r.ptr != p->data() + p->size())
    return make_error(ErrorCode::parse_error, "not a number: " + quoted(text));
  return v;
}

Result<Timestamp> parse_datetime(std::string_view text, DateOrder order, const tz::Zone* into, std::string* bad_zone) {
  std::string_view s = trim(text);
  DateParts p;
  if (!read_date(s, p)) return make_error(ErrorCode::parse_error, "not a date: " + quoted(text));
  auto day = resolve(p, order, text);
  if (!day) return day.error();
  int h = 0, mi = 0, se = 0;
  std::optional<int32_t> offset;
  if (!s.empty() && (s[0] == ' ' || s[0] == 'T')) {
    while (!s.empty() && (s[0] == ' ' || s[0] == 'T')) s.remove_prefix(1);
    if (read_digits(s, 2, h) == 0 || !eat(s, ":") || read_digits(s, 2, mi) != 2)
      return make_error(ErrorCode::parse_error, "not a time: " + quoted(text));
    if (eat(s, ":") && read_digits(s, 2, se) != 2) return make_error(ErrorCode::parse_error, "not a time: " + quoted(text));
    if (eat(s, ".") || eat(s, ",")) {  // fractions of a second are dropped
      int ignored;
      while (read_digits(s, 9, ignored) > 0) {
      }
    }
    while (!s.empty() && s[0] == ' ') s.remove_prefix(1);
    int ampm = 0;  // 1 = AM, 2 = PM
    if (eat_ci(s, "AM") || eat(s, "上午")) ampm = 1;
    else if (eat_ci(s, "PM") || eat(s, "下午")) ampm = 2;
    if (ampm) {
      if (h < 1 || h > 12) return make_error(ErrorCode::parse_error, "not a 12-hour time: " + quoted(text));
      h = h % 12 + (ampm == 2 ? 12 : 0);
    }
    while (!s.empty() && s[0] == ' ') s.remove_prefix(1);
    // Zone suffix (see header): the time is converted into `into`.
    if (!s.empty()) {
      std::string_view suffix = trim(s);
      auto off = tz::parse_utc_offset(suffix);
      if (!off) {
        if (bad_zone) *bad_zone = std::string(suffix);
        return make_error(ErrorCode::parse_error, "not a time zone: " + quoted(suffix) + " in " + quoted(text) +
                                                      " (write the offset as Z, UTC, +08:00, -0500 or GMT+8)");
      }
      offset = *off;
      s = {};
    }
  }
  if (!s.empty()) return make_error(ErrorCode::parse_error, "not a date and time: " + quoted(text));
  if (h > 23 || mi > 59 || se > 60) return make_error(ErrorCode::parse_error, "no such time: " + quoted(text));
  if (se == 60) se = 59;  // a leap second is kept inside its minute
  const Timestamp wall = start_of(*day) + h * 3600 + mi * 60 + se;
  return offset && into ? into->from_offset(wall, *offset) : wall;
}

Result<Day> parse_date(std::string_view text, DateOrder order, const tz::Zone* into, std::string* bad_zone) {
  auto t = parse_datetime(text, order, into, bad_zone);
  if (!t) return t.error();
  return day_of(*t);
}

void DateOrderVote::add(std::string_view cell) {
  std::string_view s = trim(cell);
  DateParts p;
  if (!read_date(s, p) || !p.year_last) return;
  if (p.a > 12 && p.b <= 12) ++day_first_;
  else if (p.b > 12 && p.a <= 12) ++month_first_;
  else ++ambiguous_;
}

DateOrder DateOrderVote::verdict() const {
  if (day_first_ > 0 && month_first_ == 0) return DateOrder::day_first;
  if (month_first_ > 0 && day_first_ == 0) return DateOrder::month_first;
  return DateOrder::automatic;
}

Result<Day> parse_birthday(std::string_view text, DateOrder order) {
  std::string_view s = trim(text);
  // A full date first (1990-05-17, 1990年5月17日, 17.05.1990, ...).
  {
    std::string_view t = s;
    DateParts p;
    if (read_date(t, p)) return parse_date(s, order);
  }
  // A month and day without a year: 05-17, 5/17 (17/5 day-first), 5月17日, --05-17.
  std::string_view t = s;
  (void)eat(t, "--");
  int a = 0, b = 0;
  bool cjk = false;
  char sep = 0;
  const int na = read_digits(t, 2, a);
  if (na > 0 && eat(t, "月")) {
    cjk = true;
  } else if (na > 0 && !t.empty() && (t[0] == '-' || t[0] == '/' || t[0] == '.')) {
    sep = t[0];
    t.remove_prefix(1);
  } else {
    return make_error(ErrorCode::parse_error, "not a birthday: " + quoted(text) + " (expected 1990-05-17, 05-17 or 5月17日)");
  }
  if (read_digits(t, 2, b) == 0)
    return make_error(ErrorCode::parse_error, "not a birthday: " + quoted(text) + " (expected 1990-05-17, 05-17 or 5月17日)");
  if (cjk && !eat(t, "日")) eat(t, "号");
  t = trim(t);
  if (!t.empty())
    return make_error(ErrorCode::parse_error, "not a birthday: " + quoted(text) + " (expected 1990-05-17, 05-17 or 5月17日)");
  int m = a, d = b;
  // Slashes and dots follow the file's date order (day-first: 17/5); a dash is month-day (ISO's
  // --MM-DD). A first number over 12 can only be a day.
  if (!cjk && (a > 12 || (sep != '-' && order == DateOrder::day_first))) {
    m = b;
    d = a;
  }
  // No year: kept in the leap year 2000 (so 02-29 is a birthday); only the month is read.
  if (!valid_ymd(2000, m, d)) return make_error(ErrorCode::parse_error, "no such birthday: " + quoted(text));
  return days_from_civil(2000, m, d);
}

}  // namespace shopkeeper
