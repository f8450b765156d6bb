#include "core/store/schema.h"

namespace shopkeeper {

namespace {

const char* kV1Main = R"SQL(
CREATE TABLE suppliers(
  id INTEGER PRIMARY KEY, name TEXT NOT NULL, lead_time_days INTEGER NOT NULL DEFAULT 0,
  score_quality INTEGER NOT NULL DEFAULT 0, score_price INTEGER NOT NULL DEFAULT 0,
  score_delivery INTEGER NOT NULL DEFAULT 0, score_service INTEGER NOT NULL DEFAULT 0);
CREATE TABLE products(
  sku TEXT PRIMARY KEY, title TEXT NOT NULL DEFAULT '', category TEXT NOT NULL DEFAULT '',
  brand TEXT NOT NULL DEFAULT '', tags TEXT NOT NULL DEFAULT '', unit_cost INTEGER,
  list_price INTEGER NOT NULL DEFAULT 0, stock INTEGER NOT NULL DEFAULT 0,
  supplier_id INTEGER NOT NULL DEFAULT 0, launched_on INTEGER, status TEXT NOT NULL DEFAULT 'active',
  role TEXT NOT NULL DEFAULT '', weight_g INTEGER NOT NULL DEFAULT 0);
CREATE TABLE customers(
  id TEXT PRIMARY KEY, name TEXT NOT NULL DEFAULT '', joined_on INTEGER, channel TEXT NOT NULL DEFAULT '',
  region TEXT NOT NULL DEFAULT '', tier TEXT NOT NULL DEFAULT '', points_balance INTEGER NOT NULL DEFAULT 0,
  birthday INTEGER, tags TEXT NOT NULL DEFAULT '');
CREATE TABLE promotions(
  id TEXT PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL, layer TEXT NOT NULL DEFAULT '',
  starts_at INTEGER, ends_at INTEGER, priority INTEGER NOT NULL DEFAULT 0,
  exclusive INTEGER NOT NULL DEFAULT 0, stackable INTEGER NOT NULL DEFAULT 0,
  status TEXT NOT NULL DEFAULT 'draft', spec_json TEXT NOT NULL DEFAULT '{}');
CREATE TABLE coupons(
  code TEXT PRIMARY KEY, promotion_id TEXT NOT NULL, total_limit INTEGER, per_customer_limit INTEGER,
  issued INTEGER NOT NULL DEFAULT 0, redeemed INTEGER NOT NULL DEFAULT 0);
CREATE TABLE campaigns(
  id TEXT PRIMARY KEY, name TEXT NOT NULL, starts_on INTEGER NOT NULL, ends_on INTEGER NOT NULL,
  budget INTEGER NOT NULL DEFAULT 0, target_sales INTEGER NOT NULL DEFAULT 0,
  assumed_uplift_bp INTEGER NOT NULL DEFAULT 0, notes TEXT NOT NULL DEFAULT '');
CREATE TABLE points_ledger(
  id INTEGER PRIMARY KEY, customer_id TEXT NOT NULL, at INTEGER NOT NULL, delta INTEGER NOT NULL,
  reason TEXT NOT NULL DEFAULT '', order_id TEXT NOT NULL DEFAULT '');
CREATE INDEX points_ledger_customer ON points_ledger(customer_id, at);
CREATE TABLE competitor_prices(
  sku TEXT NOT NULL, competitor TEXT NOT NULL, day INTEGER NOT NULL, price INTEGER NOT NULL,
  url TEXT NOT NULL DEFAULT '', PRIMARY KEY(sku, competitor, day));
CREATE TABLE checklist_items(
  day INTEGER NOT NULL, item TEXT NOT NULL, done INTEGER NOT NULL DEFAULT 0, note TEXT NOT NULL DEFAULT '',
  PRIMARY KEY(day, item));
CREATE TABLE settings(key TEXT PRIMARY KEY, value TEXT NOT NULL);
)SQL";

const char* kV1Facts = R"SQL(
CREATE TABLE facts.orders(
  id TEXT PRIMARY KEY, customer_id TEXT, placed_at INTEGER NOT NULL, paid_at INTEGER,
  status INTEGER NOT NULL, channel TEXT NOT NULL DEFAULT '', traffic_source TEXT NOT NULL DEFAULT '',
  items_amount INTEGER NOT NULL DEFAULT 0, discount_amount INTEGER NOT NULL DEFAULT 0,
  shipping_amount INTEGER NOT NULL DEFAULT 0, paid_amount INTEGER NOT NULL DEFAULT 0,
  coupon_code TEXT NOT NULL DEFAULT '', campaign_id TEXT NOT NULL DEFAULT '');
CREATE INDEX facts.orders_placed ON orders(placed_at);
CREATE INDEX facts.orders_customer ON orders(customer_id);
CREATE TABLE facts.order_lines(
  order_id TEXT NOT NULL, line_no INTEGER NOT NULL, sku TEXT NOT NULL, title TEXT NOT NULL DEFAULT '',
  qty INTEGER NOT NULL, unit_price INTEGER NOT NULL, discount_amount INTEGER NOT NULL DEFAULT 0,
  unit_cost INTEGER, PRIMARY KEY(order_id, line_no));
CREATE INDEX facts.order_lines_sku ON order_lines(sku);
CREATE TABLE facts.refunds(
  id INTEGER PRIMARY KEY, order_id TEXT NOT NULL, sku TEXT NOT NULL DEFAULT '', qty INTEGER NOT NULL DEFAULT 0,
  amount INTEGER NOT NULL, reason TEXT NOT NULL DEFAULT '', refunded_at INTEGER NOT NULL);
CREATE INDEX facts.refunds_order ON refunds(order_id);
CREATE TABLE facts.traffic_daily(
  day INTEGER NOT NULL, source TEXT NOT NULL, visitors INTEGER NOT NULL DEFAULT 0,
  page_views INTEGER NOT NULL DEFAULT 0, sessions INTEGER NOT NULL DEFAULT 0,
  product_views INTEGER NOT NULL DEFAULT 0, add_to_carts INTEGER NOT NULL DEFAULT 0,
  avg_seconds REAL NOT NULL DEFAULT 0, PRIMARY KEY(day, source));
CREATE TABLE facts.ad_spend(
  day INTEGER NOT NULL, channel TEXT NOT NULL, spend INTEGER NOT NULL DEFAULT 0,
  impressions INTEGER NOT NULL DEFAULT 0, clicks INTEGER NOT NULL DEFAULT 0, PRIMARY KEY(day, channel));
CREATE TABLE facts.import_log(
  id INTEGER PRIMARY KEY, at INTEGER NOT NULL, file TEXT NOT NULL, format TEXT NOT NULL,
  rows_read INTEGER NOT NULL, rows_imported INTEGER NOT NULL, rows_rejected INTEGER NOT NULL,
  report TEXT NOT NULL DEFAULT '');
)SQL";

