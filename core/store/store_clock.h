// The store's clock, and what the core writes with it.
//
// store_now: the store's wall-clock time now, i.e. the machine's clock (UTC seconds) read in the
// store's time zone (settings.timezone; a zone the database does not know reads as the default
// zone's), never in the machine's own zone. Every time the app writes as store time comes from
// here (or from store_now(Store&) in store_money.h, the same clock).
//
// The list-price log (price_history): one row per change of a product's list price, written by
// the core where it changes products.list_price, at the store's time. It replaces the schema-7
// trigger products_list_price_log (dropped by migration 29), which stamped rows with SQLite's
// 'localtime' (the machine's zone; UTC or the browser's in the web build) and also logged an
// order import's INSERT OR IGNORE of a known product as a price change that never happened.
// Who logs, each exactly one row per change and none when the price stays:
//   - Writer::put(Product), an upsert (the demo, tests): source "write";
//   - the import of a products file (core/io/importer_commit.cpp): source "write";
//   - the Products section's inline edit (core/catalog apply_edit): source "edit";
//   - the price book's save and `pricing set-list-price` (core/pricing/pricebook.cpp): "edit".
#pragma once
#include <string_view>

#include "core/base/date.h"
#include "core/base/money.h"
#include "core/base/result.h"
#include "core/store/db.h"
#include "core/store/store.h"

namespace shopkeeper {

Timestamp store_now(Db& db);
// Inside a write transaction (the UI, which never holds a Db&, passes its Writer).
inline Timestamp store_now(Writer& w) { return store_now(w.db()); }

// Appends one price_history row: `sku` went from `old_price` to `new_price` at `at` (the store's
// local time, e.g. store_now).
Status log_list_price(Db& db, std::string_view sku, Money old_price, Money new_price, Timestamp at,
                      std::string_view source);

}  // namespace shopkeeper
