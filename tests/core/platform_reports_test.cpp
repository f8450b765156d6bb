// Platform report and order-export presets (issue #16, core/io/presets.cpp): 生意参谋 shop daily,
// product, traffic-source and keyword reports, 抖店, 拼多多 and 京东 order exports, detected from
// their headers, in UTF-8 and GBK, CSV and .xlsx; a report no preset knows is refused, nothing
// written. Fixtures: tests/data/import/platforms/make_platform_fixtures.py; figures by hand below.
#include <doctest/doctest.h>

#include <filesystem>

#include "core/io/csv.h"
#include "core/io/importer.h"
#include "core/io/table.h"
#include "core/store/schema.h"
#include "core/store/store.h"
#include "fixture.h"
#include "platform_fixture.h"
#include "xlsx_fixtures.h"

using namespace shopkeeper;

namespace {

using fixture::D;
using fixture::ts;

using fixture::platform_file;
using fixture::q;
using fixture::qd;
using fixture::qs;

std::string day(int y, int m, int d) { return std::to_string(D(y, m, d)); }

// A 京东 order export as the seller centre's .xlsx: J1 with two items, J2 cancelled.
std::string jd_workbook() {
  return sk_test::make_xlsx("jd.xlsx", [](lxw_workbook* wb) {
    lxw_worksheet* ws = workbook_add_worksheet(wb, "订单");
    const char* head[] = {"订单号", "商品ID", "商品名称", "订购数量", "支付方式", "下单时间", "京东价", "订单金额",
                          "应付金额", "订单状态", "下单帐号", "客户姓名", "客户地址", "运费金额", "付款确认时间"};
    for (int c = 0; c < 15; ++c) worksheet_write_string(ws, 0, static_cast<lxw_col_t>(c), head[c], nullptr);
    struct Row {
      const char *id, *sku, *title;
      double qty;
      const char* placed;
      double price;
      const char *status, *account, *name, *address;
      double ship;
      const char* paid;
    };
    const Row rows[] = {
        {"J1", "100001", "明前龙井 250g", 1, "2025-03-01 09:30:00", 59.9, "完成", "jd_buyer1", "钱七", "浙江 杭州", 0, "2025-03-01 09:31:00"},
        {"J1", "100002", "白毫银针 50g", 3, "2025-03-01 09:30:00", 10, "完成", "jd_buyer1", "钱七", "浙江 杭州", 0, "2025-03-01 09:31:00"},
        {"J2", "100001", "明前龙井 250g", 2, "2025-03-02 15:00:00", 59.9, "已取消", "jd_buyer2", "孙八", "上海", 0, ""},
    };
    lxw_row_t r = 1;
    for (const Row& x : rows) {
      worksheet_write_string(ws, r, 0, x.id, nullptr);
      worksheet_write_string(ws, r, 1, x.sku, nullptr);  // JD item ids are digits: typed as text
      worksheet_write_string(ws, r, 2, x.title, nullptr);
      worksheet_write_number(ws, r, 3, x.qty, nullptr);
      worksheet_write_string(ws, r, 4, "在线支付", nullptr);
      worksheet_write_string(ws, r, 5, x.placed, nullptr);
      worksheet_write_number(ws, r, 6, x.price, nullptr);
      worksheet_write_number(ws, r, 7, 89.9, nullptr);
      worksheet_write_number(ws, r, 8, 89.9, nullptr);
      worksheet_write_string(ws, r, 9, x.status, nullptr);
      worksheet_write_string(ws, r, 10, x.account, nullptr);
      worksheet_write_string(ws, r, 11, x.name, nullptr);
      worksheet_write_string(ws, r, 12, x.address, nullptr);
      worksheet_write_number(ws, r, 13, x.ship, nullptr);
      worksheet_write_string(ws, r, 14, x.paid, nullptr);
      ++r;
    }
  });
}

// Every table of the store as CSV, for "the same rows" checks (the import log names the file).
std::string tables(Store& s) {
  std::string all;
  for (const auto& t : exportable_tables()) {
    if (t == "import_log") continue;
    auto tb = export_table(s, t);
    REQUIRE(tb.ok());
    all += t + "\n" + to_csv(*tb);
  }
  for (auto [t, columns] : {std::pair{"product_traffic", 12}, std::pair{"keyword_traffic", 7}}) {
    auto st = s.db().prepare(std::string("SELECT * FROM ") + t + " ORDER BY 1,2,3");
    REQUIRE(st.ok());
    while (st->step())
      for (int c = 0; c < columns; ++c) all += st->text(c) + (c + 1 < columns ? "," : "\n");
  }
  return all;
}

// A CSV fixture as a one-sheet workbook, every cell typed as text the way the CSV has it.
std::string as_xlsx(const std::string& name) {
  auto dec = decode_text(fixture::slurp(platform_file(name)));
  REQUIRE(dec.ok());
  const std::string text = dec->text;
  return sk_test::make_xlsx(name + ".xlsx", [&](lxw_workbook* wb) {
    lxw_worksheet* ws = workbook_add_worksheet(wb, "报表");
    CsvReader rd(text, ',');
    CsvRecord rec;
    lxw_row_t r = 0;
    while (rd.next(rec)) {
      for (size_t c = 0; c < rec.fields.size(); ++c)
        worksheet_write_string(ws, r, static_cast<lxw_col_t>(c), std::string(rec.fields[c]).c_str(), nullptr);
      ++r;
    }
  });
}

}  // namespace

