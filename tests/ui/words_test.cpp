// Words the core hands over as codes (issue #17 item 3), worded in ui/i18n: metric labels, alert
// sentences as the CLI prints them, check-list items; every code in both languages.
//
// Issue #10: the error paths ui_test.cpp's walk over every section does not reach, drawn in
// Chinese: a refused purchase-order file (Planning), a refused keyword report and impossible A/B
// figures (Insights), a broken workbook (Data) and an invalid promotion with its tooltip
// (Promotions). Each must show no English words (tests/ui/drawn_text.h; the same rule as the
// words test: runs of 3+ ASCII letters that are not the seller's data). Also: every input issue
// code (core/base/issue.h) and every promotion check has Chinese words without English.
#include <doctest/doctest.h>
#include <imgui.h>

#include <cctype>
#include <cfloat>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include "core/analytics/alerts.h"
#include "core/analytics/decomposition.h"
#include "core/insights/titles.h"
#include "core/promotions/store_io.h"
#include "tests/core/xlsx_fixtures.h"
#include "tests/ui/drawn_text.h"
#include "tests/ui/harness.h"
#include "ui/app.h"
#include "ui/i18n/checklist_words.h"
#include "ui/i18n/decomposition_words.h"
#include "ui/i18n/issues.h"
#include "ui/i18n/metric_words.h"
#include "ui/i18n/names.h"
#include "ui/panels/panels.h"
#include "ui/panels/promotions.h"
#include "ui/panels/promotions/shared.h"
#include "ui/widgets/widgets.h"

using namespace shopkeeper;
using namespace shopkeeper::ui;

namespace {

// Runs of 3+ ASCII letters in `s` (what the words test counts as English).
std::vector<std::string> words_in(const std::string& s) {
  std::vector<std::string> out;
  for (size_t i = 0; i < s.size();) {
    if (!std::isalpha(static_cast<unsigned char>(s[i]))) {
      ++i;
      continue;
    }
    size_t j = i;
    while (j < s.size() && std::isalpha(static_cast<unsigned char>(s[j]))) ++j;
    if (j - i >= 3) out.push_back(s.substr(i, j - i));
    i = j;
  }
  return out;
}

// The formats and brands the words test allows (tests/ui/ui_test.cpp lists why).
const std::set<std::string> kAllowed = {"CSV", "JSON", "XLSX", "SKU", "UTF", "GBK", "Excel"};

std::string write_temp(const std::string& name, const std::string& bytes) {
  auto p = std::filesystem::temp_directory_path() / name;
  std::ofstream f(p, std::ios::binary);
  f << bytes;
  return p.string();
}

}  // namespace

