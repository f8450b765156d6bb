#include "core/store/store_money.h"



#include "core/base/currency.h"
#include "core/store/store_clock.h"

namespace shopkeeper {

StoreMoney read_store_money(Store& store) {
  StoreMoney m;
  std::string c = store.setting("currency");
  m.chosen = !c.empty();
  if (!c.empty()) m.currency = c;
  const CurrencyInfo* info = find_currency(m.currency);
  m.digits = info ? info->digits : 2;
  std::string d = store.setting("money_digits");
  if (d.size() == 1 && d[0] >= '0' && d[0] <= '9') m.digits = d[0] - '0';
  std::string tz = store.setting("timezone");
  if (!tz.empty()) m.timezone = tz;
  return m;
}

Status check_timezone(std::string_view tz) {
  auto z = tz::Zone::find(tz);
  if (!z) return make_error(ErrorCode::invalid_argument, z.error().message);
  return Ok{};
}

Timestamp store_now(Store& store) { return store_now(store.db()); }  // core/store/store_clock.h

Status check_timezone_change(Db& db, std::string_view to) {
  // A store that holds orders keeps its zone: its times are wall-clock times of that zone, and
  // a new zone would not move them (docs/timezone.md).
  std::string was = tz::kDefaultZone;
  if (auto q = db.prepare("SELECT value FROM settings WHERE key='timezone'"); q && q->step() && !q->text(0).empty())
    was = q->text(0);
  if (to == was) return Ok{};
  auto orders = db.scalar("SELECT EXISTS(SELECT 1 FROM orders)");
  if (!orders) return orders.error();
  if (*orders == 0) return Ok{};
  return make_error(ErrorCode::conflict, "this store holds orders timed in " + was + "; changing its time zone to " +
                                             std::string(to) + " would not move them. Start a new store for " +
                                             std::string(to) + " (import the files again there)");
}

Status write_store_money(Writer& w, const StoreMoney& m) {
  const CurrencyInfo* info = find_currency(m.currency);
  if (!info) {
    std::string known;
    for (const auto& c : currencies()) known += (known.empty() ? "" : ", ") + std::string(c.code);
    return make_error(ErrorCode::invalid_argument, "unknown currency \"" + m.currency + "\" (use " + known + ")");
  }
  if (m.digits < info->digits || m.digits > 4)
    return make_error(ErrorCode::invalid_argument, std::string(info->code) + " money needs " +
                                                       std::to_string(info->digits) + " to 4 decimals, not " +
                                                       std::to_string(m.digits));
  if (Status st = check_timezone(m.timezone); !st) return st;
  if (Status st = check_timezone_change(w.db(), m.timezone); !st) return st;
  if (Status st = w.set_setting("currency", info->code); !st) return st;
  if (Status st = w.set_setting("money_digits", std::to_string(m.digits)); !st) return st;
  return w.set_setting("timezone", m.timezone);
}

Result<MoneyCheck> check_import_money(Store& store, std::string_view currency, int digits) {
  MoneyCheck out;
  out.money = read_store_money(store);
  auto counts = store.counts();
  if (!counts) return counts.error();
  const bool empty = counts->orders == 0 && counts->products == 0;
  std::string code = currency.empty() ? out.money.currency : std::string(currency);
  const CurrencyInfo* info = find_currency(code);
  if (!info) return make_error(ErrorCode::invalid_argument, "unknown currency \"" + code + "\"");
  code = info->code;
  if (empty) {
    out.set_store = code != out.money.currency || digits != out.money.digits || !out.money.chosen;
    out.money.currency = code;
    out.money.digits = digits;
    if (digits < info->digits || digits > 4)
      return make_error(ErrorCode::invalid_argument, code + " money needs " + std::to_string(info->digits) +
                                                         " to 4 decimals, not " + std::to_string(digits));
    return out;
  }
  if (code != out.money.currency)
    return make_error(ErrorCode::conflict, "this store keeps its money in " + out.money.currency + "; the file is in " +
                                               code + ". A store has one currency: import it into a new store");
  if (digits != out.money.digits)
    return make_error(ErrorCode::conflict,
                      "this store keeps money with " + std::to_string(out.money.digits) + " decimals; --decimals " +
                          std::to_string(digits) + " would mix scales (amounts " +
                          (digits > out.money.digits ? "10x too large" : "10x too small") + " or more)");
  return out;
}

}  // namespace shopkeeper
