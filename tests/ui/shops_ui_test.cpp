// Several shops in the UI (issue #16, ui/panels/shops.*): the Data section's code map clicked
// with the mouse (a suggestion confirmed is in the store; one that would merge two products is
// refused in words and writes nothing; a rejection and an unmap), and the dashboard's shop filter
// and Shops tab with the consolidated daily report downloaded as CSV and .xlsx and read back.
// Figures by hand in the comments.
#include <doctest/doctest.h>
#include <imgui.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/io/spreadsheet.h"
#include "core/shops/shops.h"
#include "tests/ui/harness.h"
#include "ui/app.h"
#include "ui/i18n/shops_words.h"
#include "ui/panels/shops.h"
#include "ui/sections.h"

using namespace shopkeeper;
using namespace shopkeeper::ui;

namespace {

// The web build's platform: each download's file kept by name (the path the app wrote).
class DownloadPlatform : public testing::FakePlatform {
 public:
  std::map<std::string, std::string> files;  // file name -> bytes
  void offer_download(const std::string& path, const std::string& name, const std::string&) override {
    std::ifstream f(path, std::ios::binary);
    std::stringstream b;
    b << f.rdbuf();
    files[name] = b.str();
  }
  bool is_web() const override { return true; }
};

int64_t count(App& app, const std::string& sql) {
  auto v = app.ws.store().db().scalar(sql);
  REQUIRE(v.ok());
  return *v;
}

// The store's own shop 0: products TEA-LJ 明前龙井 250g and TEA-JJM 金骏眉 100g (costs entered);
// O1 10 Nov to C1 100.00, O2 12 Nov to C2 50.00; 500 visitors on 10 Nov. Shop 1 拼多多店: P1 15 Nov
// to C1 80.00 (code PDD-LJ, 明前龙井 250g), P2 16 Nov a guest 60.00 (code PDD-LJ2, 明前龙井 250g 装);
// 200 visitors on 15 Nov. Both codes' titles are TEA-LJ's (bigram Jaccard 1 and 7/8).
void two_shops(App& app) {
  REQUIRE(app.ws.open_memory().ok());
  REQUIRE(app.ws.start_empty().ok());
  Status st = app.ws.write([](Writer& w) -> Status {
    for (auto [sku, title] : {std::pair{"TEA-LJ", "明前龙井 250g"}, std::pair{"TEA-JJM", "金骏眉 100g"}}) {
      Product p;
      p.sku = sku;
      p.title = title;
      p.unit_cost = 4000;
      p.list_price = 9900;
      if (auto s = w.put(p); !s) return s;
    }
    struct O {
      const char* id;
      const char* when;
      const char* customer;
      Money paid;
      const char* sku;
      const char* title;
    };
    for (const O& o : {O{"O1", "2026-11-10 09:00:00", "C1", 10000, "TEA-LJ", "明前龙井 250g"},
                       O{"O2", "2026-11-12 09:00:00", "C2", 5000, "TEA-JJM", "金骏眉 100g"},
                       O{"P1", "2026-11-15 09:00:00", "C1", 8000, "PDD-LJ", "明前龙井 250g"},
                       O{"P2", "2026-11-16 09:00:00", "", 6000, "PDD-LJ2", "明前龙井 250g 装"}}) {
      Order x;
      x.id = o.id;
      x.placed_at = *parse_timestamp(o.when);  // UTC
      x.paid_at = x.placed_at;
      x.status = OrderStatus::completed;
      if (*o.customer) x.customer_id = o.customer;
      x.items_amount = x.paid_amount = o.paid;
      if (auto r = w.add_order(x); !r) return r.error();
      OrderLine l;
      l.order_id = o.id;
      l.line_no = 1;
      l.sku = o.sku;
      l.title = o.title;
      l.qty = 1;
      l.unit_price = o.paid;
      if (auto s = w.put(l); !s) return s;
    }
    TrafficDay t;
    t.day = days_from_civil(2026, 11, 10);
    t.source = "all";
    t.visitors = 500;
    if (auto s = w.put(t); !s) return s;
    t.day = days_from_civil(2026, 11, 15);
    t.visitors = 200;
    if (auto s = w.put(t); !s) return s;
    for (const std::string& sql : {std::string("INSERT INTO shops(id,name,platform) VALUES(1,'拼多多店','pinduoduo')"),
                                   std::string("UPDATE orders SET shop_id=1 WHERE id IN ('P1','P2')"),
                                   "UPDATE traffic_daily SET shop_id=1 WHERE day=" + std::to_string(t.day)})
      if (auto s = w.db().exec(sql); !s) return s;
    return Ok{};
  });
  REQUIRE_MESSAGE(st.ok(), st.error().message);
}

std::vector<std::vector<std::string>> csv_cells(const std::string& text) {
  std::vector<std::vector<std::string>> rows;
  std::stringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    if (rows.empty() && line.rfind("\xEF\xBB\xBF", 0) == 0) line.erase(0, 3);  // the BOM
    if (!line.empty() && line.back() == '\r') line.pop_back();
    std::vector<std::string> row;
    std::string cell;
    std::stringstream ls(line);
    while (std::getline(ls, cell, ',')) row.push_back(cell);
    if (!line.empty() && line.back() == ',') row.emplace_back();
    rows.push_back(row);
  }
  return rows;
}

