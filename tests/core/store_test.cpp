#include <doctest/doctest.h>

#include <filesystem>

#include "core/store/dataset.h"
#include "core/store/schema.h"
#include "core/store/store.h"
#include "fixture.h"

using namespace shopkeeper;

namespace {
std::string temp_dir(const char* name) { return fixture::temp_path(std::string("sk-test-") + name); }
Order order(const char* id, const char* cust, const char* at, Money items, OrderStatus st = OrderStatus::completed) {
  return fixture::order(id, at).with_customer(cust).with_status(st).with_amounts(items).with_channel("web").paid_when_placed();
}
}  // namespace

TEST_SUITE("store") {
  TEST_CASE("a new store is migrated to the current schema") {
    auto s = Store::open_memory();
    REQUIRE(s.ok());
    CHECK(*schema_version(s->db()) == kSchemaVersion);
    auto c = s->counts();
    REQUIRE(c.ok());
    CHECK(c->orders == 0);
  }

  TEST_CASE("write commits whole or not at all") {
    auto s = Store::open_memory();
    REQUIRE(s.ok());
    Status st = s->write([](Writer& w) -> Status {
      Product p;
      p.sku = "A";
      p.list_price = 100;
      if (auto r = w.put(p); !r) return r;
      return make_error(ErrorCode::invalid_argument, "stop");
    });
    CHECK_FALSE(st.ok());
    CHECK(s->counts()->products == 0);
    st = s->write([](Writer& w) {
      Product p;
      p.sku = "A";
      return w.put(p);
    });
    CHECK(st.ok());
    CHECK(s->counts()->products == 1);
  }

  TEST_CASE("orders are keyed by id: a second insert is reported, not replaced") {
    auto s = Store::open_memory();
    REQUIRE(s.ok());
    bool first = false, second = true;
    CHECK(s->write([&](Writer& w) -> Status {
      auto a = w.add_order(order("O1", "C1", "2025-01-02 10:00", 500));
      if (!a) return a.error();
      first = *a;
      auto b = w.add_order(order("O1", "C1", "2025-01-03 10:00", 900));
      if (!b) return b.error();
      second = *b;
      return Ok{};
    }).ok());
    CHECK(first);
    CHECK_FALSE(second);
    CHECK(*s->db().scalar("SELECT items_amount FROM orders WHERE id='O1'") == 500);
  }

  TEST_CASE("files on disk survive reopening; read-only refuses writes") {
    std::string dir = temp_dir("reopen");
    {
      auto s = Store::open(dir);
      REQUIRE(s.ok());
      CHECK(s->set_setting("store_name", "茶叶小铺").ok());
      CHECK(s->write([](Writer& w) { return w.add_order(order("O1", "", "2025-01-02 10:00", 500)).ok() ? Status(Ok{}) : Status(make_error(ErrorCode::db_error, "x")); }).ok());
    }
    CHECK(std::filesystem::exists(dir + "/store.db"));
    CHECK(std::filesystem::exists(dir + "/facts.db"));
    auto ro = Store::open(dir, true);
    REQUIRE(ro.ok());
    CHECK(ro->setting("store_name") == "茶叶小铺");
    CHECK(ro->counts()->orders == 1);
    auto st = ro->set_setting("x", "y");
    CHECK_FALSE(st.ok());
    CHECK(st.error().code == ErrorCode::readonly);
    std::filesystem::remove_all(dir);
  }

  TEST_CASE("schema 2: a schema-1 store loses the unused order_lines SKU index and keeps its rows") {
    std::string dir = temp_dir("v1");
    {
      auto s = Store::open(dir);
      REQUIRE(s.ok());
      CHECK(s->write([](Writer& w) -> Status {
               if (auto r = w.add_order(order("O1", "", "2025-01-02 10:00", 500)); !r) return r.error();
               return w.put(OrderLine{"O1", 1, "S1", "tea", 2, 250, 0, std::nullopt});
             }).ok());
      // Back to what schema 1 had.
      // (and without schema 4's order_lines.kind and orders.region, and schema 9's
      // products.floor_price, so the migrations can add them again)
      CHECK(s->db().exec("CREATE INDEX facts.order_lines_sku ON order_lines(sku); PRAGMA main.user_version=1;"
                         "PRAGMA facts.user_version=1; ALTER TABLE facts.order_lines DROP COLUMN kind;"
                         "ALTER TABLE facts.orders DROP COLUMN region; ALTER TABLE products DROP COLUMN floor_price").ok());
    }
    auto s = Store::open(dir);
    REQUIRE(s.ok());
    CHECK(*schema_version(s->db()) == kSchemaVersion);
    CHECK(*s->db().scalar("PRAGMA facts.user_version") == kSchemaVersion);
    CHECK(*s->db().scalar("SELECT kind FROM order_lines WHERE order_id='O1'") == 0);  // schema 4: merchandise
    CHECK(*s->db().scalar("SELECT COUNT(*) FROM facts.sqlite_master WHERE name='order_lines_sku'") == 0);
    CHECK(s->counts()->order_lines == 1);
    CHECK(*s->db().scalar("SELECT qty*unit_price FROM order_lines WHERE order_id='O1'") == 500);
    std::filesystem::remove_all(dir);
  }

  TEST_CASE("a held transaction: other writes refused meanwhile; committed or rolled back whole") {
    auto s = Store::open_memory();
    REQUIRE(s.ok());
    auto put_product = [](const char* sku) {
      return [sku](Writer& w) {
        Product p;
        p.sku = sku;
        return w.put(p);
      };
    };
    REQUIRE(s->begin_transaction().ok());
    CHECK(s->in_transaction());
    CHECK(s->db().exec("INSERT INTO products(sku) VALUES('held')").ok());
    Status other = s->write(put_product("other"));
    CHECK_FALSE(other.ok());
    CHECK(other.error().code == ErrorCode::conflict);
    CHECK(s->set_setting("k", "v").error().code == ErrorCode::conflict);
    CHECK(s->clear_all().error().code == ErrorCode::conflict);
    CHECK(s->begin_transaction().error().code == ErrorCode::conflict);
    REQUIRE(s->end_transaction(false).ok());
    CHECK_FALSE(s->in_transaction());
    CHECK(s->counts()->products == 0);

    REQUIRE(s->begin_transaction().ok());
    CHECK(s->db().exec("INSERT INTO products(sku) VALUES('held')").ok());
    REQUIRE(s->end_transaction(true).ok());
    CHECK(s->counts()->products == 1);
    CHECK(s->write(put_product("other")).ok());
    CHECK(s->counts()->products == 2);
    CHECK_FALSE(s->end_transaction(true).ok());  // none open
  }

  TEST_CASE("a store closed with a held transaction open rolls it back") {
    std::string dir = temp_dir("held");
    {
      auto s = Store::open(dir);
      REQUIRE(s.ok());
      REQUIRE(s->begin_transaction().ok());
      CHECK(s->db().exec("INSERT INTO products(sku) VALUES('held')").ok());
    }
    auto s = Store::open(dir);
    REQUIRE(s.ok());
    CHECK(s->counts()->products == 0);
    CHECK_FALSE(s->in_transaction());
    std::filesystem::remove_all(dir);
  }

  TEST_CASE("a store from a newer build is refused with a reason") {
    std::string dir = temp_dir("newer");
    {
      auto s = Store::open(dir);
      REQUIRE(s.ok());
      CHECK(s->db().exec("PRAGMA main.user_version=99").ok());
    }
    auto s = Store::open(dir);
    REQUIRE_FALSE(s.ok());
    CHECK(s.error().code == ErrorCode::schema_mismatch);
    CHECK(s.error().message.find("newer") != std::string::npos);
    std::filesystem::remove_all(dir);
  }

  TEST_CASE("dataset: orders sorted by time, lines grouped by order, dictionaries") {
    auto s = Store::open_memory();
    REQUIRE(s.ok());
    REQUIRE(s->write([](Writer& w) -> Status {
      Product p;
      p.sku = "TEA";
      p.category = "tea";
      p.unit_cost = 300;
      p.list_price = 1000;
      if (auto r = w.put(p); !r) return r;
      auto o2 = order("O2", "C1", "2025-01-05 09:00", 2000);
      o2.traffic_source = "search";
      (void)w.add_order(o2);
      (void)w.add_order(order("O1", "", "2025-01-02 10:00", 1000));
      OrderLine l{"O2", 1, "TEA", "Tea", 2, 1000, 0, std::nullopt};
      if (auto r = w.put(l); !r) return r;
      OrderLine l1{"O1", 1, "MUG", "Mug", 1, 1000, 0, 400};
      return w.put(l1);
    }).ok());
    auto ds = load_dataset(*s, 7);
    REQUIRE(ds.ok());
    CHECK(ds->revision == 7);
    REQUIRE(ds->orders() == 2);
    CHECK(ds->order_id[0] == "O1");
    CHECK(ds->order_customer[0] == -1);
    CHECK(ds->customer_id[static_cast<size_t>(ds->order_customer[1])] == "C1");
    CHECK(ds->sources.names[static_cast<size_t>(ds->order_source[1])] == "search");
    CHECK(ds->order_line_begin == std::vector<uint32_t>{0, 1, 2});
    CHECK(ds->line_product[0] == -1);      // MUG is not a known product
    CHECK(ds->line_cost[0] == 400);        // cost recorded on the line
    CHECK(ds->line_cost[1] == 300);        // falls back to the product's cost
    auto [lo, hi] = ds->orders_in(DayRange{days_from_civil(2025, 1, 3), days_from_civil(2025, 1, 31)});
    CHECK(lo == 1);
    CHECK(hi == 2);
    CHECK(ds->customer_first_order_day[static_cast<size_t>(ds->order_customer[1])] == days_from_civil(2025, 1, 5));
  }
}

