#include "core/base/currency.h"

#include <cctype>

namespace shopkeeper {

const std::vector<CurrencyInfo>& currencies() {
  static const std::vector<CurrencyInfo> all = {
      {"CNY", "¥", 2},   {"USD", "$", 2},   {"EUR", "€", 2},  {"GBP", "£", 2},   {"HKD", "HK$", 2},
      {"TWD", "NT$", 2}, {"JPY", "¥", 0},   {"KRW", "KRW ", 0},  {"SGD", "S$", 2},  {"AUD", "A$", 2},
      {"CAD", "C$", 2},  {"MYR", "RM", 2},  {"THB", "฿", 2},  {"VND", "₫", 0},   {"CHF", "CHF", 2},
      {"INR", "Rs ", 2},   {"KWD", "KD", 3},
  };
  return all;
}

namespace {
bool iequal(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (std::toupper(static_cast<unsigned char>(a[i])) != std::toupper(static_cast<unsigned char>(b[i]))) return false;
  return true;
}
bool contains(std::string_view hay, std::string_view needle) { return hay.find(needle) != std::string_view::npos; }
}  // namespace

const CurrencyInfo* find_currency(std::string_view code) {
  for (const auto& c : currencies())
    if (iequal(c.code, code)) return &c;
  return nullptr;
}

std::string currency_symbol_in(std::string_view cell) {
  // Codes written beside the number ("12.00 EUR", "USD 5").
  std::string letters;
  for (char ch : cell)
    if (std::isalpha(static_cast<unsigned char>(ch))) letters += static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  if (letters.size() == 3 && find_currency(letters)) return letters;
  // Prefixed dollars before the bare "$".
  if (contains(cell, "US$")) return "USD";
  if (contains(cell, "HK$")) return "HKD";
  if (contains(cell, "NT$")) return "TWD";
  if (contains(cell, "S$")) return "SGD";
  if (contains(cell, "A$")) return "AUD";
  if (contains(cell, "C$")) return "CAD";
  if (contains(cell, "$")) return "$";
  if (contains(cell, "£")) return "GBP";
  if (contains(cell, "€")) return "EUR";
  if (contains(cell, "\xE2\x82\xA9")  /* won sign */) return "KRW";
  if (contains(cell, "\xE2\x82\xB9")  /* rupee sign */) return "INR";
  if (contains(cell, "¥") || contains(cell, "￥") || contains(cell, "元")) return "¥";
  return "";
}

bool symbol_fits(std::string_view symbol, std::string_view currency) {
  if (symbol.empty()) return true;
  if (symbol == "$")
    return currency == "USD" || currency == "HKD" || currency == "TWD" || currency == "SGD" || currency == "AUD" ||
           currency == "CAD";
  if (symbol == "¥") return currency == "CNY" || currency == "JPY";
  return iequal(symbol, currency);
}

}  // namespace shopkeeper
