// Import presets, idempotency, slicing, cancellation and the malformed-file suite
// (core/io/importer). Expected figures are worked out by hand from the fixture files written by
// tests/data/import/make_fixtures.py.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/io/importer.h"
#include "core/io/table.h"
#include "core/store/store.h"
#include "fixture.h"

using namespace shopkeeper;

namespace {

using fixture::import_fixture;
using fixture::slurp;
using fixture::ts;

std::string temp_file(const std::string& name, const std::string& content) { return fixture::temp_file("sk-io-" + name, content); }

Store mem() { return fixture::memory_store(); }

int64_t q(Store& s, const std::string& sql) {
  auto v = s.db().scalar(sql);
  REQUIRE_MESSAGE(v.ok(), sql);
  return *v;
}

std::string qs(Store& s, const std::string& sql) {
  auto st = s.db().prepare(sql);
  REQUIRE(st.ok());
  if (!st->step()) return "<none>";
  return st->is_null(0) ? "<null>" : st->text(0);
}

ImportOptions generic(const char* target) {
  ImportOptions o;
  o.format = "generic";
  o.target = target;
  return o;
}

// Every table's content, for "unchanged" checks.
std::string snapshot(Store& s) {
  std::string all;
  for (const auto& t : exportable_tables()) {
    auto tb = export_table(s, t);
    REQUIRE(tb.ok());
    all += t + "\n" + to_csv(*tb);
  }
  return all;
}

}  // namespace

