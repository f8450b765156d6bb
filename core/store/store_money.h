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
#include "core/tz/zone.h"

namespace shopkeeper {

struct StoreMoney {
  std::string currency = "CNY";
  int digits = 2;
  std::string timezone = tz::kDefaultZone;
  bool chosen = false;  // the store has a currency setting (else these are the defaults)
};

StoreMoney read_store_money(Store& store);
// Validates (known currency, digits 0..4 and not fewer than the currency's, time zone as below)
// and writes the three settings. The time zone of a store that holds orders is not changed:
// that write is refused (ErrorCode::conflict, naming both zones), because the stored times are
// wall-clock times of the old zone and would silently mean other instants (docs/timezone.md).
Status write_store_money(Writer& w, const StoreMoney& m);

// A time zone the time-zone database knows (core/tz/zone.h: an embedded IANA name such as
// "Asia/Shanghai" or "America/New_York", "UTC", or a fixed offset "+08:00", "UTC-5").
Status check_timezone(std::string_view tz);
// The rule above on its own: Ok when `to` is the store's zone or the store holds no orders.
Status check_timezone_change(Db& db, std::string_view to);

// The store's wall-clock time and day now: the machine's clock read in the store's zone (a
// zone the database does not know reads as the default zone's). Not the machine's own zone.
Timestamp store_now(Store& store);
inline Day store_today(Store& store) { return day_of(store_now(store)); }

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
