// Locale formatting of numbers, money, rates and dates for the UI.
// Money in minor units with the store's minor-unit digits (set_store_money: JPY 0, CNY 2, a
// store imported with --decimals 3 keeps mills). Compact forms: en uses K/M/B (thousand, million,
// billion); zh-CN uses 万 (10^4) and 亿 (10^8), as Chinese sellers read figures.
// Rounding of displayed figures: half away from zero at the shown precision.
#pragma once
#include <cstdint>
#include <string>

#include "core/base/date.h"
#include "core/base/money.h"
#include "ui/i18n/strings.h"

namespace shopkeeper::ui {

const char* currency_symbol(const std::string& currency_code);  // CNY -> ¥, USD -> $ ...
// The store's currency and money scale (settings currency / money_digits), used by every money
// figure whose currency is not given. Default CNY with 2 digits.
void set_store_money(const std::string& currency, int digits);
const std::string& store_currency();
int store_money_digits();
// "¥1,299.00" (full) ; "-¥12.50"; "¥1,299" for JPY. Empty currency = the store's.
std::string format_money(Money m, Lang lang, const std::string& currency = "");
// "¥1.23万" / "¥12.3K": at most 3 significant digits above 10,000 (zh) or 1,000 (en).
std::string format_money_compact(Money m, Lang lang, const std::string& currency = "");
// "12,345" ; compact "1.23万" / "12.3K" (in full below 10,000 in both languages)
std::string format_int(int64_t v, Lang lang);
std::string format_int_compact(int64_t v, Lang lang);
// A fraction as a percentage: 0.1234 -> "12.3%" (decimals = 1).
std::string format_percent(double fraction, int decimals = 1);
// A change as a signed percentage: "+8.0%", "-3.1%", "—" when undefined.
std::string format_change(double fraction, int decimals = 1);
// A change of a rate in percentage points: 0.0219 -> "+2.19 pp" (en), "+2.19个百分点" (zh); "—" when undefined.
std::string format_points(double fraction_points);
// en "2025-11-11", zh "2025年11月11日"; short forms for chart axes: "Nov 11" / "11月11日".
std::string format_date(Day d, Lang lang);
std::string format_date_short(Day d, Lang lang);
// printf into a std::string of whatever length it takes (words with names, SKUs and lists of
// them are never cut at a buffer size).
#if defined(__GNUC__)
__attribute__((format(printf, 1, 2)))
#endif
std::string strf(const char* fmt, ...);

}  // namespace shopkeeper::ui