TEST_SUITE("shops") {
  TEST_CASE("presets: each CSV fixture as .xlsx imports the same rows") {
    for (const char* name : {"sycm_shop_daily_gbk.csv", "sycm_product.csv", "sycm_source.csv", "sycm_keyword_gbk.csv",
                             "douyin_orders.csv", "pinduoduo_orders_gbk.csv"}) {
      CAPTURE(name);
      Store a = fixture::memory_store();
      auto ra = import_file(a, platform_file(name), {});
      REQUIRE(ra.ok());
      const std::string path = fixture::temp_file(std::string("sk-") + name + ".xlsx", as_xlsx(name));
      Store b = fixture::memory_store();
      auto rb = import_file(b, path, {});
      REQUIRE_MESSAGE(rb.ok(), rb.error().message);
      CHECK(rb->sheet == "报表");  // through the workbook reader
      CHECK(rb->format == ra->format);
      CHECK(rb->rows_imported == ra->rows_imported);
      CHECK(rb->rows_imported > 0);
      CHECK(tables(b) == tables(a));
      std::filesystem::remove(path);
    }
  }

  TEST_CASE("presets: 生意参谋 shop daily report (GBK, title line, percent rates) -> traffic; twice adds nothing") {
    Store s = fixture::memory_store();
    auto r = import_file(s, platform_file("sycm_shop_daily_gbk.csv"), {});
    REQUIRE_MESSAGE(r.ok(), r.error().message);
    CHECK(r->format == "sycm-shop");
    CHECK(r->target == "traffic");
    CHECK(r->encoding == "gb18030");  // GBK files are read as its superset
    CHECK(r->rows_imported == 3);
    CHECK(q(s, "SELECT COUNT(*) FROM traffic_daily") == 3);
    // 2025-03-01: 访客数 1200, 浏览量 3600, 支付买家数 36, 加购人数 80, 商品访客数 900, 45.5 s.
    const std::string d1 = " WHERE day=" + day(2025, 3, 1);
    CHECK(q(s, "SELECT visitors FROM traffic_daily" + d1) == 1200);
    CHECK(q(s, "SELECT page_views FROM traffic_daily" + d1) == 3600);
    CHECK(q(s, "SELECT buyers FROM traffic_daily" + d1) == 36);
    CHECK(q(s, "SELECT add_to_carts FROM traffic_daily" + d1) == 80);
    CHECK(q(s, "SELECT product_views FROM traffic_daily" + d1) == 900);
    CHECK(qd(s, "SELECT avg_seconds FROM traffic_daily" + d1) == doctest::Approx(45.5));
    CHECK(qs(s, "SELECT source FROM traffic_daily" + d1) == "all");
    CHECK(q(s, "SELECT shop_id FROM traffic_daily" + d1) == 0);
    CHECK(q(s, "SELECT SUM(visitors) FROM traffic_daily") == 3700);  // 1200 + 1000 + 1500
    auto again = import_file(s, platform_file("sycm_shop_daily_gbk.csv"), {});
    REQUIRE(again.ok());
    CHECK(q(s, "SELECT COUNT(*) FROM traffic_daily") == 3);
    CHECK(q(s, "SELECT SUM(visitors) FROM traffic_daily") == 3700);
  }

  TEST_CASE("presets: 生意参谋 product report -> product_traffic, per code and day") {
    Store s = fixture::memory_store();
    auto r = import_file(s, platform_file("sycm_product.csv"), {});
    REQUIRE_MESSAGE(r.ok(), r.error().message);
    CHECK(r->format == "sycm-product");
    CHECK(r->target == "product_traffic");
    CHECK(q(s, "SELECT COUNT(*) FROM product_traffic") == 3);
    // TEA-LJ: visitors 400 + 600, buyers 20 + 30; 1 March: 2160.00 paid, 5.00 % -> 0.05.
    CHECK(q(s, "SELECT SUM(visitors) FROM product_traffic WHERE sku='TEA-LJ'") == 1000);
    CHECK(q(s, "SELECT SUM(buyers) FROM product_traffic WHERE sku='TEA-LJ'") == 50);
    CHECK(q(s, "SELECT paid_amount FROM product_traffic WHERE sku='TEA-LJ' AND day=" + day(2025, 3, 1)) == 216000);
    CHECK(q(s, "SELECT add_to_cart_buyers FROM product_traffic WHERE sku='TEA-LJ' AND day=" + day(2025, 3, 1)) == 40);
    CHECK(q(s, "SELECT add_to_cart_units FROM product_traffic WHERE sku='TEA-LJ' AND day=" + day(2025, 3, 2)) == 60);
    CHECK(q(s, "SELECT units FROM product_traffic WHERE sku='TEA-LJ' AND day=" + day(2025, 3, 2)) == 33);
    CHECK(qd(s, "SELECT conversion FROM product_traffic WHERE sku='TEA-JJM'") == doctest::Approx(0.01));
    CHECK(qs(s, "SELECT title FROM product_traffic WHERE sku='TEA-JJM'") == "金骏眉 100g");
  }

  TEST_CASE("presets: 生意参谋 traffic-source report -> traffic per source with buyers") {
    Store s = fixture::memory_store();
    auto r = import_file(s, platform_file("sycm_source.csv"), {});
    REQUIRE_MESSAGE(r.ok(), r.error().message);
    CHECK(r->format == "sycm-source");
    CHECK(q(s, "SELECT COUNT(*) FROM traffic_daily") == 3);
    CHECK(q(s, "SELECT visitors FROM traffic_daily WHERE source='直通车'") == 300);
    CHECK(q(s, "SELECT buyers FROM traffic_daily WHERE source='手淘搜索'") == 21);  // 支付买家数, not 下单买家数 25
    CHECK(q(s, "SELECT SUM(visitors) FROM traffic_daily") == 1200);               // 700 + 300 + 200
    CHECK(q(s, "SELECT SUM(buyers) FROM traffic_daily") == 36);                   // 21 + 9 + 6
  }

  TEST_CASE("presets: 引流关键词 report (GBK) -> keyword_traffic; conversion as a fraction") {
    Store s = fixture::memory_store();
    auto r = import_file(s, platform_file("sycm_keyword_gbk.csv"), {});
    REQUIRE_MESSAGE(r.ok(), r.error().message);
    CHECK(r->format == "sycm-keyword");
    CHECK(r->target == "keyword_traffic");
    CHECK(q(s, "SELECT COUNT(*) FROM keyword_traffic") == 3);
    CHECK(q(s, "SELECT visitors FROM keyword_traffic WHERE keyword='龙井'") == 320);
    CHECK(q(s, "SELECT buyers FROM keyword_traffic WHERE keyword='明前龙井'") == 9);
    CHECK(qd(s, "SELECT conversion FROM keyword_traffic WHERE keyword='明前龙井'") == doctest::Approx(0.06));
    CHECK(qd(s, "SELECT conversion FROM keyword_traffic WHERE keyword='绿茶 新茶'") == doctest::Approx(0.0125));
  }

  TEST_CASE("presets: 抖店 order export, one row per 子订单 grouped by 主订单编号") {
    Store s = fixture::memory_store();
    auto r = import_file(s, platform_file("douyin_orders.csv"), {});
    REQUIRE_MESSAGE(r.ok(), r.error().message);
    CHECK(r->format == "douyin-orders");
    CHECK(r->orders_imported == 2);
    CHECK(r->lines_imported == 3);
    // D1: 2 x 99.00 + 1 x 128.00 = 326.00, no discount, no postage.
    CHECK(q(s, "SELECT items_amount FROM orders WHERE id='D1'") == 32600);
    CHECK(q(s, "SELECT paid_amount FROM orders WHERE id='D1'") == 32600);
    CHECK(q(s, "SELECT status FROM orders WHERE id='D1'") == static_cast<int64_t>(OrderStatus::completed));
    CHECK(q(s, "SELECT status FROM orders WHERE id='D2'") == static_cast<int64_t>(OrderStatus::pending));  // 待支付
    CHECK(qs(s, "SELECT channel FROM orders WHERE id='D1'") == "douyin");
    CHECK(q(s, "SELECT placed_at FROM orders WHERE id='D1'") == ts(2025, 3, 1, 10, 0));
    CHECK(q(s, "SELECT qty FROM order_lines WHERE order_id='D1' AND sku='TEA-LJ'") == 2);
    CHECK(qs(s, "SELECT region FROM orders WHERE id='D2'") == "江苏省");
  }

  TEST_CASE("presets: 拼多多 order export (GBK, （元） headers): the shop's own discount, not the platform's") {
    Store s = fixture::memory_store();
    auto r = import_file(s, platform_file("pinduoduo_orders_gbk.csv"), {});
    REQUIRE_MESSAGE(r.ok(), r.error().message);
    CHECK(r->format == "pinduoduo-orders");
    CHECK(r->encoding == "gb18030");  // GBK files are read as its superset
    CHECK(r->orders_imported == 2);
    // 250301-001: goods 198.00 for 2, shop discount 10.00, postage 0: paid 188.00 = 商家实收金额
    // (the platform's 5.00 is paid to the seller by the platform).
    CHECK(q(s, "SELECT items_amount FROM orders WHERE id='250301-001'") == 19800);
    CHECK(q(s, "SELECT discount_amount FROM orders WHERE id='250301-001'") == 1000);
    CHECK(q(s, "SELECT paid_amount FROM orders WHERE id='250301-001'") == 18800);
    CHECK(q(s, "SELECT unit_price FROM order_lines WHERE order_id='250301-001'") == 9900);  // 198.00 / 2
    CHECK(qs(s, "SELECT sku FROM order_lines WHERE order_id='250301-001'") == "PDD-LJ");
    CHECK(q(s, "SELECT status FROM orders WHERE id='250301-001'") == static_cast<int64_t>(OrderStatus::completed));
    // 250301-002: 128.00 + 6.00 postage; 已发货，待签收 is shipped.
    CHECK(q(s, "SELECT paid_amount FROM orders WHERE id='250301-002'") == 13400);
    CHECK(q(s, "SELECT status FROM orders WHERE id='250301-002'") == static_cast<int64_t>(OrderStatus::shipped));
    CHECK(qs(s, "SELECT channel FROM orders WHERE id='250301-002'") == "pinduoduo");
  }

  TEST_CASE("presets: 京东 order export as .xlsx through the workbook reader") {
    std::string bytes = jd_workbook();
    REQUIRE(!bytes.empty());
    const std::string path = fixture::temp_file("sk-jd-orders.xlsx", bytes);
    Store s = fixture::memory_store();
    auto r = import_file(s, path, {});
    REQUIRE_MESSAGE(r.ok(), r.error().message);
    CHECK(r->format == "jd-orders");
    CHECK(r->orders_imported == 2);
    CHECK(r->lines_imported == 3);
    // J1: 1 x 59.90 + 3 x 10.00 = 89.90.
    CHECK(q(s, "SELECT items_amount FROM orders WHERE id='J1'") == 8990);
    CHECK(q(s, "SELECT status FROM orders WHERE id='J1'") == static_cast<int64_t>(OrderStatus::completed));
    CHECK(q(s, "SELECT status FROM orders WHERE id='J2'") == static_cast<int64_t>(OrderStatus::cancelled));
    CHECK(qs(s, "SELECT customer_id FROM orders WHERE id='J2'") == "jd_buyer2");
    CHECK(qs(s, "SELECT channel FROM orders WHERE id='J1'") == "jd");
    CHECK(q(s, "SELECT qty FROM order_lines WHERE order_id='J1' AND sku='100002'") == 3);
    std::filesystem::remove(path);
  }

  TEST_CASE("presets: a report from an unknown platform is refused in words, nothing written") {
    Store s = fixture::memory_store();
    auto r = import_file(s, platform_file("unknown_report.csv"), {});
    REQUIRE(!r.ok());
    CHECK(r.error().message.find("unknown_report.csv") != std::string::npos);
    CHECK(r.error().message.find("looks like a platform report") != std::string::npos);
    CHECK(r.error().message.find("店铺UV") != std::string::npos);  // the columns found
    CHECK(q(s, "SELECT COUNT(*) FROM traffic_daily") == 0);
    CHECK(q(s, "SELECT COUNT(*) FROM orders") == 0);
    CHECK(q(s, "SELECT COUNT(*) FROM import_log") == 0);
    Importer imp;
    CHECK(!imp.begin(fixture::slurp(platform_file("unknown_report.csv")), {}).ok());
    CHECK(imp.refusal().why == FileWhy::unknown_report);
    // Told what it is, the same file imports.
    ImportOptions o;
    o.format = "generic";
    o.target = "traffic";
    o.mapping = {{"day", "日期"}, {"visitors", "店铺UV"}, {"page_views", "店铺PV"}};
    auto ok = import_file(s, platform_file("unknown_report.csv"), o);
    REQUIRE_MESSAGE(ok.ok(), ok.error().message);
    CHECK(q(s, "SELECT visitors FROM traffic_daily") == 1000);
  }

  TEST_CASE("presets: a report preset asked for another target names what it imports") {
    Store s = fixture::memory_store();
    ImportOptions o;
    o.format = "sycm-shop";
    o.target = "orders";
    auto r = import_file(s, platform_file("sycm_shop_daily_gbk.csv"), o);
    REQUIRE(!r.ok());
    CHECK(r.error().message.find("imports traffic") != std::string::npos);
  }

  TEST_CASE("schema 25 runs again over its own result: traffic keeps its shop and buyers") {
    const std::string dir = fixture::temp_path("sk_shops_schema25");
    {
      auto s = Store::open(dir);
      REQUIRE(s.ok());
      ImportOptions o;
      o.shop_id = 1;
      REQUIRE(import_file(*s, platform_file("sycm_source.csv"), o).ok());
      CHECK(q(*s, "SELECT COUNT(*) FROM traffic_daily WHERE shop_id=1") == 3);
      CHECK(s->db().exec("PRAGMA main.user_version=18; PRAGMA facts.user_version=18;").ok());
    }
    auto s = Store::open(dir);
    REQUIRE_MESSAGE(s.ok(), s.error().message);
    CHECK(*schema_version(s->db()) == kSchemaVersion);
    CHECK(q(*s, "SELECT COUNT(*) FROM traffic_daily WHERE shop_id=1") == 3);
    CHECK(q(*s, "SELECT SUM(buyers) FROM traffic_daily") == 36);
    CHECK(q(*s, "SELECT COUNT(*) FROM shops") == 0);  // shop 0, the store's own, has no row
    std::filesystem::remove_all(dir);
  }
}
