#include "ui/i18n/format.h"

#include <cstdarg>

#include <cmath>
#include <cstdio>

#include "core/base/currency.h"

namespace shopkeeper::ui {

namespace {
std::string g_currency = "CNY";
int g_digits = 2;

// The currency to show and its digits: the store's unless another is named.
int digits_of(const std::string& c) {
  if (c.empty() || c == g_currency) return g_digits;
  const CurrencyInfo* info = find_currency(c);
  return info ? info->digits : 2;
}
const std::string& code_of(const std::string& c) { return c.empty() ? g_currency : c; }
int64_t pow10(int d) {
  int64_t p = 1;
  for (int i = 0; i < d; ++i) p *= 10;
  return p;
}
}  // namespace

void set_store_money(const std::string& currency, int digits) {
  g_currency = currency.empty() ? std::string("CNY") : currency;
  g_digits = digits < 0 || digits > 6 ? 2 : digits;
}
const std::string& store_currency() { return g_currency; }
int store_money_digits() { return g_digits; }

const char* currency_symbol(const std::string& code) {
  const std::string& c = code_of(code);
  if (c == "RMB") return "¥";
  const CurrencyInfo* info = find_currency(c);
  return info ? info->symbol : "";
}

static std::string group_thousands(uint64_t v) {
  std::string s = std::to_string(v);
  std::string out;
  int n = static_cast<int>(s.size());
  for (int i = 0; i < n; ++i) {
    out += s[static_cast<size_t>(i)];
    int left = n - 1 - i;
    if (left > 0 && left % 3 == 0) out += ',';
  }
  return out;
}

static uint64_t abs_u(int64_t v) { return v < 0 ? static_cast<uint64_t>(-(v + 1)) + 1 : static_cast<uint64_t>(v); }

std::string format_money(Money m, Lang, const std::string& currency) {
  uint64_t a = abs_u(m);
  const int digits = digits_of(currency);
  const uint64_t scale = static_cast<uint64_t>(pow10(digits));
  std::string out = std::string(m < 0 ? "-" : "") + currency_symbol(currency) + group_thousands(a / scale);
  if (digits > 0) {
    std::string frac;
    frac = strf("%0*llu", digits, static_cast<unsigned long long>(a % scale));
    out += std::string(".") + frac;
  }
  return out;
}

// Scales |v| (in units) by the largest suffix that fits and keeps 3 significant digits,
// rounding half away from zero.
static std::string compact(double v, Lang lang) {
  double a = std::fabs(v);
  const char* sign = v < 0 ? "-" : "";
  struct Unit {
    double div;
    const char* suffix;
  };
  static const Unit zh[] = {{1e8, "亿"}, {1e4, "万"}};
  static const Unit en[] = {{1e9, "B"}, {1e6, "M"}, {1e3, "K"}};
  const Unit* units = lang == Lang::zh_CN ? zh : en;
  int count = lang == Lang::zh_CN ? 2 : 3;
  double threshold = lang == Lang::zh_CN ? 1e4 : 1e3;
  std::string buf;
  if (a < threshold) {
    buf = strf("%s%.0f", sign, std::round(a));
    return buf;
  }
  for (int i = 0; i < count; ++i) {
    if (a >= units[i].div) {
      double x = a / units[i].div;
      int dec = x >= 100 ? 0 : x >= 10 ? 1 : 2;
      double scale = std::pow(10.0, dec);
      x = std::round(x * scale) / scale;
      buf = strf("%s%.*f%s", sign, dec, x, units[i].suffix);
      return buf;
    }
  }
  buf = strf("%s%.0f", sign, a);
  return buf;
}

std::string format_money_compact(Money m, Lang lang, const std::string& currency) {
  double units = static_cast<double>(m) / static_cast<double>(pow10(digits_of(currency)));
  if (std::fabs(units) < (lang == Lang::zh_CN ? 1e4 : 1e3)) return format_money(m, lang, currency);
  std::string c = compact(units, lang);
  if (!c.empty() && c[0] == '-') return "-" + std::string(currency_symbol(currency)) + c.substr(1);
  return currency_symbol(currency) + c;
}

std::string format_int(int64_t v, Lang) { return (v < 0 ? "-" : "") + group_thousands(abs_u(v)); }

// Counts on cards: written in full below 10,000 in both languages (an English card showed 1.50K
// where the Chinese one showed 1,500; issue #10), above it with 3 significant digits and the
// language's unit (1.50万 / 15.0K).
std::string format_int_compact(int64_t v, Lang lang) {
  if (std::llabs(v) < 10000) return format_int(v, lang);
  return compact(static_cast<double>(v), lang);
}

std::string format_percent(double f, int decimals) {
  if (!std::isfinite(f)) return "—";
  std::string buf;
  buf = strf("%.*f%%", decimals, f * 100.0);
  return buf;
}

std::string format_points(double fraction_points) {
  if (!std::isfinite(fraction_points)) return "—";
  std::string b;
  b = strf(language() == Lang::zh_CN ? "%+.2f个百分点" : "%+.2f pp", fraction_points * 100.0);
  return b;
}

std::string format_change(double f, int decimals) {
  if (!std::isfinite(f)) return "—";
  std::string buf;
  buf = strf("%+.*f%%", decimals, f * 100.0);
  return buf;
}

std::string format_date(Day d, Lang lang) {
  if (lang != Lang::zh_CN) return format_day(d);
  Ymd c = civil_from_days(d);
  std::string buf;
  buf = strf("%d年%d月%d日", c.y, c.m, c.d);
  return buf;
}

std::string format_date_short(Day d, Lang lang) {
  Ymd c = civil_from_days(d);
  std::string buf;
  if (lang == Lang::zh_CN) {
    buf = strf("%d月%d日", c.m, c.d);
  } else {
    static const char* months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    buf = strf("%s %d", months[c.m - 1], c.d);
  }
  return buf;
}

std::string strf(const char* fmt, ...) {
  va_list a, b;
  va_start(a, fmt);
  va_copy(b, a);
  int n = std::vsnprintf(nullptr, 0, fmt, a);
  va_end(a);
  std::string out;
  if (n > 0) {
    out.resize(static_cast<size_t>(n));
    std::vsnprintf(out.data(), out.size() + 1, fmt, b);
  }
  va_end(b);
  return out;
}

}  // namespace shopkeeper::ui