// v2: order_lines_sku is dropped. No query reads order_lines by SKU (the Dataset loads the whole
// table; the import's returns match deliberately goes through the customer's orders), yet keeping
// it cost a quarter of a million-line import's commit, and rebuilding it after a bulk insert is
// one CREATE INDEX statement that cannot be split across frames (a multi-second UI stall on the web).
const char* kV2Main = "";
const char* kV2Facts = "DROP INDEX IF EXISTS facts.order_lines_sku;";

// v7 (pricing, issue #13): the competitor price log gets the observation's detail (their product
// text, shipping, stock, promotion); channel fee schedules the seller sets (docs/pricing.md);
// the price book (member, channel, quantity-ladder and floor prices per SKU); and a list-price
// history. A product row written with a different positive list price than the stored one
// (an import's upsert, or an INSERT OR REPLACE by an edit) logs the change through the trigger;
// the first price of a new SKU is not a change and is not logged. An import that does not map
// list_price writes 0 there, which is not a price, so it is not logged either.
// Written so that it can run again over its own result (a store whose user_version was set
// back, as tests do): the competitor table is rebuilt from its v1 columns (not renamed: backups
// read "CREATE TABLE name(" from sqlite_master, which a rename would quote), the rest is IF NOT EXISTS.
const char* kV7Main = R"SQL(
CREATE TEMP TABLE competitor_prices_v1 AS SELECT sku, competitor, day, price, url FROM competitor_prices;
DROP TABLE competitor_prices;
CREATE TABLE competitor_prices(
  sku TEXT NOT NULL, competitor TEXT NOT NULL, day INTEGER NOT NULL, price INTEGER NOT NULL,
  url TEXT NOT NULL DEFAULT '', product TEXT NOT NULL DEFAULT '', shipping INTEGER NOT NULL DEFAULT 0,
  in_stock INTEGER NOT NULL DEFAULT 1, promotion TEXT NOT NULL DEFAULT '', PRIMARY KEY(sku, competitor, day));
