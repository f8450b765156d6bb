#include "core/base/money.h"

#include <cstdlib>
#include <limits>

namespace shopkeeper {

int64_t div_round(int64_t num, int64_t den) {
  if (den < 0) {
    num = -num;
    den = -den;
  }
  int64_t q = num / den;
  int64_t r = num % den;
  // Compare 2|r| with den without overflow.
  int64_t ar = r < 0 ? -r : r;
  if (ar >= den - ar) q += (num < 0) ? -1 : 1;
  return q;
}

__extension__ typedef __int128 i128;  // exact intermediate for amount * bp

Money apply_bp(Money amount, int64_t bp) {
  i128 p = static_cast<i128>(amount) * bp;
  i128 q = p / 10000, r = p % 10000;
  i128 ar = r < 0 ? -r : r;
  if (ar * 2 >= 10000) q += (p < 0) ? -1 : 1;
  return static_cast<Money>(q);
}


Result<Money> parse_money(std::string_view text, int decimals, bool decimal_comma) {
  std::string_view s = text;
  auto trim = [](std::string_view v) {
    while (!v.empty() && (v.front() == ' ' || v.front() == '\t')) v.remove_prefix(1);
    while (!v.empty() && (v.back() == ' ' || v.back() == '\t')) v.remove_suffix(1);
    return v;
  };
  s = trim(s);
  bool neg = false;
  if (!s.empty() && (s.front() == '-' || s.front() == '+')) {
    neg = s.front() == '-';
    s.remove_prefix(1);
  }
  // Currency symbols and codes the exports use (none starts or ends with a digit: a plain number
  // skips both searches).
  const bool digit_first = !s.empty() && s.front() >= '0' && s.front() <= '9';
  const bool digit_last = !s.empty() && s.back() >= '0' && s.back() <= '9';
  for (std::string_view sym : {"¥", "￥", "$", "€", "£", "RMB", "CNY", "USD", "EUR", "GBP", "US$", "HK$", "NT$", "S$", "A$",
                                "C$", "JP¥", "CN¥", "\xE2\x82\xA9" /* the won sign */, "JPY", "HKD", "TWD", "KRW"}) {
    if (digit_first) break;
    if (s.starts_with(sym)) {
      s.remove_prefix(sym.size());
      break;
    }
  }
  for (std::string_view sym : {"元", "CNY", "USD", "EUR", "RMB", "GBP", "JPY", "HKD", "TWD", "KRW"}) {
    if (digit_last) break;
    if (s.size() >= sym.size() && s.substr(s.size() - sym.size()) == sym) {
      s.remove_suffix(sym.size());
      break;
    }
  }
  s = trim(s);
  if (!s.empty() && s.front() == '-' && !neg) {
    neg = true;
    s.remove_prefix(1);
  }
  if (s.empty()) return make_error(ErrorCode::parse_error, "empty amount");
  const char dec = decimal_comma ? ',' : '.';
  const char grp = decimal_comma ? '.' : ',';
  int64_t whole = 0;
  int64_t frac = 0;
  int frac_digits = 0;
  bool seen_dec = false, seen_digit = false;
  constexpr int64_t kMax = std::numeric_limits<int64_t>::max() / 100;
  for (char c : s) {
    if (c >= '0' && c <= '9') {
      seen_digit = true;
      if (!seen_dec) {
        if (whole > kMax / 10) return make_error(ErrorCode::parse_error, "amount too large");
        whole = whole * 10 + (c - '0');
      } else if (frac_digits < decimals) {
        frac = frac * 10 + (c - '0');
        ++frac_digits;
      } else if (c != '0') {
        return make_error(ErrorCode::parse_error,
                          "more than " + std::to_string(decimals) + " decimal places in \"" + std::string(text) + "\"");
      }
    } else if (c == dec && !seen_dec) {
      seen_dec = true;
    } else if ((c == grp || c == ' ' || c == '\'') && !seen_dec) {
      continue;
    } else {
      return make_error(ErrorCode::parse_error, "not an amount: \"" + std::string(text) + "\"");
    }
  }
  if (!seen_digit) return make_error(ErrorCode::parse_error, "not an amount: \"" + std::string(text) + "\"");
  while (frac_digits < decimals) {
    frac *= 10;
    ++frac_digits;
  }
  int64_t scale = 1;
  for (int i = 0; i < decimals; ++i) scale *= 10;
  int64_t v = whole * scale + frac;
  return neg ? -v : v;
}

std::string money_to_decimal(Money m, int decimals) {
  int64_t scale = 1;
  for (int i = 0; i < decimals; ++i) scale *= 10;
  bool neg = m < 0;
  uint64_t a = neg ? static_cast<uint64_t>(-(m + 1)) + 1 : static_cast<uint64_t>(m);
  std::string out = std::to_string(a / static_cast<uint64_t>(scale));
  if (decimals > 0) {
    std::string f = std::to_string(a % static_cast<uint64_t>(scale));
    out += '.';
    out += std::string(static_cast<size_t>(decimals) - f.size(), '0') + f;
  }
  return neg ? "-" + out : out;
}

}  // namespace shopkeeper