#include "core/store/checklist_store.h"

TEST_SUITE("store") {
  TEST_CASE("check-list ticks are kept per day") {
    auto s = Store::open_memory();
    REQUIRE(s.ok());
    Day d = days_from_civil(2026, 11, 23);
    REQUIRE(s->write([&](Writer& w) -> Status {
      if (auto r = set_item_checked(w, d, "refunds_spike", true); !r) return r;
      if (auto r = set_item_checked(w, d, "low_stock:TEA", true); !r) return r;
      return set_item_checked(w, d + 1, "refunds_spike", true);
    }).ok());
    CHECK(checked_items(*s, d) == std::set<std::string>{"low_stock:TEA", "refunds_spike"});
    REQUIRE(s->write([&](Writer& w) { return set_item_checked(w, d, "refunds_spike", false); }).ok());
    CHECK(checked_items(*s, d) == std::set<std::string>{"low_stock:TEA"});
    CHECK(checked_items(*s, d - 1).empty());
  }
}

TEST_SUITE("store") {
  TEST_CASE("an empty string is stored as '' (not NULL) in NOT NULL columns") {
    auto s = Store::open_memory();
    REQUIRE(s.ok());
    REQUIRE(s->write([](Writer& w) {
      Product p;
      p.sku = "X";
      p.title = std::string_view();  // an empty view with a null data pointer
      return w.put(p);
    }).ok());
    CHECK(*s->db().scalar("SELECT COUNT(*) FROM products WHERE title=''") == 1);
  }
}