INSERT INTO competitor_prices(sku, competitor, day, price, url) SELECT sku, competitor, day, price, url FROM competitor_prices_v1;
DROP TABLE temp.competitor_prices_v1;
CREATE TABLE IF NOT EXISTS fee_schedules(
  channel TEXT PRIMARY KEY, commission_bp INTEGER NOT NULL DEFAULT 0, payment_bp INTEGER NOT NULL DEFAULT 0,
  payment_fixed INTEGER NOT NULL DEFAULT 0, shipping_per_order INTEGER NOT NULL DEFAULT 0,
  shipping_per_extra_kg INTEGER NOT NULL DEFAULT 0, packaging_per_unit INTEGER NOT NULL DEFAULT 0,
  return_shipping_per_unit INTEGER NOT NULL DEFAULT 0, unresellable_bp INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS price_book(
  sku TEXT NOT NULL, kind TEXT NOT NULL, key TEXT NOT NULL DEFAULT '', min_qty INTEGER NOT NULL DEFAULT 1,
  price INTEGER NOT NULL, PRIMARY KEY(sku, kind, key, min_qty));
CREATE TABLE IF NOT EXISTS price_history(
  id INTEGER PRIMARY KEY, sku TEXT NOT NULL, at INTEGER NOT NULL, old_price INTEGER, new_price INTEGER NOT NULL,
  source TEXT NOT NULL DEFAULT '');
CREATE INDEX IF NOT EXISTS price_history_sku ON price_history(sku, at);
CREATE TRIGGER IF NOT EXISTS products_list_price_log BEFORE INSERT ON products
  WHEN NEW.list_price > 0 AND EXISTS (SELECT 1 FROM products p WHERE p.sku = NEW.sku AND p.list_price <> NEW.list_price)
BEGIN
  INSERT INTO price_history(sku, at, old_price, new_price, source)
    SELECT NEW.sku, CAST(strftime('%s', 'now', 'localtime') AS INTEGER), p.list_price, NEW.list_price, 'write'
    FROM products p WHERE p.sku = NEW.sku;
END;
)SQL";
const char* kV7Facts = "";
// v4 (issue #10, reserved for trust): order_lines.kind (core/model LineKind: 0 merchandise,
// 1 shipping, 2 fee, 3 adjustment), set at import, so postage and fees are not products; and
// orders.region, the region the export gives on the order, so guests keep theirs.
const char* kV4Main = "";
const char* kV4Facts =
    "ALTER TABLE facts.order_lines ADD COLUMN kind INTEGER NOT NULL DEFAULT 0;"
    "ALTER TABLE facts.orders ADD COLUMN region TEXT NOT NULL DEFAULT '';";