TEST_SUITE("io") {
  TEST_CASE("online-retail: invoices become orders, C invoices become cancellations and refunds") {
    Store s = mem();
    auto r = import_file(s, import_fixture("online_retail.csv"), {});
    REQUIRE_MESSAGE(r.ok(), r.error().message);
    CHECK(r->format == "online-retail");
    CHECK(r->encoding == "utf-8");
    CHECK(r->rows_read == 7);
    CHECK(r->rows_imported == 7);
    CHECK(r->rows_rejected == 0);
    CHECK(r->orders_imported == 6);
    CHECK(r->lines_imported == 7);
    CHECK(r->refunds_imported == 1);    // C536379 refunds 536365 (same customer, same SKU, earlier)
    CHECK(r->returns_unmatched == 1);   // C536380: customer 12345 bought nothing before
    CHECK(r->customers_added == 3);     // 17850, 13047, 12345 (17850.0 is 17850)
    CHECK(r->products_added == 6);
    // 536365: 6 x 2.55 + 6 x 3.39 = 35.64, month-first date 12/1/2010 8:26.
    CHECK(q(s, "SELECT items_amount FROM orders WHERE id='536365'") == 3564);
    CHECK(q(s, "SELECT paid_amount FROM orders WHERE id='536365'") == 3564);
    CHECK(q(s, "SELECT placed_at FROM orders WHERE id='536365'") == ts(2010, 12, 1, 8, 26));
    CHECK(q(s, "SELECT status FROM orders WHERE id='536365'") == static_cast<int64_t>(OrderStatus::completed));
    CHECK(qs(s, "SELECT customer_id FROM orders WHERE id='536366'") == "17850");
    CHECK(qs(s, "SELECT customer_id FROM orders WHERE id='536368'") == "<null>");  // guest
    CHECK(q(s, "SELECT placed_at FROM orders WHERE id='536368'") == ts(2010, 12, 2, 9, 1));
    CHECK(qs(s, "SELECT title FROM order_lines WHERE order_id='536368'") == "JAM MAKING SET\nWITH JARS");
    CHECK(qs(s, "SELECT title FROM order_lines WHERE order_id='536367'") == "ALARM CLOCK \"BAKELIKE\" PINK");
    CHECK(q(s, "SELECT qty*unit_price FROM order_lines WHERE order_id='536367'") == 24 * 375);
    // The cancellation is kept as a cancelled order with the file's negative quantity ...
    CHECK(q(s, "SELECT status FROM orders WHERE id='C536379'") == static_cast<int64_t>(OrderStatus::cancelled));
    CHECK(q(s, "SELECT qty FROM order_lines WHERE order_id='C536379'") == -2);
    CHECK(q(s, "SELECT paid_amount FROM orders WHERE id='C536379'") == 0);
    // ... and refunds 2 x 2.55 of the earlier purchase.
    CHECK(qs(s, "SELECT order_id FROM refunds") == "536365");
    CHECK(q(s, "SELECT amount FROM refunds") == 510);
    CHECK(q(s, "SELECT qty FROM refunds") == 2);
    CHECK(q(s, "SELECT refunded_at FROM refunds") == ts(2010, 12, 3, 9, 41));
    CHECK(qs(s, "SELECT region FROM customers WHERE id='13047'") == "France");
    CHECK(q(s, "SELECT joined_on FROM customers WHERE id='17850'") == days_from_civil(2010, 12, 1));
    CHECK(q(s, "SELECT COUNT(*) FROM products WHERE unit_cost IS NULL") == 6);
    CHECK(q(s, "SELECT list_price FROM products WHERE sku='71053'") == 339);
  }

  TEST_CASE("importing the same file twice adds nothing the second time") {
    Store s = mem();
    REQUIRE(import_file(s, import_fixture("online_retail.csv"), {}).ok());
    std::string before = snapshot(s);
    auto again = import_file(s, import_fixture("online_retail.csv"), {});
    REQUIRE_MESSAGE(again.ok(), again.error().message);
    CHECK(again->rows_imported == 0);
    CHECK(again->rows_skipped_duplicate == 7);
    CHECK(again->orders_imported == 0);
    CHECK(again->refunds_imported == 0);
    CHECK(again->duplicate_ids.size() == 6);
    // Only the import log grew (it records the second attempt too).
    CHECK(q(s, "SELECT COUNT(*) FROM import_log") == 2);
    auto after = s.db().exec("DELETE FROM import_log");
    REQUIRE(after.ok());
    std::string now = snapshot(s);
    CHECK(before.substr(0, before.find("import_log")) == now.substr(0, now.find("import_log")));
  }

  TEST_CASE("the import log keeps each import's report in the same transaction") {
    Store s = mem();
    ImportOptions o;
    o.now = ts(2024, 5, 1, 12);
    REQUIRE(import_file(s, import_fixture("online_retail.csv"), o).ok());
    CHECK(q(s, "SELECT at FROM import_log") == ts(2024, 5, 1, 12));
    CHECK(qs(s, "SELECT file FROM import_log") == "online_retail.csv");
    CHECK(qs(s, "SELECT format FROM import_log") == "online-retail");
    CHECK(q(s, "SELECT rows_read FROM import_log") == 7);
    CHECK(q(s, "SELECT rows_imported FROM import_log") == 7);
    auto j = nlohmann::json::parse(qs(s, "SELECT report FROM import_log"), nullptr, false);
    REQUIRE_FALSE(j.is_discarded());
    CHECK(j["orders_imported"] == 6);
    CHECK(j["errors"].is_array());
    for (const char* key : {"format", "encoding", "rows_read", "rows_imported", "rows_skipped_duplicate", "rows_rejected",
                            "orders_imported", "errors"})
      CHECK_MESSAGE(j.contains(key), key);
    CHECK(j["format"] == "online-retail");
    CHECK(j["encoding"] == "utf-8");
  }

  TEST_CASE("shopify-orders: order fields on the first row, statuses, refunds, discounts") {
    Store s = mem();
    auto r = import_file(s, import_fixture("shopify_orders.csv"), {});
    REQUIRE_MESSAGE(r.ok(), r.error().message);
    CHECK(r->format == "shopify-orders");
    CHECK(r->rows_read == 6);
    CHECK(r->orders_imported == 5);
    CHECK(r->lines_imported == 6);
    CHECK(r->refunds_imported == 2);  // #1002 15.00 and #1005 25.00
    CHECK(r->customers_added == 3);   // ann (two orders, e-mail case folded), bob, cara; #1003 is a guest
    CHECK(r->products_added == 3);    // MUG-1, TEE-1, CAP-1 (the sticker has no SKU)
    // #1001: 2 x 12.00 + 1 x 25.00 = 49.00, discount 4.90, shipping 5.00, paid 49.10.
    CHECK(q(s, "SELECT items_amount FROM orders WHERE id='#1001'") == 4900);
    CHECK(q(s, "SELECT discount_amount FROM orders WHERE id='#1001'") == 490);
    CHECK(q(s, "SELECT shipping_amount FROM orders WHERE id='#1001'") == 500);
    CHECK(q(s, "SELECT paid_amount FROM orders WHERE id='#1001'") == 4910);
    CHECK(qs(s, "SELECT coupon_code FROM orders WHERE id='#1001'") == "WELCOME10");
    CHECK(qs(s, "SELECT customer_id FROM orders WHERE id='#1001'") == "ann@example.com");
    CHECK(q(s, "SELECT placed_at FROM orders WHERE id='#1001'") == ts(2024, 3, 1, 10, 15));
    CHECK(q(s, "SELECT paid_at FROM orders WHERE id='#1001'") == ts(2024, 3, 1, 10, 16, 2));
    CHECK(q(s, "SELECT status FROM orders WHERE id='#1001'") == static_cast<int64_t>(OrderStatus::completed));
    CHECK(q(s, "SELECT COUNT(*) FROM order_lines WHERE order_id='#1001'") == 2);
    CHECK(q(s, "SELECT status FROM orders WHERE id='#1002'") == static_cast<int64_t>(OrderStatus::refunded));
    CHECK(q(s, "SELECT amount FROM refunds WHERE order_id='#1002'") == 1500);
    CHECK(q(s, "SELECT status FROM orders WHERE id='#1003'") == static_cast<int64_t>(OrderStatus::pending));
    CHECK(qs(s, "SELECT paid_at FROM orders WHERE id='#1003'") == "<null>");
    CHECK(qs(s, "SELECT customer_id FROM orders WHERE id='#1003'") == "<null>");
    CHECK(qs(s, "SELECT sku FROM order_lines WHERE order_id='#1003'") == "");
    CHECK(q(s, "SELECT status FROM orders WHERE id='#1004'") == static_cast<int64_t>(OrderStatus::cancelled));
    CHECK(q(s, "SELECT status FROM orders WHERE id='#1005'") == static_cast<int64_t>(OrderStatus::completed));
    CHECK(q(s, "SELECT amount FROM refunds WHERE order_id='#1005'") == 2500);
    CHECK(qs(s, "SELECT name FROM customers WHERE id='ann@example.com'") == "Ann Lee");
  }

  TEST_CASE("woocommerce-orders: one row per item, and the packed line_items column") {
    Store s = mem();
    auto r = import_file(s, import_fixture("woocommerce_orders.csv"), {});
    REQUIRE_MESSAGE(r.ok(), r.error().message);
    CHECK(r->format == "woocommerce-orders");
    CHECK(r->orders_imported == 4);
    CHECK(r->lines_imported == 5);
    CHECK(r->refunds_imported == 1);
    // WC-101: 1 x 30.00 + 2 x 4.00 = 38.00; discount 2.00; shipping 4.00; total 40.00.
    CHECK(q(s, "SELECT items_amount FROM orders WHERE id='WC-101'") == 3800);
    CHECK(q(s, "SELECT paid_amount FROM orders WHERE id='WC-101'") == 4000);
    CHECK(q(s, "SELECT unit_price FROM order_lines WHERE order_id='WC-101' AND sku='CP-1'") == 400);
    CHECK(qs(s, "SELECT customer_id FROM orders WHERE id='WC-101'") == "7");
    CHECK(qs(s, "SELECT customer_id FROM orders WHERE id='WC-102'") == "eve@example.com");  // id 0 = guest id
    CHECK(q(s, "SELECT status FROM orders WHERE id='WC-102'") == static_cast<int64_t>(OrderStatus::paid));
    CHECK(q(s, "SELECT status FROM orders WHERE id='WC-103'") == static_cast<int64_t>(OrderStatus::refunded));
    CHECK(q(s, "SELECT status FROM orders WHERE id='WC-104'") == static_cast<int64_t>(OrderStatus::cancelled));
    CHECK(qs(s, "SELECT paid_at FROM orders WHERE id='WC-104'") == "<null>");
    // 10.00 / 3 = 3.333... rounds half away from zero to 3.33.
    CHECK(q(s, "SELECT unit_price FROM order_lines WHERE order_id='WC-104'") == 333);

    auto p = import_file(s, import_fixture("woocommerce_packed.csv"), {});
    REQUIRE_MESSAGE(p.ok(), p.error().message);
    CHECK(p->orders_imported == 2);
    CHECK(p->lines_imported == 3);
    CHECK(q(s, "SELECT items_amount FROM orders WHERE id='W-1'") == 3000 + 2 * 500);
    CHECK(q(s, "SELECT unit_price FROM order_lines WHERE order_id='W-2'") == 500);
    CHECK(q(s, "SELECT discount_amount FROM order_lines WHERE order_id='W-2'") == 100);
    CHECK(q(s, "SELECT paid_amount FROM orders WHERE id='W-2'") == 900);
  }

  TEST_CASE("taobao-orders: GBK, =\"...\" ids, status words, refunds, duplicate rows") {
    Store s = mem();
    auto r = import_file(s, import_fixture("taobao_orders_gbk.csv"), {});
    REQUIRE_MESSAGE(r.ok(), r.error().message);
    CHECK(r->format == "taobao-orders");
    CHECK(r->encoding == "gb18030");
    CHECK(r->rows_read == 5);
    CHECK(r->orders_imported == 4);
    CHECK(r->rows_skipped_duplicate == 1);  // the repeated first order
    CHECK(r->rows_imported == 4);
    CHECK(r->refunds_imported == 1);
    const std::string o1 = "'1234567890123456789'";
    CHECK(q(s, "SELECT status FROM orders WHERE id=" + o1) == static_cast<int64_t>(OrderStatus::completed));
    // Goods 199.00 + postage 10.00 - paid 189.00 = 20.00 discount; 2 items at 199.00 / 2.
    CHECK(q(s, "SELECT items_amount FROM orders WHERE id=" + o1) == 19900);
    CHECK(q(s, "SELECT shipping_amount FROM orders WHERE id=" + o1) == 1000);
    CHECK(q(s, "SELECT paid_amount FROM orders WHERE id=" + o1) == 18900);
    CHECK(q(s, "SELECT discount_amount FROM orders WHERE id=" + o1) == 2000);
    CHECK(q(s, "SELECT unit_price FROM order_lines WHERE order_id=" + o1) == 9950);
    CHECK(qs(s, "SELECT title FROM order_lines WHERE order_id=" + o1) == "夏季纯棉T恤 白色");
    CHECK(qs(s, "SELECT customer_id FROM orders WHERE id=" + o1) == "小王");
    CHECK(qs(s, "SELECT region FROM customers WHERE id='小王'") == "浙江省");
    CHECK(q(s, "SELECT status FROM orders WHERE id='1234567890123456790'") == static_cast<int64_t>(OrderStatus::refunded));
    CHECK(q(s, "SELECT amount FROM refunds WHERE order_id='1234567890123456790'") == 9900);
    CHECK(q(s, "SELECT placed_at FROM orders WHERE id='1234567890123456790'") == ts(2024, 1, 6, 9, 0));
    CHECK(q(s, "SELECT status FROM orders WHERE id='1234567890123456791'") == static_cast<int64_t>(OrderStatus::pending));
    CHECK(qs(s, "SELECT paid_at FROM orders WHERE id='1234567890123456791'") == "<null>");
    CHECK(q(s, "SELECT status FROM orders WHERE id='1234567890123456792'") == static_cast<int64_t>(OrderStatus::shipped));
  }

  TEST_CASE("generic: UTF-16 tab-separated file with Chinese headers, suggested mapping, day-first evidence") {
    Store s = mem();
    Importer imp;
    ImportOptions o = generic("orders");
    o.file_name = "generic_orders_utf16.csv";
    REQUIRE(imp.begin(slurp(import_fixture("generic_orders_utf16.csv")), o).ok());
    const ImportPlan& plan = imp.plan();
    CHECK(plan.encoding == "utf-16le");
    CHECK(plan.delimiter == '\t');
    CHECK(plan.date_order == DateOrder::day_first);  // 13/03/2024 proves it
    auto mapped = [&](const char* field) {
      for (const auto& [f, h] : plan.mapping)
        if (f == field) return h;
      return std::string("<unmapped>");
    };
    CHECK(mapped("order_id") == "订单号");
    CHECK(mapped("placed_at") == "下单时间");
    CHECK(mapped("customer_id") == "客户ID");
    CHECK(mapped("sku") == "商品编码");
    CHECK(mapped("qty") == "数量");
    CHECK(mapped("unit_price") == "单价");
    CHECK(mapped("shipping_amount") == "运费");
    CHECK(plan.preview.size() == 3);
    auto r = imp.commit(s);
    REQUIRE_MESSAGE(r.ok(), r.error().message);
    CHECK(r->orders_imported == 2);
    // 2 x 1299.00 + 1 x 5.50 = 2603.50, shipping 10.00, paid 2613.50, 5 March.
    CHECK(q(s, "SELECT items_amount FROM orders WHERE id='A-1'") == 260350);
    CHECK(q(s, "SELECT paid_amount FROM orders WHERE id='A-1'") == 261350);
    CHECK(q(s, "SELECT placed_at FROM orders WHERE id='A-1'") == ts(2024, 3, 5, 14, 0));
    CHECK(q(s, "SELECT status FROM orders WHERE id='A-2'") == static_cast<int64_t>(OrderStatus::paid));
  }

  TEST_CASE("generic: an explicit --map overrides the suggestions") {
    Store s = mem();
    std::string path = temp_file("map.csv", "单号,时间,货品,件数,价钱\nX1,2024-04-01 10:00,S1,2,3.00\n");
    auto m = parse_mapping_spec("order_id=单号,placed_at=时间,sku=货品,qty=件数,unit_price=价钱", Target::orders);
    REQUIRE(m.ok());
    ImportOptions o = generic("orders");
    o.mapping = *m;
    auto r = import_file(s, path, o);
    REQUIRE_MESSAGE(r.ok(), r.error().message);
    CHECK(q(s, "SELECT items_amount FROM orders WHERE id='X1'") == 600);
    CHECK_FALSE(parse_mapping_spec("nonsense=a", Target::orders).ok());
    CHECK_FALSE(parse_mapping_spec("order_id", Target::orders).ok());
  }

  TEST_CASE("generic: products with ; and decimal comma, customers, traffic (GB18030) and ad spend") {
    Store s = mem();
    ImportOptions po = generic("products");
    po.number.decimal_comma = true;
    auto p = import_file(s, import_fixture("generic_products.csv"), po);
    REQUIRE_MESSAGE(p.ok(), p.error().message);
    CHECK(p->rows_imported == 3);
    CHECK(q(s, "SELECT unit_cost FROM products WHERE sku='SKU1'") == 45000);
    CHECK(q(s, "SELECT list_price FROM products WHERE sku='SKU1'") == 129900);
    CHECK(q(s, "SELECT stock FROM products WHERE sku='SKU1'") == 12);
    CHECK(qs(s, "SELECT unit_cost FROM products WHERE sku='SKU2'") == "<null>");
    CHECK(qs(s, "SELECT title FROM products WHERE sku='SKU3'") == "Messer; scharf");
    CHECK(qs(s, "SELECT category FROM products WHERE sku='SKU3'") == "Küche");
    // Same file again: every row present and unchanged.
    auto p2 = import_file(s, import_fixture("generic_products.csv"), po);
    REQUIRE(p2.ok());
    CHECK(p2->rows_imported == 0);
    CHECK(p2->rows_skipped_duplicate == 3);

    auto c = import_file(s, import_fixture("generic_customers.csv"), generic("customers"));
    REQUIRE_MESSAGE(c.ok(), c.error().message);
    CHECK(q(s, "SELECT joined_on FROM customers WHERE id='c1'") == days_from_civil(2023, 5, 1));
    CHECK(qs(s, "SELECT region FROM customers WHERE id='c2'") == "北京");

    auto t = import_file(s, import_fixture("traffic.csv"), generic("traffic"));
    REQUIRE_MESSAGE(t.ok(), t.error().message);
    CHECK(t->encoding == "gb18030");
    CHECK(q(s, "SELECT visitors FROM traffic_daily WHERE day=" + std::to_string(days_from_civil(2024, 3, 2))) == 1050);
    CHECK(qs(s, "SELECT source FROM traffic_daily LIMIT 1") == "all");
    CHECK(q(s, "SELECT SUM(add_to_carts) FROM traffic_daily") == 50);

    auto a = import_file(s, import_fixture("ad_spend.csv"), generic("ad_spend"));
    REQUIRE_MESSAGE(a.ok(), a.error().message);
    CHECK(q(s, "SELECT SUM(spend) FROM ad_spend") == 1200 + 725);
    CHECK(q(s, "SELECT SUM(impressions) FROM ad_spend") == 2000);
  }

  TEST_CASE("rejected rows are listed with line, column, value and reason; the rest commits") {
    Store s = mem();
    std::string path = temp_file("mixed.csv",
                                 "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n"
                                 "1,A,a,1,12/1/2010 8:00,1.00,5,UK\n"
                                 "2,B,b,x,12/1/2010 9:00,1.00,5,UK\n"
                                 "3,C,c,1,12/1/2010 10:00,1.00,5,UK\n"
                                 "3,D,d,1,12/1/2010 10:00,zz,5,UK\n");
    auto r = import_file(s, path, {});
    REQUIRE_MESSAGE(r.ok(), r.error().message);
    CHECK(r->rows_read == 4);
    CHECK(r->rows_imported == 1);
    CHECK(r->rows_rejected == 3);  // row 3 (bad qty), and order 3's two rows (one bad price)
    CHECK(r->orders_imported == 1);
    REQUIRE(r->errors.size() == 3);
    CHECK(r->errors[0].line == 3);
    CHECK(r->errors[0].column == "Quantity");
    CHECK(r->errors[0].value == "x");
    CHECK(r->errors[1].line == 4);
    CHECK(r->errors[1].message.find("rejected with its order") != std::string::npos);
    CHECK(r->errors[2].line == 5);
    CHECK(r->errors[2].column == "UnitPrice");
    CHECK(q(s, "SELECT COUNT(*) FROM orders") == 1);
    CHECK(describe_error("mixed.csv", r->errors[0]) == "mixed.csv line 3, column Quantity: not a number: \"x\"");
    std::string csv = report_errors_csv(*r);
    CHECK(csv.rfind("\xEF\xBB\xBFline,column,value,message\r\n3,Quantity,x,", 0) == 0);
  }

  TEST_CASE("slices: stepping one row at a time gives the same store as one go") {
    Store a = mem(), b = mem();
    REQUIRE(import_file(a, import_fixture("online_retail.csv"), {}).ok());
    Importer imp;
    ImportOptions o;
    o.file_name = "online_retail.csv";
    REQUIRE(imp.begin(slurp(import_fixture("online_retail.csv")), o).ok());
    int64_t last = -1, steps = 0;
    ImportProgress p;
    do {
      p = imp.step(1);
      CHECK(p.bytes_done >= last);
      last = p.bytes_done;
      ++steps;
    } while (!p.done);
    CHECK(steps == 8);  // 7 rows + the step that finds the end
    CHECK(p.rows_read == 7);
    CHECK(p.read_fraction() == doctest::Approx(1.0));
    CHECK(p.fraction() < 1.0);  // the writing is still to come
    auto r = imp.commit(b);
    REQUIRE(r.ok());
    auto ta = export_table(a, "orders"), tb = export_table(b, "orders");
    REQUIRE(ta.ok());
    REQUIRE(tb.ok());
    CHECK(to_csv(*ta) == to_csv(*tb));
    CHECK(to_csv(*export_table(a, "refunds")) == to_csv(*export_table(b, "refunds")));
  }

  TEST_CASE("a sliced commit gives the same store and report as the one-shot commit") {
    struct Case {
      const char* first;  // already in the store (customers, products and orders to meet)
      const char* file;
      ImportOptions opt;
    };
    ImportOptions products = generic("products");
    products.number.decimal_comma = true;
    const std::vector<Case> cases = {{"shopify_orders.csv", "online_retail.csv", {}},
                                     {"online_retail.csv", "woocommerce_orders.csv", {}},
                                     {"woocommerce_orders.csv", "generic_products.csv", products}};
    for (const Case& c : cases) {
      for (int64_t budget : {1, 2}) {
        CAPTURE(std::string(c.file));
        CAPTURE(budget);
        ImportOptions o = c.opt;
        o.now = ts(2024, 5, 1, 12);
        Store a = mem(), b = mem();
        REQUIRE(import_file(a, import_fixture(c.first), {}).ok());
        REQUIRE(import_file(b, import_fixture(c.first), {}).ok());
        auto ra = import_file(a, import_fixture(c.file), o);
        REQUIRE_MESSAGE(ra.ok(), ra.error().message);

        o.file_name = c.file;
        Importer imp;
        REQUIRE(imp.begin(slurp(import_fixture(c.file)), o).ok());
        REQUIRE(imp.begin_commit(b).ok());
        CHECK(b.in_transaction());
        CHECK(imp.committing());
        int steps = 0;
        double last = 0;
        std::optional<ImportReport> rb;
        while (!rb) {
          auto r = imp.commit_step(budget);
          REQUIRE_MESSAGE(r.ok(), r.error().message);
          rb = std::move(*r);
          ++steps;
          double f = imp.progress().fraction();
          CHECK(f >= last);
          last = f;
        }
        CHECK(steps >= 2);
        CHECK_FALSE(b.in_transaction());
        CHECK_FALSE(imp.committing());
        CHECK(report_to_json(*rb).dump() == report_to_json(*ra).dump());
        CHECK(snapshot(b) == snapshot(a));
      }
    }
  }

  TEST_CASE("cancel or drop the importer mid-commit: the store exactly as before; other writes refused meanwhile") {
    Store s = mem();
    REQUIRE(import_file(s, import_fixture("shopify_orders.csv"), {}).ok());
    const std::string before = snapshot(s);
    const Counts counts_before = *s.counts();
    auto checksum = [&] {
      return q(s, "SELECT TOTAL(qty*unit_price + line_no) FROM order_lines") + q(s, "SELECT TOTAL(paid_amount) FROM orders") +
             q(s, "SELECT TOTAL(amount) FROM refunds") + q(s, "SELECT COUNT(*) FROM import_log");
    };
    const int64_t sum_before = checksum();
    {
      Importer imp;
      REQUIRE(imp.begin(slurp(import_fixture("online_retail.csv")), {}).ok());
      REQUIRE(imp.begin_commit(s).ok());
      auto r = imp.commit_step(2);
      REQUIRE(r.ok());
      CHECK_FALSE(r->has_value());
      Status other = s.set_setting("store_name", "x");
      CHECK(other.error().code == ErrorCode::conflict);
      imp.cancel();
      CHECK_FALSE(s.in_transaction());
      auto again = imp.commit_step(2);
      REQUIRE_FALSE(again.ok());
      CHECK(again.error().code == ErrorCode::cancelled);
    }
    CHECK(snapshot(s) == before);
    CHECK(checksum() == sum_before);
    {
      Importer imp;
      REQUIRE(imp.begin(slurp(import_fixture("online_retail.csv")), {}).ok());
      REQUIRE(imp.begin_commit(s).ok());
      REQUIRE(imp.commit_step(3).ok());
      CHECK(s.in_transaction());
    }  // the importer dropped mid-commit
    CHECK_FALSE(s.in_transaction());
    CHECK(snapshot(s) == before);
    CHECK(checksum() == sum_before);
    auto c = *s.counts();
    CHECK(c.orders == counts_before.orders);
    CHECK(c.order_lines == counts_before.order_lines);
    // The store takes writes again, and the same file imports in full.
    CHECK(s.set_setting("store_name", "x").ok());
    auto r = import_file(s, import_fixture("online_retail.csv"), {});
    REQUIRE_MESSAGE(r.ok(), r.error().message);
    CHECK(r->rows_imported == 7);
  }

  TEST_CASE("on disk: files copied mid-commit (a tab closed) open as the store before; reopening after an abort works") {
    namespace fs = std::filesystem;
    const fs::path root = fixture::temp_path("sk-io-midcommit");
    fs::remove_all(root);
    const std::string dir = (root / "store").string(), copy = (root / "copy").string();
    std::string csv = "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n";
    for (int i = 0; i < 6000; ++i)
      csv += std::to_string(100000 + i / 10) + ",S" + std::to_string(i % 37) + ",x,1,12/1/2010 8:00,1.00,7,UK\n";
    std::string before;
    {
      auto s = Store::open(dir);
      REQUIRE(s.ok());
      REQUIRE(import_file(*s, import_fixture("online_retail.csv"), {}).ok());
      before = snapshot(*s);
      Importer imp;
      REQUIRE(imp.begin(csv, {}).ok());
      REQUIRE(imp.begin_commit(*s).ok());
      for (int i = 0; i < 3; ++i) REQUIRE(imp.commit_step(1000).ok());
      // What a browser storage sync or a crash would leave: the files as they are now.
      fs::create_directories(copy);
      for (const auto& e : fs::directory_iterator(dir)) fs::copy_file(e.path(), fs::path(copy) / e.path().filename());
      imp.cancel();
    }
    {
      auto s = Store::open(dir);
      REQUIRE(s.ok());
      CHECK(snapshot(*s) == before);
      auto r = import_file(*s, import_fixture("woocommerce_orders.csv"), {});
      REQUIRE_MESSAGE(r.ok(), r.error().message);
      CHECK(r->orders_imported > 0);
    }
    {
      auto s = Store::open(copy);
      REQUIRE(s.ok());
      CHECK(snapshot(*s) == before);
      CHECK(qs(*s, "PRAGMA integrity_check") == "ok");
    }
    fs::remove_all(root);
  }

  TEST_CASE("cancel, or dropping the importer mid-way, leaves the store exactly as before") {
    Store s = mem();
    REQUIRE(import_file(s, import_fixture("shopify_orders.csv"), {}).ok());
    std::string before = snapshot(s);
    {
      Importer imp;
      REQUIRE(imp.begin(slurp(import_fixture("online_retail.csv")), {}).ok());
      imp.step(3);
      imp.cancel();
      auto r = imp.commit(s);
      REQUIRE_FALSE(r.ok());
      CHECK(r.error().code == ErrorCode::cancelled);
    }
    {
      Importer imp;
      REQUIRE(imp.begin(slurp(import_fixture("online_retail.csv")), {}).ok());
      imp.step(2);
    }  // the tab closed
    CHECK(snapshot(s) == before);
  }

  TEST_CASE("a failing write rolls back the whole import") {
    auto dir = fixture::temp_path("sk-io-readonly");
    std::filesystem::remove_all(dir);
    { REQUIRE(Store::open(dir).ok()); }
    auto ro = Store::open(dir, true);
    REQUIRE(ro.ok());
    auto r = import_file(*ro, import_fixture("online_retail.csv"), {});
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == ErrorCode::readonly);
    auto rw = Store::open(dir);
    REQUIRE(rw.ok());
    CHECK(q(*rw, "SELECT COUNT(*) FROM orders") == 0);
    CHECK(q(*rw, "SELECT COUNT(*) FROM import_log") == 0);
  }

  TEST_CASE("malformed files: a clear message naming file, line and field; the store unchanged") {
    struct Bad {
      const char* file;
      const char* target;  // "" = auto-detected orders format
      std::vector<std::string> expect;
    };
    const std::vector<Bad> cases = {
        {"empty.csv", "", {"is empty"}},
        {"only_header.csv", "", {"no data rows"}},
        {"invalid_bytes.csv", "", {"line 3", "byte sequence"}},
        {"unterminated_quote.csv", "", {"line 2", "never closed"}},
        {"text_after_quote.csv", "", {"line 2", "closing quote"}},
        {"missing_date_column.csv", "", {"line 1", "placed_at", "InvoiceNo, StockCode, Quantity"}},
        {"bad_quantity.csv", "", {"line 2", "column Quantity", "six"}},
        {"decimal_comma_price.csv", "", {"line 2", "column UnitPrice", "number format"}},
        {"bad_date.csv", "", {"line 2", "column InvoiceDate", "no such date"}},
        {"not_month_first.csv", "", {"line 2", "column InvoiceDate", "month-first"}},
        {"missing_order_id.csv", "", {"line 2", "column InvoiceNo", "missing order id"}},
        {"missing_invoice_date.csv", "", {"line 2", "column InvoiceDate", "missing order date"}},
        {"cancellation_positive_qty.csv", "", {"line 2", "column Quantity", "negative quantity"}},
        {"fractional_quantity.csv", "", {"line 2", "column Quantity", "whole number"}},
        {"huge_quantity.csv", "", {"line 2", "column Quantity", "out of range"}},
        {"huge_price.csv", "", {"line 2", "column UnitPrice", "not an amount"}},
        {"unquoted_delimiter.csv", "", {"line 2", "9 fields", "header has 8"}},
        {"bad_time.csv", "", {"line 2", "column InvoiceDate", "no such time"}},
        {"missing_price.csv", "", {"line 2", "column UnitPrice", "missing unit price"}},
        {"one_bad_line_sinks_order.csv", "", {"line 3", "column UnitPrice", "(and 1 more rejected rows)"}},
        {"unknown_status.csv", "", {"line 2", "column Financial Status", "unknown order status"}},
        {"negative_refund.csv", "", {"line 2", "column Refunded Amount", "negative"}},
        {"taobao_bad_amount_gbk.csv", "", {"line 2", "column 买家应付货款", "abc"}},
        {"taobao_bad_status_gbk.csv", "", {"line 2", "column 订单状态", "神秘状态"}},
        {"woo_packed_bad_quantity.csv", "", {"line 2", "column line_items", "quantity"}},
        {"utf16_truncated.csv", "", {"line 3", "UTF-16LE"}},
        {"binary.csv", "", {"this is a PNG image, not a CSV file"}},  // issue #9: named, not an encoding error
        {"no_columns.csv", "", {"line 1", "order_id", "hello world"}},
        {"generic_ambiguous_date.csv", "orders", {"line 2", "column placed_at", "day-first or month-first"}},
        {"generic_line_total_zero_qty.csv", "orders", {"line 2", "column qty", "quantity 0"}},
        {"products_missing_sku.csv", "products", {"line 2", "column sku", "missing"}},
        {"products_bad_cost.csv", "products", {"line 2", "column unit_cost", "cheap"}},
        {"customers_bad_joined.csv", "customers", {"line 2", "column joined_on", "no such date"}},
        {"traffic_bad_day.csv", "traffic", {"line 2", "column day", "yesterday"}},
        {"traffic_bad_visitors.csv", "traffic", {"line 2", "column visitors", "whole number"}},
        {"ad_spend_bad_spend.csv", "ad_spend", {"line 2", "column spend", "$1,2345"}},
        {"order_lines_unknown_order.csv", "order_lines", {"line 2", "column order_id", "no order"}},
        {"refunds_unknown_order.csv", "refunds", {"line 2", "column order_id", "no order"}},
    };
    CHECK(cases.size() >= 30);
    Store s = mem();
    REQUIRE(import_file(s, import_fixture("online_retail.csv"), {}).ok());
    const std::string before = snapshot(s);
    const auto counts_before = *s.counts();
    for (const Bad& b : cases) {
      CAPTURE(b.file);
      ImportOptions o;
      if (*b.target) o = generic(b.target);
      auto r = import_file(s, import_fixture(std::string("bad/") + b.file), o);
      REQUIRE_FALSE(r.ok());
      const std::string& msg = r.error().message;
      CAPTURE(msg);
      CHECK(msg.find(b.file) != std::string::npos);
      for (const auto& e : b.expect) CHECK(msg.find(e) != std::string::npos);
      CHECK(msg.find('\n') == std::string::npos);  // one line
      auto c = *s.counts();
      CHECK(c.orders == counts_before.orders);
      CHECK(c.order_lines == counts_before.order_lines);
      CHECK(c.products == counts_before.products);
      CHECK(c.customers == counts_before.customers);
      CHECK(c.refunds == counts_before.refunds);
    }
    CHECK(snapshot(s) == before);  // import_log included: nothing was logged
    // Every file in bad/ is in the list above.
    size_t files = 0;
    for (const auto& e : std::filesystem::directory_iterator(import_fixture("bad"))) files += e.path().extension() == ".csv";
    CHECK(files == cases.size());
  }

  TEST_CASE("options: unknown format, target or encoding are refused up front") {
    Importer imp;
    ImportOptions o;
    o.format = "excel";
    auto st = imp.begin("a,b\n1,2\n", o);
    REQUIRE_FALSE(st.ok());
    CHECK(st.error().message.find("unknown format") != std::string::npos);
    o = generic("widgets");
    CHECK_FALSE(imp.begin("a,b\n1,2\n", o).ok());
    o = {};
    o.encoding = "ebcdic";
    CHECK_FALSE(imp.begin("a,b\n1,2\n", o).ok());
  }

  TEST_CASE("round trip: export every table, import the CSVs into an empty store, same store") {
    Store a = mem();
    REQUIRE(import_file(a, import_fixture("online_retail.csv"), {}).ok());
    REQUIRE(import_file(a, import_fixture("shopify_orders.csv"), {}).ok());
    ImportOptions po = generic("products");
    po.number.decimal_comma = true;
    REQUIRE(import_file(a, import_fixture("generic_products.csv"), po).ok());
    REQUIRE(import_file(a, import_fixture("generic_customers.csv"), generic("customers")).ok());
    REQUIRE(import_file(a, import_fixture("traffic.csv"), generic("traffic")).ok());
    REQUIRE(import_file(a, import_fixture("ad_spend.csv"), generic("ad_spend")).ok());
    // Cells a spreadsheet would run as formulas, and a plain negative number.
    REQUIRE(a.write([](Writer& w) {
               Product p;
               p.sku = "=HYPERLINK(\"x\")";
               p.title = "-5 off, @home";
               p.unit_cost = -12;
               p.tags = "+vip";
               return w.put(p);
             }).ok());
    Store b = mem();
    const std::vector<std::pair<std::string, std::string>> order = {
        {"products", "products"},       {"customers", "customers"}, {"orders", "orders"},
        {"order_lines", "order_lines"}, {"refunds", "refunds"},     {"traffic_daily", "traffic"},
        {"ad_spend", "ad_spend"}};
    for (const auto& entry : order) {
      const std::string& table = entry.first;
      const std::string& target = entry.second;
      CAPTURE(table);
      auto t = export_table(a, table);
      REQUIRE(t.ok());
      std::string csv = to_csv(*t);
      auto r = import_file(b, temp_file("rt-" + table + ".csv", csv), generic(target.c_str()));
      REQUIRE_MESSAGE(r.ok(), r.error().message);
      CHECK(r->rows_rejected == 0);
      CHECK(r->rows_read == static_cast<int64_t>(t->rows.size()));
    }
    for (const auto& entry : order) {
      const std::string& table = entry.first;
      CAPTURE(table);
      CHECK(to_csv(*export_table(a, table)) == to_csv(*export_table(b, table)));
    }
  }
}

