// The store's currency, money scale and time zone (settings currency, money_digits, timezone):
// chosen when the store is started (demo, first import, CLI --currency/--timezone) and read by
// every figure, export and report. Money in the store is an integer count of 10^-digits of the
// currency: digits is the currency's minor unit (JPY 0, CNY 2) unless an import asked for more
// (--decimals 3 keeps mills), and the whole store has one scale.
#pragma once
#include <string>
#include <string_view>

#include "core/base/result.h"
#include "core/store/store.h"

namespace shopkeeper {

struct StoreMoney {
  std::string currency = "CNY";
  int digits = 2;
  std::string timezone = "Asia/Shanghai";
  bool chosen = false;  // the store has a currency setting (else these are the defaults)
};

StoreMoney read_store_money(Store& store);
// Validates (known currency, digits 0..4 and not fewer than the currency's, time zone as below)
// and writes the three settings.
Status write_store_money(Writer& w, const StoreMoney& m);

// A time zone as an IANA name ("Asia/Shanghai", "America/New_York", "UTC") or a fixed offset
// ("+08:00", "UTC-5"). Only its shape is checked: the store keeps times as the shop's local
// time, and the zone names that time.
Status check_timezone(std::string_view tz);

// What an import may do to a store's money, given the file's currency and scale:
//   store empty (no products, no orders): the import sets them (first import chooses);
//   otherwise they must equal the store's: a different currency or scale is refused in words,
//   never added (a mixed-currency store would add yen to yuan).
// `currency` empty = the file does not say (keep the store's).
struct MoneyCheck {
  bool set_store = false;  // the caller writes `money` to the store with the import
  StoreMoney money;
};
Result<MoneyCheck> check_import_money(Store& store, std::string_view currency, int digits);

}  // namespace shopkeeper