// v9 (promotions, second round): a product's floor price (红线价, minor units per unit): no
// promotion stack takes a line below it. NULL = no floor. The pricing price book feeds it later.
const char* kV9Main = "ALTER TABLE products ADD COLUMN floor_price INTEGER;";
const char* kV9Facts = "";
// v18 (promotions, second round): the usage ledger (core/promotions/usage.h): what each order
// took from each promotion, so use limits, unit caps, flash stock and budgets see it.
const char* kV18Main = R"SQL(
CREATE TABLE IF NOT EXISTS promotion_usage(
  order_id TEXT NOT NULL, promotion_id TEXT NOT NULL, customer_id TEXT NOT NULL DEFAULT '', at INTEGER NOT NULL,
  uses INTEGER NOT NULL DEFAULT 1, units INTEGER NOT NULL DEFAULT 0, amount INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY(order_id, promotion_id));
CREATE INDEX IF NOT EXISTS promotion_usage_customer ON promotion_usage(customer_id, promotion_id);
)SQL";
// v14 (pricing, issue #13): regional shipping templates (运费模板, core/pricing/shipping.h): the
// courier's first-kg and per-further-kg charge by region (normalised) and channel ("" = every
// channel), feeding unit economics' shipping per order. IF NOT EXISTS: re-runnable.
const char* kV14Main =
    "CREATE TABLE IF NOT EXISTS shipping_templates(channel TEXT NOT NULL DEFAULT '', region TEXT NOT NULL, "
    "first_kg INTEGER NOT NULL DEFAULT 0, per_extra_kg INTEGER NOT NULL DEFAULT 0, PRIMARY KEY(channel, region));";
// v6 (planning, issue #12): purchase orders (one row per PO line: id + SKU), stock snapshots by
// day, order terms per SKU (MOQ, case pack) and yearly sales targets per month and scope.
// IF NOT EXISTS: a store whose user_version was lowered by hand (tests) migrates again cleanly.
const char* kV6Main = R"SQL(
CREATE TABLE IF NOT EXISTS purchase_orders(
  id TEXT NOT NULL, supplier_id INTEGER NOT NULL, sku TEXT NOT NULL, qty INTEGER NOT NULL,
  unit_cost INTEGER NOT NULL DEFAULT 0, ordered_on INTEGER NOT NULL, expected_on INTEGER, received_on INTEGER,
  qty_received INTEGER NOT NULL DEFAULT 0, qty_rejected INTEGER NOT NULL DEFAULT 0, PRIMARY KEY(id, sku));
CREATE TABLE IF NOT EXISTS stock_snapshots(day INTEGER NOT NULL, sku TEXT NOT NULL, on_hand INTEGER NOT NULL, PRIMARY KEY(day, sku));
CREATE TABLE IF NOT EXISTS supply_terms(sku TEXT PRIMARY KEY, moq INTEGER NOT NULL DEFAULT 0, case_pack INTEGER NOT NULL DEFAULT 1);
CREATE TABLE IF NOT EXISTS sales_targets(year INTEGER NOT NULL, month INTEGER NOT NULL, scope TEXT NOT NULL DEFAULT '',
  amount INTEGER NOT NULL, PRIMARY KEY(year, month, scope));
)SQL";
// v5 (members, issue #11): the seller's own points entries (redeem / adjust; earn, reverse and
// expire are derived from the orders, see core/members/programme.h), manual customer tags and
// saved segments. IF NOT EXISTS: a store stepped back to an older user_version migrates again.
const char* kV5Main = R"SQL(
CREATE TABLE IF NOT EXISTS member_point_entries(
  id INTEGER PRIMARY KEY, customer_id TEXT NOT NULL, at INTEGER NOT NULL, kind TEXT NOT NULL,
  delta INTEGER NOT NULL, reason TEXT NOT NULL DEFAULT '', order_id TEXT NOT NULL DEFAULT '');
CREATE TABLE IF NOT EXISTS member_tags(
  customer_id TEXT NOT NULL, tag TEXT NOT NULL, PRIMARY KEY(customer_id, tag));