const ImVec2 kTall(1280, 2400);  // the whole Data section in view

}  // namespace

TEST_SUITE("ui") {
  TEST_CASE("shops ui: a suggested mapping confirmed with the mouse is in the store; one that would merge two products is refused in words") {
    testing::HeadlessImGui imgui;
    DownloadPlatform p;
    App app;
    two_shops(app);
    set_app_language(app, Lang::en);
    navigate(app, Section::data);
    testing::draw_frames(app, p, 3, kTall);
    REQUIRE(app.ui.data.shop_codes != nullptr);
    const ShopCodesUi& codes = *app.ui.data.shop_codes;
    // Both of shop 1's codes are suggested as TEA-LJ.
    REQUIRE(codes.suggestions.size() == 2);
    CHECK(codes.suggestions[0].code == "PDD-LJ");
    CHECK(codes.suggestions[1].code == "PDD-LJ2");
    CHECK(codes.suggestions[1].sku == "TEA-LJ");
    CHECK(codes.suggestions[1].score == 88);  // 7 of 8 bigrams in common

    // Confirm PDD-LJ: the mapping is stored and P1's line is TEA-LJ's.
    REQUIRE(testing::click_mark(app, p, "shops_confirm:PDD-LJ", kTall));
    CHECK(count(app, "SELECT COUNT(*) FROM shop_codes WHERE shop_id=1 AND code='PDD-LJ' AND sku='TEA-LJ'") == 1);
    CHECK(count(app, "SELECT COUNT(*) FROM order_lines WHERE order_id='P1' AND sku='TEA-LJ'") == 1);
    CHECK(codes.message == "PDD-LJ of 拼多多店 is now TEA-LJ.");
    CHECK(codes.links.size() == 1);

    // Confirm PDD-LJ2 as TEA-LJ too, in Chinese: the shop lists the two codes as two products, so
    // it is refused in words and nothing is written.
    set_app_language(app, Lang::zh_CN);
    testing::draw_frames(app, p, 2, kTall);
    const int64_t revision = app.ws.revision();
    REQUIRE(testing::click_mark(app, p, "shops_confirm:PDD-LJ2", kTall));
    CHECK(codes.refused);
    CHECK(codes.message.find("未对应，没有写入任何数据") == 0);
    CHECK(codes.message.find("会把两个不同的商品合并") != std::string::npos);
    CHECK(codes.message.find("PDD-LJ2") != std::string::npos);
    CHECK(app.ws.revision() == revision);
    CHECK(count(app, "SELECT COUNT(*) FROM shop_codes") == 1);
    CHECK(count(app, "SELECT COUNT(*) FROM order_lines WHERE order_id='P2' AND sku='PDD-LJ2'") == 1);
    // The same in English.
    set_app_language(app, Lang::en);
    testing::draw_frames(app, p, 2, kTall);
    REQUIRE(testing::click_mark(app, p, "shops_confirm:PDD-LJ2", kTall));
    CHECK(codes.message.find("would merge two different products") != std::string::npos);

    // Reject PDD-LJ2 as TEA-LJ: stored, and no longer suggested.
    REQUIRE(testing::click_mark(app, p, "shops_reject:PDD-LJ2", kTall));
    CHECK(count(app, "SELECT COUNT(*) FROM shop_code_rejects WHERE shop_id=1 AND code='PDD-LJ2' AND sku='TEA-LJ'") == 1);
    CHECK(codes.suggestions.empty());
    // Unmap PDD-LJ: P1's line has its code back.
    REQUIRE(testing::click_mark(app, p, "shops_unmap:PDD-LJ", kTall));
    CHECK(count(app, "SELECT COUNT(*) FROM shop_codes") == 0);
    CHECK(count(app, "SELECT COUNT(*) FROM order_lines WHERE order_id='P1' AND sku='PDD-LJ'") == 1);
    // PDD-LJ is suggested again (it was never rejected).
    REQUIRE(codes.suggestions.size() == 1);
    CHECK(codes.suggestions[0].code == "PDD-LJ");
  }

  TEST_CASE("shops ui: the dashboard's shop filter, the Shops tab, and the daily report downloaded as CSV and .xlsx") {
    testing::HeadlessImGui imgui;
    DownloadPlatform p;
    App app;
    two_shops(app);
    set_app_language(app, Lang::en);
    navigate(app, Section::dashboard);
    testing::draw_frames(app, p, 3);
    // The range: the last 30 days to the last order day, 16 Nov.
    const DayRange r = app.ui.range.range;
    REQUIRE(r.last == days_from_civil(2026, 11, 16));
    REQUIRE(app.ui.dashboard.cache != nullptr);  // computed
    // All shops: 100 + 50 + 80 + 60 = 290.00 over 4 orders; 500 + 200 visitors.
    CHECK(dashboard_kpis(app.ui.dashboard).current.sales == 29000);
    CHECK(dashboard_kpis(app.ui.dashboard).current.visitors == 700);

    // The shop filter, clicked: 拼多多店 alone is 80 + 60 = 140.00, 2 orders, 200 visitors; C1
    // is new to the shop (their first order there), and the guest is no customer.
    REQUIRE(testing::click_mark(app, p, "shop_filter"));
    REQUIRE(testing::click_mark(app, p, "shop_filter:1"));
    CHECK(app.ui.dashboard.shops.shop == 1);
    const KpiResult& k = dashboard_kpis(app.ui.dashboard);
    CHECK(k.current.sales == 14000);
    CHECK(k.current.valid_orders == 2);
    CHECK(k.current.visitors == 200);
    CHECK(k.current.new_customers == 1);
    // Back to all shops.
    REQUIRE(testing::click_mark(app, p, "shop_filter"));
    REQUIRE(testing::click_mark(app, p, "shop_filter:0"));
    CHECK(dashboard_kpis(app.ui.dashboard).current.sales == 15000);  // the own shop: O1 + O2
    app.ui.dashboard.shops.shop = -1;
    testing::draw_frames(app, p, 2);
    CHECK(dashboard_kpis(app.ui.dashboard).current.sales == 29000);

    // The Shops tab: the comparison, then the daily report's downloads.
    REQUIRE(testing::click_mark(app, p, "tab:Shops"));
    CHECK(std::string(shown_tab()) == "Shops");
    {
      const auto& cmp = app.ui.dashboard.shops.compare;
      REQUIRE(cmp.size() == 3);
      // Own shop 150.00 of 290.00 = 51.7 %; 拼多多店 140.00; AOV 140.00 / 2 = 70.00; buyers C1 and
      // the guest = 2 over 200 visitors = 1 %.
      CHECK(cmp[0].revenue == 15000);
      CHECK(cmp[0].share == doctest::Approx(15000.0 / 29000));
      CHECK(cmp[1].revenue == 14000);
      CHECK(cmp[1].aov == 7000);
      CHECK(cmp[1].buyers == 2);
      CHECK(cmp[1].conversion == doctest::Approx(0.01));
      // All: C1 bought in both shops and counts once: C1, C2, the guest = 3 buyers.
      CHECK(cmp[2].buyers == 3);
      CHECK(cmp[2].visitors == 700);

      const std::string base = "shops-daily-" + format_day(r.first) + "-" + format_day(r.last);
      REQUIRE(testing::click_mark(app, p, "export_csv:" + base));
      REQUIRE(p.files.count(base + ".csv") == 1);
      // The same table as `shopkeeper shops report` over the range.
      auto sd = app.ws.shop_data();
      REQUIRE(sd.ok());
      auto list = app.ws.shop_list();
      REQUIRE(list.ok());
      Table want = shops::daily_table(shops::daily_report(app.ws.dataset(), *sd, r), *list);
      want.money_decimals = 2;
      CHECK(p.files[base + ".csv"] == to_csv(want));
      // 10, 12, 15 and 16 Nov, each a shop row and an all-shops row.
      auto rows = csv_cells(p.files[base + ".csv"]);
      REQUIRE(rows.size() == 9);
      CHECK(rows[0][0] == "day");
      CHECK(rows[5][0] == "2026-11-15");
      CHECK(rows[5][2] == "拼多多店");
      CHECK(rows[5][5] == "80.00");
      CHECK(rows[5][8] == "200");

      // .xlsx, in Chinese: headers in Chinese, the same cells as the CSV.
      set_app_language(app, Lang::zh_CN);
      testing::draw_frames(app, p, 2);
      REQUIRE(testing::click_mark(app, p, "export_xlsx:" + base));
      REQUIRE(p.files.count(base + ".xlsx") == 1);
      const std::string& bytes = p.files[base + ".xlsx"];
      auto wb = read_workbook(bytes, base + ".xlsx");
      REQUIRE_MESSAGE(wb.ok(), wb.error().message);
      auto sheet = read_sheet(*wb, bytes, "");
      REQUIRE_MESSAGE(sheet.ok(), sheet.error().message);
      REQUIRE(sheet->rows.size() == rows.size());
      CHECK(sheet->rows[0][0] == "日期");
      CHECK(sheet->rows[0][2] == "店铺");
      CHECK(sheet->rows[0][5] == "销售额");
      for (size_t i = 1; i < rows.size(); ++i)
        for (size_t c = 0; c < rows[i].size(); ++c) {
          const std::string& a = rows[i][c];
          const std::string b = c < sheet->rows[i].size() ? sheet->rows[i][c] : std::string();
          CAPTURE(i);
          CAPTURE(c);
          CAPTURE(a);
          CAPTURE(b);
          char* end = nullptr;
          const double x = std::strtod(a.c_str(), &end);
          if (!a.empty() && end && *end == '\0' && c > 0) CHECK(std::fabs(x - std::strtod(b.c_str(), nullptr)) < 1e-9);
          else if (c > 0) CHECK(a == b);
        }
      set_app_language(app, Lang::en);
    }
  }

  TEST_CASE("shops ui: an import tagged with a shop typed in the plan creates the shop and tags its orders") {
    testing::HeadlessImGui imgui;
    DownloadPlatform p;
    App app;
    REQUIRE(app.ws.open_memory().ok());
    REQUIRE(app.ws.start_empty().ok());
    set_app_language(app, Lang::en);
    navigate(app, Section::data);
    const std::string path = std::string(SK_SOURCE_DIR) + "/tests/data/import/platforms/douyin_orders.csv";
    {
      PanelContext cx(app, p);
      start_import(cx, app.ui.data, path, "douyin_orders.csv");
    }
    REQUIRE(app.ui.data.job != nullptr);
    testing::draw_frames(app, p, 2, kTall);
    // Type the shop's name into the plan's Shop field, then click Import at once.
    REQUIRE(testing::click_mark(app, p, "import_shop", kTall));
    ImGui::GetIO().AddInputCharactersUTF8("抖店旗舰店");
    testing::draw_frames(app, p, 1, kTall);
    REQUIRE(testing::click_mark(app, p, "import_start", kTall));
    for (int i = 0; i < 50 && app.ui.data.job; ++i) testing::draw_frames(app, p, 1, kTall);
    REQUIRE(app.ui.data.job == nullptr);
    INFO("notice: ", app.ui.notice);
    REQUIRE(app.ws.counts().orders > 0);
    CHECK(count(app, "SELECT COUNT(*) FROM shops WHERE id=1 AND name='抖店旗舰店' AND platform='douyin'") == 1);
    CHECK(count(app, "SELECT COUNT(*) FROM orders WHERE shop_id<>1") == 0);
    // The dashboard offers the shop filter: rows of a shop other than the own one exist.
    auto sd = app.ws.shop_data();
    REQUIRE(sd.ok());
    CHECK(sd->several());
  }

  TEST_CASE("trust: every refused code mapping is worded in Chinese without English, and in English") {
    // The codes of core/shops/shops.h with parameters made of digits and signs only, so any run
    // of three ASCII letters in the Chinese sentence is English words.
    const std::vector<std::pair<std::string, std::vector<std::string>>> codes = {
        {"unknown_shop", {"#9"}},           {"unknown_sku", {"1-2"}},          {"same_code", {"1-2"}},
        {"code_mapped", {"1-2", "3-4"}},    {"merges_two_products", {"1-2", "3-4", "5-6"}},
        {"code_is_product", {"1-2", "3-4"}}};
    for (const auto& c : codes) {
      shops::MapRefusal r{c.first, c.second};
      const std::string zh = map_refusal_text(r, Lang::zh_CN), en = map_refusal_text(r, Lang::en);
      CAPTURE(zh);
      CAPTURE(en);
      int run = 0;
      bool english = false;
      for (char ch : zh) {
        run = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ? run + 1 : 0;
        english |= run >= 3;
      }
      CHECK_FALSE(english);
      for (const std::string& p : c.second) {  // every parameter is said, in both languages
        CHECK(zh.find(p) != std::string::npos);
        CHECK(en.find(p) != std::string::npos);
      }
      CHECK(en.find("Not mapped, nothing was changed: ") == 0);
    }
  }
}

