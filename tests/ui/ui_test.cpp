// UI tests without a window: locale formatting, the string table, and a headless smoke test that
// draws every section of the app with ImGui (no GL) over a real store.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>
#include <imgui.h>

#include <cstring>

#include "ui/app.h"
#include "ui/i18n/format.h"
#include "ui/i18n/strings.h"

using namespace shopkeeper;
using namespace shopkeeper::ui;

namespace {
class FakePlatform : public Platform {
 public:
  int persisted = 0;
  void persist() override { ++persisted; }
  SaveState save_state() const override { return {}; }
  bool persisted_storage() const override { return true; }
  std::string storage_error() const override { return {}; }
  void open_file(const char*) override {}
  std::optional<OpenedFile> take_opened_file() override { return std::nullopt; }
  void offer_download(const std::string&, const std::string&, const std::string&) override {}
  void set_clipboard(const std::string&) override {}
  Day today() const override { return days_from_civil(2026, 11, 23); }
  std::string data_dir() const override { return ":memory:"; }
  bool is_web() const override { return false; }
};

void draw_frames(App& app, Platform& p, int n) {
  for (int i = 0; i < n; ++i) {
    ImGuiIO& io = ImGui::GetIO();
    io.DisplaySize = ImVec2(1280, 800);
    io.DeltaTime = 1.0f / 60.0f;
    ImGui::NewFrame();
    draw_app(app, p);
    ImGui::Render();
  }
}
}  // namespace

TEST_SUITE("ui") {
  TEST_CASE("money formatting in both locales") {
    CHECK(format_money(129900, Lang::en) == "¥1,299.00");
    CHECK(format_money(-5, Lang::en) == "-¥0.05");
    CHECK(format_money(100, Lang::en, "USD") == "$1.00");
    CHECK(format_money(123456789, Lang::zh_CN) == "¥1,234,567.89");
    // Compact: 万 = 10^4, 亿 = 10^8 in Chinese; K/M/B in English; 3 significant digits.
    CHECK(format_money_compact(1234567800, Lang::zh_CN) == "¥1235万");
    CHECK(format_money_compact(123456700, Lang::zh_CN) == "¥123万");
    CHECK(format_money_compact(12345600, Lang::zh_CN) == "¥12.3万");
    CHECK(format_money_compact(25000000000, Lang::zh_CN) == "¥2.50亿");
    CHECK(format_money_compact(999900, Lang::zh_CN) == "¥9,999.00");
    CHECK(format_money_compact(123456700, Lang::en) == "¥1.23M");
    CHECK(format_money_compact(-123456700, Lang::en) == "-¥1.23M");
    CHECK(format_int_compact(15000, Lang::zh_CN) == "1.50万");
    CHECK(format_int_compact(9999, Lang::zh_CN) == "9,999");
    CHECK(format_int_compact(1500, Lang::en) == "1.50K");
    CHECK(format_int(1234567, Lang::en) == "1,234,567");
  }
  TEST_CASE("percentages and dates") {
    CHECK(format_percent(0.1234) == "12.3%");
    CHECK(format_percent(0.12345, 2) == "12.35%");
    CHECK(format_change(0.08) == "+8.0%");
    CHECK(format_change(-0.031) == "-3.1%");
    CHECK(format_change(std::numeric_limits<double>::infinity()) == "—");
    Day d = days_from_civil(2025, 11, 11);
    CHECK(format_date(d, Lang::en) == "2025-11-11");
    CHECK(format_date(d, Lang::zh_CN) == "2025年11月11日");
    CHECK(format_date_short(d, Lang::en) == "Nov 11");
    CHECK(format_date_short(d, Lang::zh_CN) == "11月11日");
  }
  TEST_CASE("every string has both languages, and Chinese differs from English") {
    for (int i = 0; i < static_cast<int>(S::count_); ++i) {
      S k = static_cast<S>(i);
      CHECK(std::strlen(tr(k, Lang::en)) > 0);
      CHECK(std::strlen(tr(k, Lang::zh_CN)) > 0);
    }
    CHECK(std::string(tr(S::nav_dashboard, Lang::zh_CN)) != tr(S::nav_dashboard, Lang::en));
  }
  TEST_CASE("date range presets") {
    Day anchor = days_from_civil(2026, 3, 15);
    DayRange all{days_from_civil(2024, 1, 1), anchor};
    CHECK(preset_range(RangePreset::last7, anchor, all) == DayRange{anchor - 6, anchor});
    CHECK(preset_range(RangePreset::this_month, anchor, all) == DayRange{days_from_civil(2026, 3, 1), anchor});
    CHECK(preset_range(RangePreset::last_month, anchor, all) ==
          DayRange{days_from_civil(2026, 2, 1), days_from_civil(2026, 2, 28)});
    CHECK(preset_range(RangePreset::this_year, anchor, all) == DayRange{days_from_civil(2026, 1, 1), anchor});
    CHECK(preset_range(RangePreset::all, anchor, all) == all);
  }
  TEST_CASE("sections parse by name") {
    for (int i = 0; i < static_cast<int>(Section::count_); ++i) {
      Section s = static_cast<Section>(i), back;
      REQUIRE(parse_section(section_name(s), back));
      CHECK(back == s);
    }
    Section s;
    CHECK_FALSE(parse_section("nope", s));
  }
  TEST_CASE("headless smoke: every section draws, demo opens through the UI flow, language switches") {
    ImGui::CreateContext();
    ImGui::GetIO().Fonts->AddFontDefault();
    unsigned char* px;
    int w, h;
    ImGui::GetIO().Fonts->GetTexDataAsRGBA32(&px, &w, &h);
    FakePlatform p;
    App app;
    REQUIRE(app.ws.open_memory().ok());
    app.ws.set_on_commit([&p] { p.persist(); });
    CHECK_FALSE(app.ws.initialized());
    draw_frames(app, p, 2);
    request_open_demo(app);
    draw_frames(app, p, 3);  // message frame, then generation
    CHECK(app.ui.error.empty());
    CHECK(app.ws.initialized());
    CHECK(app.ws.counts().orders > 0);
    CHECK(p.persisted >= 1);
    for (int i = 0; i < static_cast<int>(Section::count_); ++i) {
      navigate(app, static_cast<Section>(i));
      draw_frames(app, p, 2);
      CHECK(app.ui.section == static_cast<Section>(i));
    }
    CHECK(app.ui.range.range.length() == 30);  // "last 30 days" ending on the last order day
    CHECK(app.ui.range.range.last == app.ws.dataset().order_days().last);
    set_app_language(app, Lang::zh_CN);
    CHECK(language() == Lang::zh_CN);
    CHECK(app.ws.store().setting("language") == "zh-CN");
    draw_frames(app, p, 2);
    set_app_language(app, Lang::en);
    ImGui::DestroyContext();
  }
}

