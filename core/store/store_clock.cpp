#include "core/store/store_clock.h"

#include <ctime>
#include <string>

#include "core/tz/zone.h"

namespace shopkeeper {

Timestamp store_now(Db& db) {
  std::string zone = tz::kDefaultZone;
  if (auto q = db.prepare("SELECT value FROM settings WHERE key='timezone'"); q && q->step() && !q->text(0).empty())
    zone = q->text(0);
  auto z = tz::Zone::find(zone);
  if (!z) z = tz::Zone::find(tz::kDefaultZone);
  const int64_t utc = static_cast<int64_t>(std::time(nullptr));  // UTC seconds: no localtime
  return z ? z->local(utc) : utc;
}

Status log_list_price(Db& db, std::string_view sku, Money old_price, Money new_price, Timestamp at,
                      std::string_view source) {
  auto h = db.prepare("INSERT INTO price_history(sku, at, old_price, new_price, source) VALUES(?,?,?,?,?)");
  if (!h) return h.error();
  h->bind(1, sku).bind(2, at).bind(3, old_price).bind(4, new_price).bind(5, source);
  return h->run();
}

}  // namespace shopkeeper
