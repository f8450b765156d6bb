// Issue #9 (clock9): every time the app writes as store time is the store's wall-clock time
// (core/store/store_clock.h), never the machine's zone nor raw UTC. Each case runs with the
// machine's zone (TZ) set half a world away from the store's: the store is in Asia/Shanghai
// (UTC+8), the machine in America/Los_Angeles (UTC-8 in winter, -7 in summer), 15-16 hours
// apart. A written time must lie between the store's clock read just before and just after the
// write (an exact bracket, not a timing assert: the two differ by the seconds the write takes).
// Before this change the list-price log used SQLite's 'localtime' (Los Angeles here), the Pricing
// panel raw UTC, and the backup stamp localtime_r (Los Angeles): 8 to 16 hours off.
//
// The list-price log also keeps its old counting: one row per change of a positive list price,
// none when the price stays, none for a new product; and now none for an order import that only
// adds a known SKU (the schema-7 trigger fired on that INSERT OR IGNORE and logged a "change"
// to the order's unit price that the products table never took).
#include <doctest/doctest.h>

#include <ctime>
#include <optional>
#include <string>

#include "core/catalog/product_edit.h"
#include "core/io/backup.h"
#include "core/io/importer.h"
#include "core/pricing/elasticity.h"
#include "core/pricing/pricebook.h"
#include "core/store/schema.h"
#include "core/store/store_clock.h"
#include "core/store/store_money.h"
#include "core/tz/zone.h"
#include "fixture.h"
#include "machine_zone.h"

using namespace shopkeeper;

namespace {

constexpr const char* kStoreZone = "Asia/Shanghai";

Timestamp store_clock() {
  auto z = tz::Zone::find(kStoreZone);
  REQUIRE(z.ok());
  return z->local(static_cast<int64_t>(std::time(nullptr)));
}

// The machine's own wall clock (what localtime gives): checked to be far from the store's, so
// each case below would catch a time taken in the machine's zone. (Under node, emscripten's
// localtime follows the JS engine, not TZ: the check is native only.)
void check_machine_is_far() {
#ifndef __EMSCRIPTEN__
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  localtime_r(&t, &tm);
  const Timestamp machine = start_of(days_from_civil(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday)) + tm.tm_hour * 3600 +
                            tm.tm_min * 60 + tm.tm_sec;
  const int64_t apart = store_clock() - machine;
  CHECK(apart >= 15 * 3600);  // Shanghai is 15 h (summer) or 16 h (winter) ahead of Los Angeles
  CHECK(apart <= 16 * 3600 + 60);
#endif
}

Store shanghai_store() {
  Store s = fixture::memory_store();
  REQUIRE(s.set_setting("timezone", kStoreZone).ok());
  return s;
}

struct HistoryRow {
  std::string sku;
  Timestamp at = 0;
  int64_t old_price = 0, new_price = 0;
  std::string source;
};

std::vector<HistoryRow> history(Store& s) {
  std::vector<HistoryRow> out;
  auto st = s.db().prepare("SELECT sku, at, old_price, new_price, source FROM price_history ORDER BY id");
  REQUIRE(st.ok());
  while (st->step()) out.push_back({st->text(0), st->i64(1), st->i64(2), st->i64(3), st->text(4)});
  return out;
}

ImportReport import_text(Store& s, const std::string& text, const char* target) {
  ImportOptions o;
  o.file_name = std::string(target) + ".csv";
  o.format = "generic";
  o.target = target;
  o.timezone = kStoreZone;
  Importer imp;
  REQUIRE(imp.begin(text, o).ok());
  auto r = imp.commit(s);
  REQUIRE_MESSAGE(r.ok(), r.error().message);
  return *r;
}

}  // namespace