#include "ui/widgets/charts.h"

TEST_SUITE("charts") {
  TEST_CASE("nice ticks are 1/2/5 x 10^k steps covering the range") {
    auto t = nice_ticks(0, 97, 5);
    REQUIRE(t.size() >= 2);
    CHECK(t.front() == doctest::Approx(0));
    CHECK(t.back() >= 97);
    CHECK(t[1] - t[0] == doctest::Approx(25).epsilon(0.5));  // 20 or 50: a nice step
    double step = t[1] - t[0];
    double mant = step / std::pow(10.0, std::floor(std::log10(step)));
    CHECK((mant == doctest::Approx(1) || mant == doctest::Approx(2) || mant == doctest::Approx(5)));
    auto u = nice_ticks(12340, 98760, 6);
    CHECK(u.front() <= 12340);
    CHECK(u.back() >= 98760);
    CHECK(u.size() <= 8);
    auto neg = nice_ticks(-3.2, 7.9, 5);
    CHECK(neg.front() <= -3.2);
    CHECK(neg.back() >= 7.9);
    bool has_zero = std::any_of(neg.begin(), neg.end(), [](double v) { return v == 0.0; });
    CHECK(has_zero);
  }
}

#include <filesystem>
#include <fstream>

#include "ui/panels/panels.h"

TEST_SUITE("ui") {
  TEST_CASE("import through the Data section: plan, slices across frames, one commit, report") {
    ImGui::CreateContext();
    ImGui::GetIO().Fonts->AddFontDefault();
    unsigned char* px;
    int w, h;
    ImGui::GetIO().Fonts->GetTexDataAsRGBA32(&px, &w, &h);
    auto path = std::filesystem::temp_directory_path() / "sk-ui-import.csv";
    {
      std::ofstream f(path);
      f << "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n"
           "536365,85123A,HEART HOLDER,6,12/1/2010 8:26,2.55,17850,United Kingdom\n"
           "536365,71053,LANTERN,6,12/1/2010 8:26,3.39,17850,United Kingdom\n"
           "536366,22633,HAND WARMER,abc,12/1/2010 8:28,1.85,17850,United Kingdom\n"
           "536367,22632,HAND WARMER RED,2,12/1/2010 8:34,2.10,,United Kingdom\n";
    }
    FakePlatform p;
    App app;
    REQUIRE(app.ws.open_memory().ok());
    app.ws.set_on_commit([&p] { p.persist(); });
    start_import(app, path.string(), "sk-ui-import.csv");
    REQUIRE(app.ui.data.job != nullptr);
    CHECK(app.ui.section == Section::dashboard);  // start_import itself does not navigate
    navigate(app, Section::data);
    draw_frames(app, p, 2);
    CHECK(app.ws.counts().orders == 0);  // nothing is written before the user confirms
    REQUIRE(confirm_import(app));
    for (int i = 0; i < 10 && app.ui.data.job; ++i) draw_frames(app, p, 1);
    CHECK(app.ui.data.job == nullptr);
    REQUIRE(app.ui.data.report != nullptr);
    // 536366 has a bad quantity: that order is rejected whole; 536365 (2 lines) and the guest
    // order 536367 are imported.
    CHECK(app.ws.counts().orders == 2);
    CHECK(app.ws.counts().order_lines == 3);
    CHECK(p.persisted >= 1);
    CHECK(app.ws.initialized());
    std::filesystem::remove(path);
    ImGui::DestroyContext();
  }
}