TEST_SUITE("ui") {
  TEST_CASE("words: every metric has its label and definition in both languages") {
    std::set<std::string> zh_labels;
    for (int k = 0; k < kMetricCount; ++k) {
      const auto m = static_cast<Metric>(k);
      CAPTURE(metric_name(m));
      const std::string en = metric_label(m, Lang::en), zh = metric_label(m, Lang::zh_CN);
      CHECK_FALSE(en.empty());
      CHECK(zh != en);
      CHECK(zh_labels.insert(zh).second);
      for (const auto& w : words_in(zh)) CHECK_MESSAGE(w == "GMV", "English word in a Chinese label: " << w);
      CHECK(std::string(metric_definition(m, Lang::en)).size() > 10);
      CHECK(std::string(metric_definition(m, Lang::zh_CN)).size() > 5);
    }
  }

  // The CLI's alert sentences (report --what alerts, sentence_en / sentence_zh) as the core built
  // them before they moved here: tests/core/analytics_test.cpp "alerts: a weekday-aware band"
  // and tests/core/trust_test.cpp (a value one cent outside 65.00 to 135.00; an expected peak).
  TEST_CASE("words: alert sentences as the CLI prints them") {
    Alert a;
    a.day = days_from_civil(2025, 3, 15);  // a Saturday
    a.metric = Metric::sales;
    a.value = 100000, a.band.median = 300000, a.band.low = 195000, a.band.high = 405000, a.band.n = 8;
    a.direction = -1;
    // |1000 - 3000| / 3000 = 67 %
    CHECK(alert_sentence_plain(a, Lang::en) ==
          "2025-03-15 (Saturday): Sales (paid) was 1000.00, 67% below the usual for a Saturday (median 3000.00, "
          "expected 1950.00 to 4050.00, from the last 8 Saturdays).");
    CHECK(alert_sentence_plain(a, Lang::zh_CN) ==
          "2025-03-15（周六）：销售额（实付）为 1000.00，低于平常的周六 67%（中位数 3000.00，正常范围 1950.00 至 "
          "4050.00，参考过去 8 个周六）。");
    a.value = 13501, a.band.median = 10000, a.band.low = 6500, a.band.high = 13500, a.direction = 1;
    a.expected = true, a.occasion = "double_11";
    const std::string en = alert_sentence_plain(a, Lang::en);
    CHECK(en.find("was 135.01, 35% above") != std::string::npos);
    CHECK(en.find("expected 65.00 to 135.00") != std::string::npos);
    CHECK(en.find("; expected: double_11.") != std::string::npos);
    CHECK(alert_sentence_plain(a, Lang::zh_CN).find("；预期中的高峰：double_11。") != std::string::npos);
    // The UI's own sentence formats money as the UI does (#10 item 9).
    CHECK(alert_sentence(a, Lang::en, "").find("was ¥135.01") != std::string::npos);
  }

  // The decomposition's sentences as the core wrote them before they moved here
  // (tests/core/analytics_test.cpp: "sales and gross profit decomposition", "orders down but
  // sales up"); the CLI's kpi prints these.
  TEST_CASE("words: why it changed, in both languages") {
    Decomposition d;
    d.metric = Metric::sales, d.ok = true, d.before = 3000, d.after = 9500, d.change = 9500.0 / 3000 - 1;
    const double lnY = std::log(9500.0 / 3000.0);
    Factor v, c, a;
    v.key = "visitors", v.own_change = 1.5, v.share = std::log(2.5) / lnY;
    c.key = "conversion_rate", c.rate = true, c.own_change = -0.005, c.share = std::log(0.8) / lnY;
    a.key = "aov", a.own_change = 2375.0 / 1500 - 1, a.share = std::log(2375.0 / 1500) / lnY;
    d.factors = {v, c, a};
    d.sentence = DecompSentence::drivers, d.main = 0, d.against = 1;
    CHECK(decomposition_sentence(d, Lang::en) ==
          "Sales rose 216.7%, mainly because visitors rose 150.0% (+79% of the change), although conversion rate fell "
          "0.50 pp (-19% of the change).");
    CHECK(decomposition_sentence(d, Lang::zh_CN) ==
          "销售额上升216.7%，主要因为访客数上升150.0%（占变化的+79%），尽管转化率下降0.50个百分点（占变化的-19%）。");
    Totals before, after;
    before.visitors = after.visitors = 1000;
    before.valid_orders = 100, before.sales = 100000;
    after.valid_orders = 92, after.sales = 103000;
    const Decomposition o = decompose_sales(before, after);
    CHECK(decomposition_sentence(o, Lang::en) ==
          "Orders fell 8.0% but sales rose 3.0%: average order value rose 12.0% (+382% of the change).");
    CHECK(decomposition_sentence(o, Lang::zh_CN) == "订单数下降8.0%，但销售额上升3.0%：客单价上升12.0%（占变化的+382%）。");
    const Decomposition none = decompose_sales(Totals{}, after);
    CHECK(decomposition_reason(none, Lang::en) == "orders is zero, negative or unknown in one of the periods");
    CHECK(decomposition_reason(none, Lang::zh_CN) == "订单数在其中一个时段为零、负数或未知，无法分解");
    CHECK(decomposition_sentence(decompose_sales(before, before), Lang::en) == "Sales was unchanged.");
    CHECK(decomposition_sentence(decompose_gross_profit(Totals{}, after), Lang::zh_CN).find("对比期没有毛利") == 0);
    for (const char* k : {"visitors", "conversion_rate", "orders", "aov", "sales", "kept_after_refunds", "cost_coverage", "gross_margin"}) {
      CAPTURE(k);
      CHECK(std::string(factor_label(k, Lang::en)).size() > 2);
      CHECK(words_in(factor_label(k, Lang::zh_CN)).empty());
    }
  }

  TEST_CASE("words: every check-list item is worded in both languages, money as the UI formats it") {
    // tests/core/analytics_test.cpp "check-list": visitors 100 a week earlier, 60 yesterday.
    ChecklistItem t;
    t.why = ItemWhy::metric_vs_last_week;
    t.metric = static_cast<int32_t>(Metric::visitors);
    t.day = days_from_civil(2025, 5, 29);
    t.value = 60, t.reference = 100;
    CHECK(checklist_text(t, Lang::en) == "Visitors (UV) on 2025-05-29: 60, 40% lower than the same weekday last week (100).");
    CHECK(checklist_text(t, Lang::zh_CN) == "2025年5月29日 访客数 (UV)：60，比上周同日（100）低40%。");
    ChecklistItem r;
    r.why = ItemWhy::refunds_spike;
    r.day = t.day;
    r.value = 500000, r.reference = 10000, r.high = 40000;
    CHECK(checklist_text(r, Lang::en) ==
          "Refunds spiked on 2025-05-29: ¥5,000.00 refunded, above the usual band (median ¥100.00, up to ¥400.00 over the last 28 days).");
    for (int k = 0; k < kItemWhyCount; ++k) {
      ChecklistItem it;
      it.why = static_cast<ItemWhy>(k);
      it.metric = static_cast<int32_t>(Metric::sales);
      it.day = t.day, it.at = 1764000000;
      it.value = 3, it.reference = 4, it.count = 2, it.price = 100, it.floor = 200;
      it.name = "nm", it.sku = "sk";
      CAPTURE(k);
      const std::string zh = checklist_text(it, Lang::zh_CN), en = checklist_text(it, Lang::en);
      CHECK_FALSE(zh.empty());
      CHECK(en.size() > 10);
      for (const auto& w : words_in(zh)) CHECK_MESSAGE(w.size() < 3, "English word in a Chinese check-list item: " << w);
    }
  }
}