TEST_SUITE("clock9") {
  TEST_CASE("store clock: store_now is the store's zone, with the machine half a world away") {
    fixture::MachineZone m("America/Los_Angeles");
    check_machine_is_far();
    Store s = shanghai_store();
    const Timestamp lo = store_clock();
    const Timestamp now = store_now(s.db());
    const Timestamp hi = store_clock();
    CHECK(lo <= now);
    CHECK(now <= hi);
    CHECK(store_now(s) >= lo);  // the Store& form reads the same clock
  }

  TEST_CASE("store clock: Writer::put of a product logs a changed list price once, at the store's time") {
    fixture::MachineZone m("America/Los_Angeles");
    Store s = shanghai_store();
    auto put = [&](Money price) { return s.write([&](Writer& w) { return w.put(fixture::product("A", 500, price)); }); };
    REQUIRE(put(1000).ok());  // new product: nothing to log
    REQUIRE(put(1000).ok());  // same price: nothing
    CHECK(history(s).empty());
    const Timestamp lo = store_clock();
    REQUIRE(put(1200).ok());
    const Timestamp hi = store_clock();
    auto h = history(s);
    REQUIRE(h.size() == 1);
    CHECK(h[0].sku == "A");
    CHECK(h[0].old_price == 1000);
    CHECK(h[0].new_price == 1200);
    CHECK(h[0].source == "write");
    CHECK(h[0].at >= lo);
    CHECK(h[0].at <= hi);
  }

  TEST_CASE("store clock: a products import logs each list-price change once; an orders import logs none") {
    fixture::MachineZone m("America/Los_Angeles");
    Store s = shanghai_store();
    CHECK(import_text(s, "sku,title,list_price\nA,Tea,12.00\nB,Cup,30.00\n", "products").rows_imported == 2);
    CHECK(history(s).empty());  // new products
    const Timestamp lo = store_clock();
    // A's price changes, B's title only.
    CHECK(import_text(s, "sku,title,list_price\nA,Tea,15.00\nB,Big cup,30.00\n", "products").rows_imported == 2);
    const Timestamp hi = store_clock();
    auto h = history(s);
    REQUIRE(h.size() == 1);
    CHECK(h[0].sku == "A");
    CHECK(h[0].old_price == 1200);
    CHECK(h[0].new_price == 1500);
    CHECK(h[0].source == "write");
    CHECK(h[0].at >= lo);
    CHECK(h[0].at <= hi);
    // The same file again changes nothing and logs nothing.
    import_text(s, "sku,title,list_price\nA,Tea,15.00\nB,Big cup,30.00\n", "products");
    CHECK(history(s).size() == 1);
    // Orders sold A at 9.00: the products table keeps 15.00, and no change is logged (the
    // schema-7 trigger logged 1500 -> 900 here, a change that never happened).
    CHECK(import_text(s, "order_id,placed_at,status,sku,qty,unit_price\nO1,2026-01-05 10:00:00,completed,A,1,9.00\n", "orders")
              .orders_imported == 1);
    CHECK(history(s).size() == 1);
    auto p = catalog::load_product(s.db(), "A");
    REQUIRE(p.ok());
    CHECK(p->list_price == 1500);
  }

  TEST_CASE("store clock: the Products inline edit of a list price logs one row, its undo another") {
    fixture::MachineZone m("America/Los_Angeles");
    Store s = shanghai_store();
    REQUIRE(s.write([&](Writer& w) { return w.put(fixture::product("A", 500, 1000)); }).ok());
    std::optional<catalog::ProductEdit> undo;
    auto edit = [&](const catalog::ProductEdit& e) {
      return s.write([&](Writer& w) -> Status {
        auto u = catalog::apply_edit(w, e);
        if (!u) return u.error();
        undo = *u;
        return Ok{};
      });
    };
    const Timestamp lo = store_clock();
    REQUIRE(edit({"A", catalog::ProductField::list_price, {1300, {}}}).ok());
    const Timestamp hi = store_clock();
    auto h = history(s);
    REQUIRE(h.size() == 1);
    CHECK(h[0].old_price == 1000);
    CHECK(h[0].new_price == 1300);
    CHECK(h[0].source == "edit");
    CHECK(h[0].at >= lo);
    CHECK(h[0].at <= hi);
    REQUIRE(undo);
    REQUIRE(edit(*undo).ok());  // back to 10.00: a change too
    h = history(s);
    REQUIRE(h.size() == 2);
    CHECK(h[1].old_price == 1300);
    CHECK(h[1].new_price == 1000);
    // The same price again, a stock edit and a cost edit change no list price.
    REQUIRE(edit({"A", catalog::ProductField::list_price, {1000, {}}}).ok());
    REQUIRE(edit({"A", catalog::ProductField::stock, {7, {}}}).ok());
    REQUIRE(edit({"A", catalog::ProductField::unit_cost, {450, {}}}).ok());
    CHECK(history(s).size() == 2);
    // The cost sheet writes costs only.
    auto plan = catalog::plan_cost_sheet(s.db(), "A,4.20\n", NumberFormat{});
    REQUIRE(plan.ok());
    REQUIRE(plan->changes.size() == 1);
    REQUIRE(s.write([&](Writer& w) { return catalog::apply_cost_sheet(w, *plan); }).ok());
    CHECK(history(s).size() == 2);
  }

  TEST_CASE("store clock: set-list-price and the price book log at the time they are given (the store's)") {
    fixture::MachineZone m("America/Los_Angeles");
    Store s = shanghai_store();
    REQUIRE(s.write([&](Writer& w) { return w.put(fixture::product("A", 500, 1000)); }).ok());
    const Timestamp lo = store_clock();
    REQUIRE(pricing::set_list_price(s, "A", 1100, store_now(s)).ok());  // as native/cli/pricing.cpp calls it
    auto b = pricing::load_price_book(s.db());
    REQUIRE(b.ok());
    const pricing::SkuBook* before = pricing::find_book(*b, "A");
    REQUIRE(before);
    pricing::SkuBook next = *before;
    next.list_price = 1250;
    // As the Pricing panel's save_book_edit calls it: the time from the Writer's store.
    REQUIRE(s.write([&](Writer& w) { return pricing::save_sku_book(w, *before, next, b->margin_floor_bp, store_now(w)); }).ok());
    const Timestamp hi = store_clock();
    auto h = history(s);
    REQUIRE(h.size() == 2);
    for (const HistoryRow& r : h) {
      CHECK(r.source == "edit");
      CHECK(r.at >= lo);
      CHECK(r.at <= hi);
    }
    CHECK(h[0].new_price == 1100);
    CHECK(h[1].old_price == 1100);
    CHECK(h[1].new_price == 1250);
  }

  TEST_CASE("store clock: a backup's stamp is the store's time") {
    fixture::MachineZone m("America/Los_Angeles");
    const std::string dir = fixture::temp_path("clock9-backup-store");
    auto s = Store::open(dir);
    REQUIRE(s.ok());
    REQUIRE(s->set_setting("timezone", kStoreZone).ok());
    const std::string file = fixture::temp_path("clock9-backup.skbak");
    const Timestamp lo = store_clock();
    REQUIRE(backup_store(*s, file).ok());
    const Timestamp hi = store_clock();
    auto info = verify_backup(file);
    REQUIRE(info.ok());
    auto at = parse_timestamp(info->created_at);
    REQUIRE_MESSAGE(at.ok(), info->created_at);
    CHECK(*at >= lo);
    CHECK(*at <= hi);
  }

  TEST_CASE("store clock: migration 29 drops the list-price trigger, and runs again harmlessly") {
    const std::string dir = fixture::temp_path("clock9-migrate");
    {
      auto s = Store::open(dir);
      REQUIRE(s.ok());
      auto trig = s->db().scalar("SELECT COUNT(*) FROM sqlite_master WHERE type='trigger'");
      REQUIRE(trig.ok());
      CHECK(*trig == 0);
      // Put the store back as schema 28 left it: the trigger in place.
      REQUIRE(s->db()
                  .exec("CREATE TRIGGER products_list_price_log BEFORE INSERT ON products WHEN NEW.list_price > 0 BEGIN "
                        "INSERT INTO price_history(sku, at, old_price, new_price, source) VALUES(NEW.sku, 0, 0, "
                        "NEW.list_price, 'write'); END; PRAGMA main.user_version=28; PRAGMA facts.user_version=28;")
                  .ok());
    }
    auto s = Store::open(dir);
    REQUIRE(s.ok());
    auto v = schema_version(s->db());
    REQUIRE(v.ok());
    CHECK(*v == kSchemaVersion);
    auto trig = s->db().scalar("SELECT COUNT(*) FROM sqlite_master WHERE name='products_list_price_log'");
    REQUIRE(trig.ok());
    CHECK(*trig == 0);
    for (const Migration& m : migrations())
      if (m.version == 29) {
        CHECK(s->db().exec(m.main_sql).ok());  // re-runnable
        CHECK(s->db().exec(m.main_sql).ok());
      }
  }
}

