// Several shops in one store (issue #16, core/shops/shops.h): imports tagged with their shop,
// the code map with its suggestions and refusals, the comparison and the consolidated daily
// report. The store: the store's own shop 0 with products TEA-LJ and TEA-JJM (costs entered)
// and order O1; shop 1 抖店旗舰店 from douyin_orders.csv (its codes are the store's SKUs);
// shop 2 拼多多店 from pinduoduo_orders_gbk.csv (its own codes PDD-LJ, PDD-JJM). Files:
// tests/data/import/platforms/make_platform_fixtures.py; figures by hand in the comments.
#include <doctest/doctest.h>

#include "core/io/importer.h"
#include "core/shops/shops.h"
#include "core/store/dataset.h"
#include "core/store/store.h"
#include "fixture.h"
#include "platform_fixture.h"

using namespace shopkeeper;

namespace {

using fixture::D;

using fixture::platform_file;
using fixture::q;

// As `shopkeeper import --shop NAME` does it: the shop's id, the import, then the shop saved.
void import_as(Store& s, const std::string& file, const std::string& shop) {
  auto slot = shops::resolve_shop(s.db(), shop);
  REQUIRE(slot.ok());
  ImportOptions o;
  o.shop_id = slot->id;
  auto r = import_file(s, platform_file(file), o);
  REQUIRE_MESSAGE(r.ok(), r.error().message);
  REQUIRE(shops::save_shop(s, *slot, shop, shops::platform_of_format(r->format)).ok());
}

Store three_shops() {
  Store s = fixture::memory_store();
  REQUIRE(s.write([](Writer& w) -> Status {
             Product lj = fixture::product("TEA-LJ", 4000, 9900);
             lj.title = "明前龙井 250g";
             Product jjm = fixture::product("TEA-JJM", 5000, 12800);
             jjm.title = "金骏眉 100g";
             if (auto st = w.put(lj); !st) return st;
             if (auto st = w.put(jjm); !st) return st;
             auto o1 = fixture::order("O1", "2025-03-01 08:00:00").with_customer("C1").with_amounts(9900);
             o1.status = OrderStatus::completed;
             if (auto r = w.add_order(o1); !r) return r.error();
             return w.put(OrderLine{"O1", 1, "TEA-LJ", "明前龙井 250g", 1, 9900, 0, std::nullopt});
           }).ok());
  auto traffic = import_file(s, platform_file("sycm_shop_daily_gbk.csv"), {});  // shop 0's traffic
  REQUIRE(traffic.ok());
  import_as(s, "douyin_orders.csv", "抖店旗舰店");
  import_as(s, "pinduoduo_orders_gbk.csv", "拼多多店");
  return s;
}

int32_t product_of(const Dataset& ds, const std::string& sku) {
  for (size_t i = 0; i < ds.sku.size(); ++i)
    if (ds.sku[i] == sku) return static_cast<int32_t>(i);
  return -1;
}

int64_t lines_of(const Dataset& ds, int32_t product) {
  int64_t n = 0;
  for (int32_t p : ds.line_product) n += p == product;
  return n;
}

}  // namespace