TEST_SUITE("ui") {
  TEST_CASE("trust: every input issue code is worded in Chinese without English, and in the core's English") {
    for (int k = 1; k < kInputWhyCount; ++k)
      for (int n = 0; n < 3; ++n) {
        // Two-letter stand-ins for the parameters: any run of 3+ letters is the sentence's own.
        InputIssue i{static_cast<InputWhy>(k), "", 3, "co", "pa", "pb", n, 2};
        if (k % 2) i.sheet = "sh";
        CAPTURE(input_why_name(i.why));
        CAPTURE(n);
        const std::string zh = input_issue_text(i, Lang::zh_CN);
        CHECK_FALSE(zh.empty());
        CHECK(zh.find("第 3 行") != std::string::npos);
        for (const auto& w : words_in(zh)) {
          CAPTURE(zh);
          CHECK_MESSAGE(kAllowed.count(w), "English word in a Chinese input issue: " << w);
        }
        CHECK(input_issue_text(i, Lang::en) == input_issue_en(i));
      }
    // A store or system failure (no issue): Chinese names the kind of failure, not the detail.
    const Error db{ErrorCode::db_error, "disk I/O error"};
    CHECK(error_text(db, Lang::en) == "disk I/O error");
    CHECK(words_in(error_text(db, Lang::zh_CN)).empty());
  }

  TEST_CASE("trust: every promotion check is worded in Chinese without English") {
    set_language(Lang::zh_CN);
    for (int k = 1; k < promo::kCheckCount; ++k) {
      promo::ValidationIssue i{"P", "params", static_cast<promo::Check>(k), "English"};
      const std::string zh = promo_panel::issue_text(i);
      CAPTURE(promo::check_name(i.code));
      CHECK_FALSE(zh.empty());
      for (const auto& w : words_in(zh)) {
        CAPTURE(zh);
        CHECK_MESSAGE(w.size() < 3, "English word in a Chinese check: " << w);  // X, N, Y of 每满X, 第N件
      }
    }
    set_language(Lang::en);
  }

  TEST_CASE("trust: error paths drawn in Chinese show no English (PO file, keyword report, A/B, workbook, promotion)") {
    testing::HeadlessImGui imgui;
    testing::FakePlatform p;
    App app;
    testing::open_small_demo(app, 1500, 30, 6);
    set_app_language(app, Lang::zh_CN);

    // Words of the seller's own data and files: SKUs, product titles, and the bad files' names,
    // column names and values (shown as the file has them).
    std::set<std::string> allowed = kAllowed;
    auto allow = [&](const std::string& s) {
      for (auto& w : words_in(s)) allowed.insert(w);
    };
    const Dataset& ds = app.ws.dataset();
    for (const auto* v : {&ds.sku, &ds.product_title, &ds.categories.names}) {
      for (const auto& s : *v) allow(s);
    }
    // As the words test allows them (tests/ui/ui_test.cpp): brands and the public data set whose
    // layouts the importer reads, a key's name, the data folder, the store's promotions.
    for (const char* w : {"Shopify", "WooCommerce", "UCI", "Online", "Retail", "Esc"}) allowed.insert(w);
    allow(p.data_dir());
    auto promos = promo::load_stored_promotions(app.ws.store().db());
    REQUIRE(promos.ok());
    for (const auto& r : *promos) allow(r.promotion.id), allow(r.promotion.name), allow(r.promotion.coupon_code);
    allow("sk-po-bad.csv id supplier_id sku qty ordered ZZZ-9 keyword visitors conversion mug abc sk-broken.xlsx");
    allow("sk-formula.xlsx Data");

    std::map<std::string, std::string> found;  // English word -> where
    static std::vector<ImVec4> targets;
    tooltip_target_hook = [](float x0, float y0, float x1, float y1) { targets.emplace_back(x0, y0, x1, y1); };
    auto scan = [&](const std::string& where) {
      for (const auto& drawn : test::scan_drawn_text().lines) {
        std::string line;  // a command or a header to type, between backticks, is code (as in ui_test.cpp)
        bool code = false;
        for (char c : drawn) {
          if (c == '`') code = !code;
          else if (!code) line += c;
        }
        for (const auto& w : words_in(line))
          if (!allowed.count(w)) found.emplace(w, where + ": " + line);
      }
    };
    // Draws, scans, then hovers every tooltip of the view and scans again.
    auto view = [&](const std::string& where) {
      ImGui::GetIO().MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
      targets.clear();
      testing::draw_frames(app, p, 3, ImVec2(1920, 2400));
      scan(where);
      const std::vector<ImVec4> here = targets;
      for (const ImVec4& r : here) {
        if (r.z <= r.x || r.w <= r.y) continue;
        ImGui::GetIO().MousePos = ImVec2((r.x + r.z) * 0.5f, (r.y + r.w) * 0.5f);
        testing::draw_frames(app, p, 2, ImVec2(1920, 2400));
        scan(where + " (tooltip)");
      }
      ImGui::GetIO().MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
    };

    // Planning, purchase orders: a row naming a SKU the store does not have.
    const std::string po = write_temp("sk-po-bad.csv", "id,supplier_id,sku,qty,ordered\nP1,1,ZZZ-9,5,2026-11-01\n");
    navigate(app, Section::planning);
    app.ui.planning.tab_request = 3;
    testing::draw_frames(app, p, 2);
    open_purchase_orders_file(app.ws, app.ui.planning, po);
    CHECK(app.ui.planning.po_message.find("sk-po-bad.csv 第 2 行") == 0);
    CHECK(app.ui.planning.po_message.find("商品库中没有 SKU 为“ZZZ-9”的商品") != std::string::npos);
    app.ui.planning.tab_request = 3;
    view("planning purchase orders");
    std::filesystem::remove(po);

    // Insights, listing titles: a stored keyword report with a conversion that is not a rate.
    REQUIRE(app.ws.set_setting(insights::kKeywordReportKey, "keyword,visitors,conversion\nmug,12,abc\n").ok());
    navigate(app, Section::insights);
    app.ui.insights.tab_request = 3;
    testing::draw_frames(app, p, 2);
    CHECK(app.ui.insights.titles.keywords_error == "第 2 行，“conversion”列：“abc”不是有效的比率");
    view("insights keyword report");

    // Insights, A/B: more conversions than visitors.
    app.ui.insights.ab[0] = 10, app.ui.insights.ab[1] = 11, app.ui.insights.ab[2] = 10, app.ui.insights.ab[3] = 1;
    app.ui.insights.tab_request = 5;
    testing::draw_frames(app, p, 2);
    CHECK(app.ui.insights.ab_error == "A 组的转化数（11）多于访客数（10）");
    view("insights A/B");

    // Data: a workbook that is a zip of something else, and one whose cell holds a formula
    // without a saved value.
    navigate(app, Section::data);
    const std::string broken = write_temp("sk-broken.xlsx", sk_test::make_zip("x.zip", {{"a.txt", "hello"}}));
    start_import(app, broken, "sk-broken.xlsx");
    CHECK(app.ui.notice.find("sk-broken.xlsx：这个压缩包里没有 Excel 工作簿") != std::string::npos);
    view("data broken workbook");
    const std::string formula = write_temp(
        "sk-formula.xlsx",
        sk_test::make_raw_xlsx("sk-formula.xlsx",
                               "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>订单号</t></is></c><c r=\"B1\" t=\"inlineStr\"><is><t>单价</t></is></c></row>"
                               "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>F-1</t></is></c><c r=\"B2\"><f>A3*2</f></c></row>"));
    start_import(app, formula, "sk-formula.xlsx");
    CHECK(app.ui.notice.find("sk-formula.xlsx，工作表“Data” 第 2 行，“B”列：公式没有保存计算结果") != std::string::npos);
    view("data formula workbook");
    std::filesystem::remove(broken);
    std::filesystem::remove(formula);

    // Promotions: an invalid promotion in the editor (it ends before it starts; its tiers do not
    // rise), its issues listed and their tooltips hovered.
    navigate(app, Section::promotions);
    app.ui.promotions.tab_request = 0;
    testing::draw_frames(app, p, 2);
    REQUIRE(app.ui.promotions.editor != nullptr);
    promo::Promotion bad;
    bad.id = "BAD1", bad.name = "tiers", bad.kind = promo::Kind::threshold_tiers, bad.layer = promo::Layer::shop;
    bad.params.tiers = {{50000, 3000, 0}, {30000, 6000, 0}};
    bad.conditions.starts_at = *parse_timestamp("2026-11-20 00:00");
    bad.conditions.ends_at = *parse_timestamp("2026-11-10 00:00");
    allow("BAD1 tiers");
    promo_editor_load(*app.ui.promotions.editor, bad, "draft");
    testing::draw_frames(app, p, 2);
    CHECK(app.ui.promotions.editor->issues.size() >= 2);
    view("promotion with issues");

    tooltip_target_hook = nullptr;
    set_app_language(app, Lang::en);
    for (const auto& [w, where] : found) MESSAGE("English in the Chinese UI: \"" << w << "\" at " << where);
    CHECK(found.empty());
  }
}
