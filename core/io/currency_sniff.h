// The currency an import file's money is written in, as far as the file itself says (issue #9
// item 7): a currency column (Shopify's "Currency") or the symbols and codes written beside the
// amounts of its money columns (£12.00, €9,50, HK$88, NT$300, US$5, 12.00 GBP). Read
// from the import plan's preview rows, before anything is written, so the plan can warn and
// the store's currency be set (empty store) or the file refused (a store keeps one currency).
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/io/importer.h"

namespace shopkeeper {

struct FileCurrency {
  // ISO codes the file may be in: one when the file is plain about it (£ = GBP, HK$ = HKD, a
  // "GBP" currency column); several for a bare $ (USD, HKD, TWD, SGD, AUD, CAD) or a bare ¥
  // (CNY, JPY); empty when it says nothing.
  std::vector<std::string> codes;
  std::string seen;     // the symbol, code or column value as written ("£", "Currency: GBP")
  int64_t line = 0;     // the file line it was first seen on
  std::string second;   // a second, different currency seen in the same file ("" = none)
  int64_t second_line = 0;
  bool says() const { return !codes.empty(); }
};

FileCurrency sniff_file_currency(const ImportPlan& plan);

// The ISO codes a money cell's symbol or code names ({} when none): "£1.00" -> {GBP},
// "$5" -> {USD, HKD, TWD, SGD, AUD, CAD}, "12.00 EUR" -> {EUR}, "¥9" -> {CNY, JPY}.
std::vector<std::string> currencies_in_amount(std::string_view cell, std::string* token = nullptr);

// What an import of this file may do to a store kept in `store_currency`:
//   agrees   the file says nothing, or may be in the store's currency;
//   differs  the file's money is in another currency (the plan warns; an empty store can be
//            set to `suggested`, a store with data refuses the file);
//   mixed    the file holds two currencies (refused: one import, one currency).
enum class CurrencyFit { agrees, differs, mixed };
struct CurrencyVerdict {
  CurrencyFit fit = CurrencyFit::agrees;
  std::string suggested;  // the file's currency when it is plain about it, else ""
};
CurrencyVerdict judge_file_currency(const FileCurrency& f, std::string_view store_currency);

}  // namespace shopkeeper