CREATE TABLE IF NOT EXISTS member_segments(
  id TEXT PRIMARY KEY, name TEXT NOT NULL, filter_json TEXT NOT NULL DEFAULT '{}');
)SQL";
const char* kV5Facts = "";

// v25 (shops, issue #16): several shops in one store and the platforms' traffic reports.
// shops: the shops named at import (ids from 1); shop 0 is the store's own (unnamed, no row:
// a restore copies the table into a fresh store), which every row written before v25 belongs to;
// orders and traffic rows carry their shop; shop_codes maps a shop's product code to the
// store's SKU and shop_code_lines keeps the code of each line a mapping rewrote
// (core/shops/shops.h). product_traffic and keyword_traffic hold the 生意参谋 product
// and keyword reports (core/io/presets.cpp); traffic_daily gains its shop in the key and the
// report's paying buyers (as its last columns, so exports of a one-shop store keep their
// shape). Re-runnable: the columns are added only when missing (AddColumn), the traffic table
// is rebuilt from its own columns, the rest is IF NOT EXISTS.
const char* kV25Main = R"SQL(
CREATE TABLE IF NOT EXISTS shops(id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, platform TEXT NOT NULL DEFAULT '');
CREATE TABLE IF NOT EXISTS shop_codes(shop_id INTEGER NOT NULL, code TEXT NOT NULL, sku TEXT NOT NULL,
  PRIMARY KEY(shop_id, code));
)SQL";
const char* kV25Facts = R"SQL(
CREATE TABLE IF NOT EXISTS facts.product_traffic(
  day INTEGER NOT NULL, shop_id INTEGER NOT NULL DEFAULT 0, sku TEXT NOT NULL, title TEXT NOT NULL DEFAULT '',
  visitors INTEGER NOT NULL DEFAULT 0, page_views INTEGER NOT NULL DEFAULT 0,
  add_to_cart_buyers INTEGER NOT NULL DEFAULT 0, add_to_cart_units INTEGER NOT NULL DEFAULT 0,
  buyers INTEGER NOT NULL DEFAULT 0, units INTEGER NOT NULL DEFAULT 0, paid_amount INTEGER NOT NULL DEFAULT 0,
  conversion REAL NOT NULL DEFAULT 0, PRIMARY KEY(day, shop_id, sku));
CREATE TABLE IF NOT EXISTS facts.keyword_traffic(
  day INTEGER NOT NULL, shop_id INTEGER NOT NULL DEFAULT 0, keyword TEXT NOT NULL,
  visitors INTEGER NOT NULL DEFAULT 0, page_views INTEGER NOT NULL DEFAULT 0, buyers INTEGER NOT NULL DEFAULT 0,
  conversion REAL NOT NULL DEFAULT 0, PRIMARY KEY(day, shop_id, keyword));
CREATE TABLE IF NOT EXISTS facts.shop_code_lines(order_id TEXT NOT NULL, line_no INTEGER NOT NULL, code TEXT NOT NULL,
  PRIMARY KEY(order_id, line_no));
CREATE TEMP TABLE traffic_v24 AS SELECT day, shop_id, source, visitors, page_views, sessions, product_views,
  add_to_carts, avg_seconds, buyers FROM facts.traffic_daily;
DROP TABLE facts.traffic_daily;
CREATE TABLE facts.traffic_daily(
  day INTEGER NOT NULL, source TEXT NOT NULL, visitors INTEGER NOT NULL DEFAULT 0,
  page_views INTEGER NOT NULL DEFAULT 0, sessions INTEGER NOT NULL DEFAULT 0,
  product_views INTEGER NOT NULL DEFAULT 0, add_to_carts INTEGER NOT NULL DEFAULT 0,
  avg_seconds REAL NOT NULL DEFAULT 0, shop_id INTEGER NOT NULL DEFAULT 0, buyers INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY(day, shop_id, source));
