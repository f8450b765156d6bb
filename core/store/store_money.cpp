#include "core/store/store_money.h"

#include <cctype>
#include <cstdlib>

#include "core/base/currency.h"

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
  auto bad = [&] {
    return Status(make_error(ErrorCode::invalid_argument,
                             "time zone \"" + std::string(tz) +
                                 "\" is not an IANA name like Asia/Shanghai or an offset like +08:00"));
  };
  if (tz.empty()) return bad();
  std::string_view t = tz;
  if (t == "UTC" || t == "GMT") return Ok{};
  if (t.substr(0, 3) == "UTC" || t.substr(0, 3) == "GMT") t.remove_prefix(3);
  if (t[0] == '+' || t[0] == '-') {  // +8, +08, +08:00, +0530
    std::string digits;
    for (char ch : t.substr(1))
      if (ch != ':') {
        if (!std::isdigit(static_cast<unsigned char>(ch))) return bad();
        digits += ch;
      }
    if (digits.empty() || digits.size() > 4) return bad();
    int h = std::atoi(digits.substr(0, digits.size() <= 2 ? digits.size() : digits.size() - 2).c_str());
    if (h > 14) return bad();
    return Ok{};
  }
  // Area/Location[/Sub], letters, digits, _ - + in each part.
  size_t slash = tz.find('/');
  if (slash == std::string_view::npos || slash == 0 || tz.back() == '/') return bad();
  if (!std::isupper(static_cast<unsigned char>(tz[0]))) return bad();
  for (char ch : tz)
    if (!(std::isalnum(static_cast<unsigned char>(ch)) || ch == '/' || ch == '_' || ch == '-' || ch == '+')) return bad();
  return Ok{};
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