TEST_SUITE("store clock") {
  TEST_CASE("migration 30 moves the changes the old trigger logged but that never happened, and keeps the real ones") {
    const std::string dir = fixture::temp_path("clock9-migrate30");
    {
      auto s = Store::open(dir);
      REQUIRE(s.ok());
      // The store as schema 28 left it: the trigger as it was (core/store/schema.cpp, kV7Main).
      REQUIRE(s->db()
                  .exec("CREATE TRIGGER products_list_price_log BEFORE INSERT ON products WHEN NEW.list_price > 0 AND "
                        "EXISTS (SELECT 1 FROM products p WHERE p.sku = NEW.sku AND p.list_price <> NEW.list_price) BEGIN "
                        "INSERT INTO price_history(sku, at, old_price, new_price, source) SELECT NEW.sku, "
                        "CAST(strftime('%s', 'now', 'localtime') AS INTEGER), p.list_price, NEW.list_price, 'write' "
                        "FROM products p WHERE p.sku = NEW.sku; END;"
                        "INSERT INTO products(sku, title, list_price) VALUES('A', 'A', 1000), ('B', 'B', 2000);"
                        "PRAGMA main.user_version=28; PRAGMA facts.user_version=28;")
                  .ok());
      const char* upsert = "INSERT INTO products(sku, title, list_price) VALUES(?1, '', ?2) "
                           "ON CONFLICT(sku) DO UPDATE SET list_price = excluded.list_price";
      const char* ignore = "INSERT OR IGNORE INTO products(sku, title, list_price) VALUES(?1, '', ?2)";  // the orders import's
      auto exec = [&](const char* sql, const char* sku, Money price) {
        auto st = s->db().prepare(sql);
        REQUIRE(st.ok());
        st->bind(1, sku);
        st->bind(2, price);
        while (st->step()) {
        }
        REQUIRE_FALSE(st->failed());
      };
      exec(upsert, "A", 1200);  // real: 1000 -> 1200
      exec(ignore, "A", 999);   // logged 1200 -> 999, the list stays 1200
      exec(ignore, "B", 1800);  // logged 2000 -> 1800, the list stays 2000 (B's last row)
      exec(upsert, "A", 1500);  // real: 1200 -> 1500
      exec(ignore, "A", 1400);  // logged 1500 -> 1400 (A's last row), the list stays 1500
      // An edit the price book logged is never moved, whatever follows it.
      REQUIRE(s->db().exec("INSERT INTO price_history(sku, at, old_price, new_price, source) VALUES('B', 1, 2100, 2000, 'edit')").ok());
      auto n = s->db().scalar("SELECT COUNT(*) FROM price_history");
      REQUIRE(n.ok());
      REQUIRE(*n == 6);
    }
    auto s = Store::open(dir);  // migrates to 30
    REQUIRE(s.ok());
    auto rows = [&](const char* table) {
      std::vector<std::string> out;
      auto st = s->db().prepare(std::string("SELECT sku, old_price, new_price, source FROM ") + table + " ORDER BY id");
      REQUIRE(st.ok());
      while (st->step())
        out.push_back(st->text(0) + " " + std::to_string(st->i64(1)) + ">" + std::to_string(st->i64(2)) + " " + st->text(3));
      return out;
    };
    CHECK(rows("price_history") == std::vector<std::string>{"A 1000>1200 write", "A 1200>1500 write", "B 2100>2000 edit"});
    CHECK(rows("price_history_void") ==
          std::vector<std::string>{"A 1200>999 write", "B 2000>1800 write", "A 1500>1400 write"});
    auto reasons = s->db().scalar("SELECT COUNT(*) FROM price_history_void WHERE reason = 'not_applied'");
    REQUIRE(reasons.ok());
    CHECK(*reasons == 3);
    // The elasticity's zero weeks now read A's real path only.
    auto in = pricing::load_elasticity_inputs(s->db());
    REQUIRE(in.ok());
    CHECK(in->list_changes.size() == 3);
    // Runs again without moving anything more.
    for (const Migration& m : migrations())
      if (m.version == 30) REQUIRE(s->db().exec(m.main_sql).ok());
    CHECK(rows("price_history").size() == 3);
    CHECK(rows("price_history_void").size() == 3);
  }
}