INSERT INTO facts.traffic_daily(day, source, visitors, page_views, sessions, product_views, add_to_carts,
  avg_seconds, shop_id, buyers) SELECT day, source, visitors, page_views, sessions, product_views, add_to_carts,
  avg_seconds, shop_id, buyers FROM temp.traffic_v24;
DROP TABLE temp.traffic_v24;
)SQL";

// v26 (conv, issue #16 Speed): order_lines becomes a WITHOUT ROWID table keyed by (order_id,
// line_no). As a rowid table every line was written twice, into the table and into the index of
// its primary key: the import's commit spent most of its time on that (tests/bench/README.md).
// Every reader of the table goes by order id (the import's duplicate and returns checks, the
// code map's rewrites, data quality) or scans it whole (the Dataset loader groups lines by order
// and sorts them by line_no itself), so no query needs the rowid. Re-runnable: the table is
// rebuilt from its own columns through a copy in facts.db (not TEMP: a million lines would sit in
// memory, in the browser too), not renamed (backups read "CREATE TABLE name(" from sqlite_master).
const char* kV26Facts = R"SQL(
DROP TABLE IF EXISTS facts.order_lines_v25;
CREATE TABLE facts.order_lines_v25 AS SELECT order_id, line_no, sku, title, qty, unit_price, discount_amount,
  unit_cost, kind FROM facts.order_lines;
DROP TABLE facts.order_lines;
CREATE TABLE facts.order_lines(
  order_id TEXT NOT NULL, line_no INTEGER NOT NULL, sku TEXT NOT NULL, title TEXT NOT NULL DEFAULT '',
  qty INTEGER NOT NULL, unit_price INTEGER NOT NULL, discount_amount INTEGER NOT NULL DEFAULT 0,
  unit_cost INTEGER, kind INTEGER NOT NULL DEFAULT 0, PRIMARY KEY(order_id, line_no)) WITHOUT ROWID;
INSERT INTO facts.order_lines(order_id, line_no, sku, title, qty, unit_price, discount_amount, unit_cost, kind)
  SELECT order_id, line_no, sku, title, qty, unit_price, discount_amount, unit_cost, kind FROM facts.order_lines_v25
  ORDER BY order_id, line_no;
DROP TABLE facts.order_lines_v25;
)SQL";

// Adds `c` unless its table has the column already.
Status add_column_if_missing(Db& db, const AddColumn& c) {
  std::string table(c.table), schema = "main";
  if (size_t dot = table.find('.'); dot != std::string::npos) schema = table.substr(0, dot), table = table.substr(dot + 1);
  auto n = db.scalar("SELECT COUNT(*) FROM " + schema + ".pragma_table_info('" + table + "') WHERE name='" + c.column + "'");
  if (!n) return n.error();
  if (*n > 0) return Ok{};
  return db.exec(std::string("ALTER TABLE ") + c.table + " ADD COLUMN " + c.column + " " + c.declaration);
}

}  // namespace

static const char* const kV30Main = R"SQL(
CREATE TABLE IF NOT EXISTS price_history_void(
  id INTEGER PRIMARY KEY, sku TEXT NOT NULL, at INTEGER NOT NULL, old_price INTEGER, new_price INTEGER NOT NULL,
  source TEXT NOT NULL DEFAULT '', reason TEXT NOT NULL);
INSERT OR IGNORE INTO price_history_void(id, sku, at, old_price, new_price, source, reason)
  SELECT h.id, h.sku, h.at, h.old_price, h.new_price, h.source, 'not_applied'
  FROM price_history h JOIN products p ON p.sku = h.sku
  WHERE h.source = 'write' AND h.old_price IS NOT NULL AND h.new_price <> h.old_price
    AND h.old_price = CASE
      WHEN EXISTS (SELECT 1 FROM price_history n WHERE n.sku = h.sku AND (n.at > h.at OR (n.at = h.at AND n.id > h.id)))
      THEN (SELECT n.old_price FROM price_history n WHERE n.sku = h.sku AND (n.at > h.at OR (n.at = h.at AND n.id > h.id))
            ORDER BY n.at, n.id LIMIT 1)
      ELSE p.list_price END;