TEST_SUITE("shops") {
  TEST_CASE("shops: each import tagged with its shop; the list with platforms and row counts") {
    Store s = three_shops();
    auto list = shops::list_shops(s.db());
    REQUIRE(list.ok());
    REQUIRE(list->size() == 3);
    CHECK((*list)[0].id == 0);
    CHECK((*list)[0].name.empty());
    CHECK((*list)[0].orders == 1);        // O1
    CHECK((*list)[0].traffic_rows == 3);  // the shop report's 3 days
    CHECK((*list)[1].name == "抖店旗舰店");
    CHECK((*list)[1].platform == "douyin");
    CHECK((*list)[1].orders == 2);  // D1, D2
    CHECK((*list)[1].lines == 3);
    CHECK((*list)[2].name == "拼多多店");
    CHECK((*list)[2].platform == "pinduoduo");
    CHECK((*list)[2].orders == 2);
    CHECK((*list)[2].lines == 2);
    // The same name again is the same shop.
    auto again = shops::resolve_shop(s.db(), "拼多多店");
    REQUIRE(again.ok());
    CHECK(again->exists);
    CHECK(again->id == 2);
    auto ds = load_dataset(s);
    REQUIRE(ds.ok());
    auto sd = shops::load_shop_data(s.db(), *ds);
    REQUIRE(sd.ok());
    CHECK(sd->several());
    // A store of one shop is not several.
    Store one = fixture::memory_store();
    REQUIRE(import_file(one, platform_file("douyin_orders.csv"), {}).ok());
    auto ds1 = load_dataset(one);
    REQUIRE(ds1.ok());
    auto sd1 = shops::load_shop_data(one.db(), *ds1);
    REQUIRE(sd1.ok());
    CHECK(!sd1->several());
    CHECK(sd1->order_shop.empty());
  }

  TEST_CASE("shops: suggestions by title, a mapping read as one product, refusals write nothing") {
    Store s = three_shops();
    auto sug = shops::suggest_codes(s.db());
    REQUIRE(sug.ok());
    // Shop 1's codes are the store's SKUs (costs entered): nothing to suggest. Shop 2's titles
    // equal the store's (bigram Jaccard 1): score 100.
    REQUIRE(sug->size() == 2);
    CHECK((*sug)[0].shop_id == 2);
    CHECK((*sug)[0].code == "PDD-JJM");
    CHECK((*sug)[0].sku == "TEA-JJM");
    CHECK((*sug)[0].why == "similar_title");
    CHECK((*sug)[0].score == 100);
    CHECK((*sug)[1].code == "PDD-LJ");
    CHECK((*sug)[1].sku == "TEA-LJ");

    shops::MapRefusal why;
    REQUIRE(shops::map_code(s, 2, "PDD-LJ", "TEA-LJ", &why).ok());
    CHECK(why.code.empty());
    CHECK(q(s, "SELECT COUNT(*) FROM products WHERE sku='PDD-LJ'") == 0);  // the import's row for the code
    auto ds = load_dataset(s);
    REQUIRE(ds.ok());
    // TEA-LJ's lines: O1, D1's first line, D2, and 拼多多's 250301-001 (its PDD-LJ) = 4.
    CHECK(lines_of(*ds, product_of(*ds, "TEA-LJ")) == 4);
    CHECK(product_of(*ds, "PDD-LJ") == -1);
    CHECK(q(s, "SELECT COUNT(*) FROM shop_code_lines WHERE code='PDD-LJ'") == 1);
    CHECK(q(s, "SELECT COUNT(*) FROM order_lines WHERE sku='TEA-LJ'") == 4);

    // Refusals, each writing nothing.
    const int64_t codes = q(s, "SELECT COUNT(*) FROM shop_codes");
    auto st = shops::map_code(s, 2, "PDD-JJM", "TEA-LJ", &why);
    CHECK(!st.ok());
    CHECK(why.code == "merges_two_products");
    CHECK(why.params == std::vector<std::string>{"PDD-JJM", "TEA-LJ", "PDD-LJ"});
    CHECK(st.error().message.find("would merge two different products") != std::string::npos);
    CHECK(q(s, "SELECT COUNT(*) FROM products WHERE sku='PDD-JJM'") == 1);
    CHECK(!shops::map_code(s, 1, "TEA-JJM", "TEA-LJ", &why).ok());
    CHECK(why.code == "code_is_product");  // TEA-JJM has its own cost
    CHECK(!shops::map_code(s, 2, "PDD-LJ", "TEA-JJM", &why).ok());
    CHECK(why.code == "code_mapped");
    CHECK(why.params[1] == "TEA-LJ");
    CHECK(!shops::map_code(s, 2, "PDD-JJM", "NOPE", &why).ok());
    CHECK(why.code == "unknown_sku");
    CHECK(!shops::map_code(s, 9, "PDD-JJM", "TEA-JJM", &why).ok());
    CHECK(why.code == "unknown_shop");
    CHECK(!shops::map_code(s, 2, "TEA-JJM", "TEA-JJM", &why).ok());
    CHECK(why.code == "same_code");
    CHECK(q(s, "SELECT COUNT(*) FROM shop_codes") == codes);
    CHECK(shops::map_code(s, 2, "PDD-LJ", "TEA-LJ", &why).ok());  // the same mapping again: nothing to do
    CHECK(q(s, "SELECT COUNT(*) FROM shop_codes") == codes);

    auto un = shops::unmap_code(s, 2, "PDD-LJ");
    REQUIRE(un.ok());
    CHECK(*un);
    // Exactly the rewritten line is the code's again: TEA-LJ keeps O1, D1's and D2's lines.
    CHECK(q(s, "SELECT COUNT(*) FROM order_lines WHERE sku='TEA-LJ'") == 3);
    CHECK(q(s, "SELECT COUNT(*) FROM order_lines WHERE sku='PDD-LJ' AND order_id='250301-001'") == 1);
    CHECK(q(s, "SELECT COUNT(*) FROM products WHERE sku='PDD-LJ'") == 1);
    CHECK(q(s, "SELECT COUNT(*) FROM shop_code_lines") == 0);
    auto un2 = shops::unmap_code(s, 2, "PDD-LJ");
    REQUIRE(un2.ok());
    CHECK(!*un2);
  }

  TEST_CASE("shops: a later import for a shop writes its mapped codes as the store's SKU") {
    Store s = three_shops();
    shops::MapRefusal why;
    REQUIRE(shops::map_code(s, 2, "PDD-JJM", "TEA-JJM", &why).ok());
    // A later 拼多多 export (UTF-8 this time) with one order, 250302-003: PDD-JJM x 2, for shop 2.
    const std::string header = "商品,订单号,订单状态,商品总价（元）,店铺优惠折扣(元),平台优惠折扣(元),邮费(元),用户实付金额(元),商家实收金额(元),"
                               "商品数量(件),收货人,省,市,支付时间,订单成交时间,商品id,商品规格,商家编码-SKU维度,商家编码-商品维度\r\n";
    const std::string row = "金骏眉 100g,250302-003,已签收,256.00,0.00,0.00,0.00,256.00,256.00,2,赵六,四川省,成都市,"
                            "2025-03-02 12:00:00,2025-03-02 12:00:00,88002,100g,PDD-JJM,PDD-JJM\r\n";
    const std::string path = fixture::temp_file("sk-pdd-more.csv", header + row);
    ImportOptions o;
    o.shop_id = 2;
    auto r = import_file(s, path, o);
    REQUIRE_MESSAGE(r.ok(), r.error().message);
    CHECK(r->orders_imported == 1);
    CHECK(q(s, "SELECT COUNT(*) FROM order_lines WHERE order_id='250302-003' AND sku='TEA-JJM'") == 1);
    CHECK(q(s, "SELECT COUNT(*) FROM shop_code_lines WHERE order_id='250302-003' AND code='PDD-JJM'") == 1);
    CHECK(q(s, "SELECT COUNT(*) FROM products WHERE sku='PDD-JJM'") == 0);  // no product row for a mapped code
    CHECK(q(s, "SELECT shop_id FROM orders WHERE id='250302-003'") == 2);
  }

  TEST_CASE("shops: comparison side by side and together, and the consolidated daily report") {
    Store s = three_shops();
    auto ds = load_dataset(s);
    REQUIRE(ds.ok());
    auto sd = shops::load_shop_data(s.db(), *ds);
    REQUIRE(sd.ok());
    auto rows = shops::compare_shops(*ds, *sd, DayRange{D(2025, 3, 1), D(2025, 3, 2)});
    REQUIRE(rows.size() == 4);
    // Shop 0: O1 99.00 to C1; traffic 1200 + 1000 visitors; conversion 1 / 2200.
    CHECK(rows[0].shop_id == 0);
    CHECK(rows[0].orders == 1);
    CHECK(rows[0].revenue == 9900);
    CHECK(rows[0].visitors == 2200);
    CHECK(rows[0].conversion == doctest::Approx(1.0 / 2200));
    // Shop 1: D1 326.00 (3 units, a guest); D2 is unpaid (待支付): not an order that counts; no traffic.
    CHECK(rows[1].shop_id == 1);
    CHECK(rows[1].orders == 1);
    CHECK(rows[1].revenue == 32600);
    CHECK(rows[1].units == 3);
    CHECK(rows[1].buyers == 1);
    CHECK(rows[1].conversion == -1);
    // Shop 2: 188.00 + 134.00 = 322.00 over 2 orders: 161.00 each; units 2 + 1.
    CHECK(rows[2].revenue == 32200);
    CHECK(rows[2].aov == 16100);
    CHECK(rows[2].units == 3);
    // All: 99.00 + 326.00 + 322.00 = 747.00 over 4 orders = 186.75; 4 buyers over 2200 visitors.
    CHECK(rows[3].shop_id == -1);
    CHECK(rows[3].orders == 4);
    CHECK(rows[3].revenue == 74700);
    CHECK(rows[3].aov == 18675);
    CHECK(rows[3].units == 7);
    CHECK(rows[3].buyers == 4);
    CHECK(rows[3].conversion == doctest::Approx(4.0 / 2200));

    auto daily = shops::daily_report(*ds, *sd, DayRange{D(2025, 3, 1), D(2025, 3, 2)});
    // 1 March: shops 0, 1, 2 and all; 2 March: shop 0 (traffic), shop 1 (D2) and all.
    REQUIRE(daily.size() == 7);
    CHECK(daily[3].day == D(2025, 3, 1));
    CHECK(daily[3].figures.shop_id == -1);
    CHECK(daily[3].figures.revenue == 74700);
    CHECK(daily[6].day == D(2025, 3, 2));
    CHECK(daily[6].figures.visitors == 1000);
    CHECK(daily[6].figures.orders == 0);
    auto list = shops::list_shops(s.db());
    REQUIRE(list.ok());
    Table t = shops::daily_table(daily, *list);
    REQUIRE(t.rows.size() == 7);
    CHECK(t.columns[0] == "day");
    CHECK(t.rows[1][2].str == "抖店旗舰店");
    CHECK(t.rows[3][2].str == "all");
    const std::string csv = to_csv(t);
    CHECK(csv.find("2025-03-01,,all,,4,747.00,7,4,1200,0.0033,186.75") != std::string::npos);
  }

  TEST_CASE("shops: per-product traffic gives products their conversion, codes mapped") {
    Store s = three_shops();
    REQUIRE(import_file(s, platform_file("sycm_product.csv"), {}).ok());  // shop 0: TEA-LJ, TEA-JJM
    // Shop 2 reports its code PDD-LJ: 200 visitors, 10 buyers on 3 March.
    ImportOptions o;
    o.shop_id = 2;
    o.format = "sycm-product";
    const std::string path = fixture::temp_file("sk-pdd-product.csv",
                                                "统计日期,商品ID,商品名称,商家编码,商品访客数,支付买家数\n2025-03-03,88001,明前龙井 250g,PDD-LJ,200,10\n");
    REQUIRE(import_file(s, path, o).ok());
    shops::MapRefusal why;
    REQUIRE(shops::map_code(s, 2, "PDD-LJ", "TEA-LJ", &why).ok());
    auto pt = shops::product_traffic(s.db());
    REQUIRE(pt.ok());
    REQUIRE(pt->size() == 2);
    // TEA-JJM: 500 visitors, 5 buyers: 1 %. TEA-LJ: 400 + 600 + 200 (PDD-LJ) visitors, 20 + 30 + 10 buyers: 5 %.
    CHECK((*pt)[0].sku == "TEA-JJM");
    CHECK((*pt)[0].conversion == doctest::Approx(0.01));
    CHECK((*pt)[1].sku == "TEA-LJ");
    CHECK((*pt)[1].visitors == 1200);
    CHECK((*pt)[1].buyers == 60);
    CHECK((*pt)[1].conversion == doctest::Approx(0.05));
  }
}

