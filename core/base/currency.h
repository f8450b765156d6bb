// Store currencies: ISO 4217 code, the symbol sellers write, and the minor-unit digits money is
// kept in (JPY and KRW 0, most others 2). The store's money scale (settings "money_digits") is
// normally the currency's digits; an import with --decimals 3 stores mills and sets it to 3.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace shopkeeper {

struct CurrencyInfo {
  const char* code;    // "CNY"
  const char* symbol;  // "¥"
  int digits;          // minor-unit digits
};

// The currencies the store can be kept in, in the order the UI lists them.
const std::vector<CurrencyInfo>& currencies();
// Case-insensitive lookup by code; nullptr when unknown.
const CurrencyInfo* find_currency(std::string_view code);

// The currency a money cell names by its symbol or code ("£12.00" -> GBP, "12.00 EUR" -> EUR,
// "US$5" -> USD, "HK$5" -> HKD, "NT$5" -> TWD, "￥" and "¥" -> "¥" (CNY or JPY: the caller
// decides), "€" -> EUR, the won sign -> KRW). Empty when the cell names none. A bare "$" is "$" (USD, or
// another dollar): callers treat it as a match for any dollar currency.
std::string currency_symbol_in(std::string_view cell);
// Whether a symbol found by currency_symbol_in fits `currency` (a bare "$" fits every dollar,
// "¥" fits CNY and JPY).
bool symbol_fits(std::string_view symbol, std::string_view currency);

}  // namespace shopkeeper