DELETE FROM price_history WHERE id IN (SELECT id FROM price_history_void);
)SQL";

const std::vector<Migration>& migrations() {
  static const std::vector<Migration> m = {
      {1, kV1Main, kV1Facts},
      {2, kV2Main, kV2Facts},
      {4, kV4Main, kV4Facts},
      {5, kV5Main, kV5Facts},
      {6, kV6Main, ""},
      {7, kV7Main, kV7Facts},
      {9, kV9Main, kV9Facts},
      {14, kV14Main, ""},
      {18, kV18Main, ""},
      {25, kV25Main, kV25Facts,
       {{"facts.orders", "shop_id", "INTEGER NOT NULL DEFAULT 0"},
        {"facts.traffic_daily", "shop_id", "INTEGER NOT NULL DEFAULT 0"},
        {"facts.traffic_daily", "buyers", "INTEGER NOT NULL DEFAULT 0"}}},
      {26, "", kV26Facts},
      // Issue #16 (shops UI): suggestions of the code map the seller rejected (core/shops).
      {28, "CREATE TABLE IF NOT EXISTS shop_code_rejects(shop_id INTEGER NOT NULL, code TEXT NOT NULL, "
           "sku TEXT NOT NULL, PRIMARY KEY(shop_id, code, sku));",
       ""},
      // Issue #9 (clock9): the list-price trigger stamped price_history with SQLite's
      // 'localtime' (the machine's zone, not the store's) and logged an order import's INSERT OR
      // IGNORE of a known product as a change; the core logs changes itself now, at the store's
      // time (core/store/store_clock.h).
      {29, "DROP TRIGGER IF EXISTS products_list_price_log;", ""},
      // Issue #13: the changes that trigger logged but that never happened. An orders import's
      // INSERT OR IGNORE of a known SKU fired it (a BEFORE INSERT trigger runs even when the row
      // is then ignored) with old = the list price and new = the line's price, and the list
      // price stayed. Every logged change reads the list price it replaces as old_price, so the
      // price in force after a row is the next row's old_price (by time, then id), or the
      // product's list price after the last row. A 'write' row after which the old price is
      // still in force was not applied: moved to price_history_void (nothing is deleted),
      // reason 'not_applied'. A real change is never moved (after it, its new price is in force);
      // only a real change undone by an unlogged edit back to the same old price could be.
      {30, kV30Main, ""},
  };
  return m;
}

Result<int> schema_version(Db& db) {
  auto v = db.scalar("PRAGMA main.user_version");
  if (!v) return v.error();
  return static_cast<int>(*v);
}

Status migrate(Db& db) {
  auto v = schema_version(db);
  if (!v) return v.error();
  if (*v > kSchemaVersion)
    return make_error(ErrorCode::schema_mismatch, "this store was written by a newer Shopkeeper (schema " +
                                                      std::to_string(*v) + ", this build knows " +
                                                      std::to_string(kSchemaVersion) + ")");
  if (*v == kSchemaVersion) return Ok{};
  if (auto st = db.exec("BEGIN IMMEDIATE"); !st) return st;
  for (const auto& m : migrations()) {
    if (m.version <= *v) continue;
    Status st = Ok{};
    for (const AddColumn& c : m.columns)
      if (st) st = add_column_if_missing(db, c);
    if (st) st = db.exec(m.main_sql);
    if (st) st = db.exec(m.facts_sql);
    if (st) st = db.exec("PRAGMA main.user_version=" + std::to_string(m.version));
    if (st) st = db.exec("PRAGMA facts.user_version=" + std::to_string(m.version));
    if (!st) {
      (void)db.exec("ROLLBACK");
      return make_error(ErrorCode::db_error, "migration to schema " + std::to_string(m.version) +
                                                 " failed: " + st.error().message);
    }
  }
  return db.exec("COMMIT");
}

}  // namespace shopkeeper