TEST_SUITE("shops") {
  TEST_CASE("shops: the imported 引流关键词 reports are Insights' keyword list") {
    Store s = fixture::memory_store();
    REQUIRE(import_file(s, platform_file("sycm_keyword_gbk.csv"), {}).ok());
    // A second day of 龙井 from another shop: 80 visitors, 4 buyers.
    ImportOptions o;
    o.shop_id = 1;
    const std::string path = fixture::temp_file("sk-kw-more.csv", "统计日期,引流关键词,访客数,支付买家数\n2025-03-02,龙井,80,4\n");
    REQUIRE(import_file(s, path, o).ok());
    auto k = shops::imported_keywords(s.db());
    REQUIRE(k.ok());
    REQUIRE(k->size() == 3);
    // Sorted by keyword bytes: 明前龙井 (E6 98 8E), 绿茶 新茶 (E7 BB BF), 龙井 (E9 BE 99).
    CHECK((*k)[2].keyword == "龙井");
    CHECK((*k)[2].visitors == 400);                                // 320 + 80
    CHECK((*k)[2].conversion == doctest::Approx(20.0 / 400));      // (16 + 4) buyers
    CHECK((*k)[1].conversion == doctest::Approx(1.0 / 80));        // 绿茶 新茶: 1 buyer of 80
  }
}
