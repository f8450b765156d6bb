// Table export (CSV/JSON, formula guard), backup/restore and the data quality report.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include "core/io/backup.h"
#include "core/io/importer.h"
#include "core/io/quality.h"
#include "core/io/table.h"
#include "core/store/schema.h"
#include "core/store/store.h"
#include "fixture.h"

using namespace shopkeeper;

namespace {
using fixture::import_fixture;
std::string temp_path(const std::string& name) { return fixture::temp_path("sk-io-" + name); }
std::string all_tables(Store& s) {
  std::string out;
  for (const auto& t : exportable_tables()) out += t + "\n" + to_csv(*export_table(s, t));
  return out;
}
Order order(const char* id, const char* at, Money paid) { return fixture::order(id, at).with_amounts(paid).paid_when_placed(); }
}  // namespace

TEST_SUITE("io") {
  TEST_CASE("csv export: BOM, CRLF, quoting, typed cells, formula guard") {
    Table t;
    t.columns = {"name", "amount", "day", "n", "note"};
    t.rows.push_back({Cell::text("=SUM(A1:A2)"), Cell::money(-1250), Cell::day(days_from_civil(2024, 3, 1)),
                      Cell::integer(-3), Cell::text("-12.5")});
    t.rows.push_back({Cell::text("a, \"b\""), Cell::money(5), Cell::null(), Cell::real(0.25), Cell::text("@x")});
    t.rows.push_back({Cell::text("+1 (555)"), Cell::money(0), Cell::time(*parse_timestamp("2024-03-01 08:05:09")),
                      Cell::integer(0), Cell::text("\tTab")});
    CHECK(to_csv(t) ==
          "\xEF\xBB\xBFname,amount,day,n,note\r\n"
          "'=SUM(A1:A2),-12.50,2024-03-01,-3,-12.5\r\n"
          "\"a, \"\"b\"\"\",0.05,,0.25,'@x\r\n"
          "'+1 (555),0.00,2024-03-01 08:05:09,0,\"'\tTab\"\r\n");
    CHECK(is_plain_number("-12.5"));
    CHECK(is_plain_number("+3"));
    CHECK_FALSE(is_plain_number("-"));
    CHECK_FALSE(is_plain_number("1."));
    CHECK_FALSE(is_plain_number("-1+1"));
    CHECK(escape_formula("-1+1") == "'-1+1");
    CHECK(escape_formula("\r=x") == "'\r=x");
    CHECK(escape_formula("plain") == "plain");
  }

  TEST_CASE("json export: money as exact decimal strings, nulls, numbers") {
    Table t;
    t.columns = {"sku", "price", "cost", "stock"};
    t.rows.push_back({Cell::text("杯子"), Cell::money(129900), Cell::null(), Cell::integer(7)});
    auto j = nlohmann::json::parse(to_json(t), nullptr, false);
    REQUIRE_FALSE(j.is_discarded());
    REQUIRE(j.is_array());
    CHECK(j[0]["sku"] == "杯子");
    CHECK(j[0]["price"] == "1299.00");
    CHECK(j[0]["cost"].is_null());
    CHECK(j[0]["stock"] == 7);
  }

  TEST_CASE("export_table: every store table, typed columns, orders' status by name") {
    auto s = Store::open_memory();
    REQUIRE(s.ok());
    REQUIRE(import_file(*s, import_fixture("online_retail.csv"), {}).ok());
    for (const auto& name : exportable_tables()) CHECK(export_table(*s, name).ok());
    CHECK_FALSE(export_table(*s, "sqlite_master").ok());
    auto o = export_table(*s, "orders");
    REQUIRE(o.ok());
    CHECK(o->columns[0] == "id");
    CHECK(o->rows.size() == 6);
    CHECK(o->rows[0][0].str == "536365");                // ordered by placed_at, id
    CHECK(o->rows[0][4] == Cell::text("completed"));     // status
    CHECK(o->rows[0][7] == Cell::money(3564));           // items_amount
    CHECK(o->rows[0][2].kind == Cell::Kind::time);
    auto r = export_table(*s, "refunds");
    REQUIRE(r.ok());
    CHECK(r->columns == std::vector<std::string>{"order_id", "sku", "qty", "amount", "reason", "refunded_at"});
  }

  TEST_CASE("backup and restore: one file, verified, swapped in") {
    const std::string dir = temp_path("store"), file = temp_path("backup.skb");
    std::string original;
    {
      auto s = Store::open(dir);
      REQUIRE(s.ok());
      REQUIRE(import_file(*s, import_fixture("online_retail.csv"), {}).ok());
      REQUIRE(import_file(*s, import_fixture("generic_customers.csv"), [] {
                ImportOptions o;
                o.format = "generic";
                o.target = "customers";
                return o;
              }()).ok());
      REQUIRE(s->set_setting("store.name", "测试店").ok());
      original = all_tables(*s);
      REQUIRE(backup_store(*s, file).ok());
      auto info = verify_backup(file);
      REQUIRE_MESSAGE(info.ok(), info.error().message);
      CHECK(info->schema_version == kSchemaVersion);
      CHECK(std::find(info->tables.begin(), info->tables.end(), "facts__orders") != info->tables.end());
      CHECK(std::find(info->tables.begin(), info->tables.end(), "products") != info->tables.end());
      // Change the store after the backup.
      REQUIRE(s->clear_all().ok());
      REQUIRE(import_file(*s, import_fixture("shopify_orders.csv"), {}).ok());
    }
    // A read-only store (another tab) can be backed up too, through its own connection.
    const std::string file_ro = temp_path("backup-ro.skb");
    {
      auto ro = Store::open(dir, true);
      REQUIRE(ro.ok());
      REQUIRE(backup_store(*ro, file_ro).ok());
      REQUIRE(verify_backup(file_ro).ok());
    }
    auto restored = restore_store(dir, file);
    REQUIRE_MESSAGE(restored.ok(), restored.error().message);
    CHECK(all_tables(*restored) == original);
    CHECK(restored->setting("store.name") == "测试店");
    CHECK_FALSE(std::filesystem::exists(dir + "/store.db.before-restore"));
    CHECK_FALSE(std::filesystem::exists(dir + "/.restore-tmp"));
    // The read-only backup held the store as changed after the first backup (Shopify orders).
    auto again = restore_store(dir, file_ro);
    REQUIRE_MESSAGE(again.ok(), again.error().message);
    CHECK(again->counts()->orders == 5);
  }

  TEST_CASE("restore refuses a damaged, foreign or newer file and keeps the current store") {
    const std::string dir = temp_path("store2");
    std::string before;
    {
      auto s = Store::open(dir);
      REQUIRE(s.ok());
      REQUIRE(import_file(*s, import_fixture("shopify_orders.csv"), {}).ok());
      before = all_tables(*s);
    }
    // Not a database at all.
    const std::string junk = temp_path("junk.skb");
    std::ofstream(junk, std::ios::binary) << "this is not sqlite, just text that is long enough to look like a header";
    auto r1 = restore_store(dir, junk);
    REQUIRE_FALSE(r1.ok());
    // A SQLite file that is not a backup.
    const std::string foreign = temp_path("foreign.skb");
    {
      auto db = Db::open(foreign, false);
      REQUIRE(db.ok());
      REQUIRE(db->exec("CREATE TABLE t(x); INSERT INTO t VALUES(1);").ok());
    }
    auto r2 = restore_store(dir, foreign);
    REQUIRE_FALSE(r2.ok());
    CHECK(r2.error().message.find("not a Shopkeeper backup") != std::string::npos);
    // A backup from a newer schema.
    const std::string newer = temp_path("newer.skb");
    {
      auto s = Store::open(dir);
      REQUIRE(s.ok());
      REQUIRE(backup_store(*s, newer).ok());
      auto db = Db::open(newer, false);
      REQUIRE(db.ok());
      REQUIRE(db->exec("UPDATE shopkeeper_backup SET value='99' WHERE key='schema_version'").ok());
    }
    auto r3 = restore_store(dir, newer);
    REQUIRE_FALSE(r3.ok());
    CHECK(r3.error().code == ErrorCode::schema_mismatch);
    // A truncated backup: its integrity check fails.
    const std::string cut = temp_path("cut.skb");
    {
      auto s = Store::open(dir);
      REQUIRE(s.ok());
      REQUIRE(backup_store(*s, cut).ok());
    }
    std::filesystem::resize_file(cut, std::filesystem::file_size(cut) / 2);
    CHECK_FALSE(restore_store(dir, cut).ok());
    auto s = Store::open(dir);
    REQUIRE(s.ok());
    CHECK(all_tables(*s) == before);
  }

  TEST_CASE("quality: every finding counted, with samples") {
    auto s = Store::open_memory();
    REQUIRE(s.ok());
    REQUIRE(s->write([](Writer& w) -> Status {
               Product a;
               a.sku = "A";
               a.unit_cost = 100;
               a.list_price = 300;
               Product b;
               b.sku = "b ";  // differs from "B" only in case and a space
               Product c;
               c.sku = "B";
               c.unit_cost = 50;
               c.list_price = -1;
               for (auto* p : {&a, &b, &c})
                 if (auto st = w.put(*p); !st) return st;
               // o1: two identical lines, one unknown SKU, one zero price; refunded more than paid.
               if (auto st = w.add_order(order("o1", "2024-03-01 10:00", 1000)); !st) return st.error();
               // o2: no lines; placed in 1999, outside the range.
               if (auto st = w.add_order(order("o2", "1999-12-31 23:00", 500)); !st) return st.error();
               OrderLine l{"o1", 1, "A", "a", 1, 300, 0, 100};
               OrderLine l2 = l;
               l2.line_no = 2;
               OrderLine l3{"o1", 3, "ZZZ", "unknown", 1, 0, 0, std::nullopt};
               for (auto* x : {&l, &l2, &l3})
                 if (auto st = w.put(*x); !st) return st;
               if (auto st = w.put(Refund{"o1", "", 0, 1200, "too much", *parse_timestamp("2024-02-28 10:00")}); !st)
                 return st;
               if (auto st = w.put(Refund{"ghost", "", 0, 10, "", *parse_timestamp("2024-03-02 10:00")}); !st) return st;
               return Ok{};
             }).ok());
    QualityOptions o;
    o.sample_limit = 5;
    o.latest = days_from_civil(2024, 12, 31);
    auto q = check_quality(*s, o);
    REQUIRE(q.ok());
    auto count = [&](const char* code) {
      auto* f = q->find(code);
      REQUIRE_MESSAGE(f != nullptr, code);
      return f->count;
    };
    CHECK(count("orders_without_lines") == 1);
    CHECK(q->find("orders_without_lines")->samples == std::vector<std::string>{"o2"});
    CHECK(count("lines_unknown_sku") == 1);
    CHECK(q->find("lines_unknown_sku")->samples == std::vector<std::string>{"o1#3"});
    CHECK(count("lines_orphaned") == 0);
    CHECK(count("products_without_cost") == 1);  // "b "
    CHECK(count("nonpositive_prices") == 1);
    CHECK(count("negative_product_prices") == 1);  // B's list price -0.01
    CHECK(count("duplicate_lines") == 1);
    CHECK(count("duplicate_skus") == 1);
    CHECK(count("duplicate_customers") == 0);
    CHECK(count("dates_out_of_range") == 1);
    CHECK(q->find("dates_out_of_range")->samples == std::vector<std::string>{"o2"});
    CHECK(count("refunds_before_order") == 1);
    CHECK(count("refunds_exceed_order") == 1);
    CHECK(count("refunds_orphaned") == 1);
    CHECK(q->issues() == 11);
    auto j = quality_to_json(*q);
    CHECK(j["issues"] == 11);
    CHECK(j["findings"].size() == q->findings.size());
  }
}