#include "core/io/values.h"
#include "core/members/programme.h"
#include "core/store/dataset.h"

TEST_CASE("generic customers: a birthday column as a date, a month and day, or 5月17日 (members #11)") {
  // Month-day birthdays are kept in the year 2000 (leap, so 02-29 exists); the members module
  // reads only the month (birthday tag and bonus).
  CHECK(*parse_birthday("1990-05-17", DateOrder::automatic) == days_from_civil(1990, 5, 17));
  CHECK(*parse_birthday("1990年5月17日", DateOrder::automatic) == days_from_civil(1990, 5, 17));
  CHECK(*parse_birthday("05-17", DateOrder::automatic) == days_from_civil(2000, 5, 17));
  CHECK(*parse_birthday("--05-17", DateOrder::automatic) == days_from_civil(2000, 5, 17));
  CHECK(*parse_birthday("5月17日", DateOrder::automatic) == days_from_civil(2000, 5, 17));
  CHECK(*parse_birthday("5月7号", DateOrder::automatic) == days_from_civil(2000, 5, 7));
  CHECK(*parse_birthday("5/17", DateOrder::automatic) == days_from_civil(2000, 5, 17));
  CHECK(*parse_birthday("17/5", DateOrder::automatic) == days_from_civil(2000, 5, 17));  // 17 cannot be a month
  CHECK(*parse_birthday("7/5", DateOrder::day_first) == days_from_civil(2000, 5, 7));
  CHECK(*parse_birthday("02-29", DateOrder::automatic) == days_from_civil(2000, 2, 29));
  CHECK(!parse_birthday("02-30", DateOrder::automatic).ok());
  CHECK(!parse_birthday("13-13", DateOrder::automatic).ok());
  CHECK(!parse_birthday("May 17", DateOrder::automatic).ok());
  CHECK(!parse_birthday("5月", DateOrder::automatic).ok());

  Store s = mem();
  const std::string path = temp_file("birthdays.csv",
                                     "customer_id,name,birthday\n"
                                     "c1,Ann,1990-05-17\n"
                                     "c2,Bo,05-17\n"
                                     "c3,Cai,5月17日\n"
                                     "c4,Dee,\n"
                                     "c5,Eve,02-30\n");
  auto r = import_file(s, path, generic("customers"));
  REQUIRE_MESSAGE(r.ok(), r.error().message);
  CHECK(r->rows_imported == 4);
  CHECK(r->rows_rejected == 1);
  REQUIRE(r->errors.size() == 1);
  CHECK(r->errors[0].line == 6);
  CHECK(r->errors[0].field == "birthday");
  CHECK(r->errors[0].value == "02-30");
  CHECK(q(s, "SELECT birthday FROM customers WHERE id='c1'") == days_from_civil(1990, 5, 17));
  CHECK(q(s, "SELECT birthday FROM customers WHERE id='c2'") == days_from_civil(2000, 5, 17));
  CHECK(q(s, "SELECT birthday FROM customers WHERE id='c3'") == days_from_civil(2000, 5, 17));
  CHECK(qs(s, "SELECT birthday FROM customers WHERE id='c4'") == "<null>");
  CHECK(q(s, "SELECT COUNT(*) FROM customers WHERE id='c5'") == 0);

  // The imported birthdays feed the member programme: c2 orders in May, gets the birthday
  // bonus (default programme: 200 points) once that year.
  REQUIRE(s.write([](Writer& w) -> Status {
               auto o = w.add_order(fixture::order("o1", "2025-05-03 10:00").with_customer("c2").with_amounts(10000));
               if (!o) return o.error();
               auto o2 = w.add_order(fixture::order("o2", "2025-06-03 10:00").with_customer("c4").with_amounts(10000));
               if (!o2) return o2.error();
               return Ok{};
             }).ok());
  auto ds = load_dataset(s);
  REQUIRE(ds.ok());
  auto prog = members::load_programme(s, *ds);
  REQUIRE(prog.ok());
  int64_t c2 = -1, c4 = -1;
  for (size_t i = 0; i < ds->customer_id.size(); ++i) {
    if (ds->customer_id[i] == "c2") c2 = static_cast<int64_t>(i);
    if (ds->customer_id[i] == "c4") c4 = static_cast<int64_t>(i);
  }
  REQUIRE(c2 >= 0);
  REQUIRE(c4 >= 0);
  CHECK(prog->birthdays[static_cast<size_t>(c2)] == days_from_civil(2000, 5, 17));
  CHECK(prog->birthdays[static_cast<size_t>(c4)] == -1);
  auto res = members::run_programme(*ds, *prog, 0);
  REQUIRE(res.ok());
  int64_t bonus_c2 = 0, bonus_c4 = 0;
  for (const auto& e : res->entries) {
    if (e.reason != "birthday") continue;
    if (e.customer == c2) bonus_c2 += e.delta;
    if (e.customer == c4) bonus_c4 += e.delta;
  }
  CHECK(bonus_c2 == prog->points.birthday_bonus);
  CHECK(bonus_c4 == 0);
}

TEST_CASE("generic orders: customer id, order id, date and amount are enough (members #11)") {
  // The minimal orders file: "amount" (金额) is what the buyer paid.
  for (const char* amount : {"amount", "Amount", "金额"}) {
    CAPTURE(amount);
    const Mapping m = suggest_mapping(Target::orders, {"customer_id", "order_id", "date", amount});
    bool paid = false, placed = false;
    for (const auto& fh : m) {
      if (fh.first == "paid_amount") paid = fh.second == amount;
      if (fh.first == "placed_at") placed = fh.second == "date";
    }
    CHECK(paid);
    CHECK(placed);
  }
  Store s = mem();
  const std::string path = temp_file("min-orders.csv",
                                     "customer_id,order_id,date,amount\n"
                                     "c1,o1,2025-01-03,10.50\n"
                                     "c1,o2,2025-02-03,20.00\n");
  auto r = import_file(s, path, generic("orders"));
  REQUIRE_MESSAGE(r.ok(), r.error().message);
  CHECK(r->orders_imported == 2);
  CHECK(q(s, "SELECT SUM(paid_amount) FROM orders") == 1050 + 2000);
}
