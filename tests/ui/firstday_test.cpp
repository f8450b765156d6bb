// Issue #9: what a first-day seller types, pastes and reads. Pasting a spreadsheet column into a
// one-line field, the focused field as the hosts see it, and money in the store's currency.
#include <doctest/doctest.h>
#include <imgui.h>
#include <imgui_internal.h>

#include <filesystem>
#include <fstream>
#include <set>

#include "core/catalog/product_edit.h"
#include "core/demo/generator.h"
#include "core/promotions/json_io.h"
#include "core/promotions/store_io.h"
#include "ui/app.h"
#include "ui/i18n/format.h"
#include "ui/panels/panels.h"
#include "ui/panels/product_edit.h"
#include "ui/widgets/date_field.h"
#include "ui/widgets/list_edit.h"
#include "ui/widgets/widgets.h"
#include "ui/widgets/text_input.h"
#include "drawn_text.h"
#include "harness.h"
#include "../core/fixture.h"

using namespace shopkeeper;
using namespace shopkeeper::ui;

namespace {
using testing::click_mark;
using testing::draw_frames;
using testing::FakePlatform;
using testing::HeadlessImGui;

Product product(const char* sku, std::optional<Money> cost, Money price) {
  Product p = fixture::product(sku, cost, price, "tea");
  p.title = std::string("Tea ") + sku;
  return p;
}


// The promotions table's row for `id`, every column as text (the stored spec byte for byte).
std::string stored_row(App& app, const std::string& id) {
  auto st = app.ws.store().db().prepare(
      "SELECT id, name, kind, layer, starts_at, ends_at, priority, exclusive, stackable, status, spec_json FROM promotions WHERE id = ?");
  REQUIRE(st.ok());
  st->bind(1, id);
  std::string row;
  while (st->step())
    for (int c = 0; c < 11; ++c) row += std::string(st->text_view(c)) + "\x1f";
  return row;
}

// A promotion with every field the editor does not show set, a moment with seconds, and an
// exclusion list of 250 SKUs (2,749 characters joined with ", ").
promo::Promotion long_promotion() {
  promo::Promotion p;
  p.id = "P-LONG", p.name = "全店9折 (except the warehouse lines)";
  p.kind = promo::Kind::percent_off, p.layer = promo::Layer::shop;
  p.params.bp = 1000;
  for (int i = 1; i <= 250; ++i) {
    char b[16];
    std::snprintf(b, sizeof b, "WARE-%04d", i);
    p.scope.exclude_skus.push_back(b);
  }
  p.scope.categories = {"tea, oolong", "  spaced  "};  // a comma and spaces inside a value
  p.conditions.starts_at = *parse_timestamp("2026-12-01 09:30:15");
  p.conditions.ends_at = *parse_timestamp("2026-12-12 00:00:00");
  p.conditions.channels = {"tmall"};
  promo::Scope cond;
  cond.categories = {"trousers"};
  p.conditions.scope = cond;
  p.conditions.include_shipping = true;
  p.compounding = false;
  p.group = "g1";
  p.max_units = 3;
  p.max_units_per_customer = 2;
  p.pick = promo::Pick::dearest;
  p.budget.total = 500000;
  p.budget.redeemed_amount = 1200;
  p.platform_class = "shop_red_packet";
  p.combines_with = std::vector<std::string>{"shipping"};
  return p;
}

}  // namespace

TEST_SUITE("firstday") {
  TEST_CASE("products: an edit, its undo, the cost sheet, and the missing-cost view") {
    HeadlessImGui imgui;
    FakePlatform platform(days_from_civil(2026, 12, 1));
    App app;
    REQUIRE(app.ws.open_memory().ok());
    REQUIRE(app.ws.write([](Writer& wr) -> Status {
                for (auto p : {product("T-1", 2000, 5000), product("T-2", std::nullopt, 3000), product("T-3", std::nullopt, 2500)})
                  if (auto r = wr.put(p); !r) return r;
                return wr.set_setting("initialized", "1");
              }).ok());
    navigate(app, Section::products);
    draw_frames(app, platform, 3);
    CHECK(app.ui.products.rows.size() == 3);
    // The data-quality link: only the two without a cost.
    app.ui.products.only_missing_cost = true;
    draw_frames(app, platform, 2);
    CHECK(app.ui.products.rows.size() == 2);

    // One cell: T-2's cost 12.00; the Dataset (margins) follows at once; undo puts it back.
    REQUIRE(commit_product_edit(app.ws, app.ui.products, {"T-2", catalog::ProductField::unit_cost, {1200, {}}}, "T-2 cost"));
    CHECK(app.ws.dataset().product_cost[1] == 1200);
    draw_frames(app, platform, 2);
    CHECK(app.ui.products.rows.size() == 1);  // T-2 has a cost now
    REQUIRE(undo_product_edit(app.ws, app.ui.products));
    CHECK(app.ws.dataset().product_cost[1] == -1);
    CHECK_FALSE(undo_product_edit(app.ws, app.ui.products));  // the undo is used up
    // A refused edit says why and changes nothing.
    CHECK_FALSE(commit_product_edit(app.ws, app.ui.products, {"T-2", catalog::ProductField::status, {{}, "sold"}}, "x"));
    CHECK_FALSE(product_edit_state(app.ui.products).message.empty());

    // Bulk: a pasted column pair; preview first (nothing written), then one transaction.
    ProductEditState& st = product_edit_state(app.ui.products);
    st.sheet = "SKU\tcost\nT-2\t9.90\nT-3\t8\nT-404\t1\n";
    REQUIRE(preview_cost_sheet(app.ws, app.ui.products));
    REQUIRE(st.plan);
    CHECK(st.plan->changes.size() == 2);
    CHECK(st.plan->not_found.size() == 1);
    CHECK(app.ws.dataset().product_cost[1] == -1);
    const int64_t rev = app.ws.revision();
    REQUIRE(apply_cost_sheet_plan(app.ws, app.ui.products));
    CHECK(app.ws.revision() == rev + 1);  // one write
    CHECK(app.ws.dataset().product_cost[1] == 990);
    CHECK(app.ws.dataset().product_cost[2] == 800);
    draw_frames(app, platform, 2);
    CHECK(app.ui.products.rows.empty());  // every product has a cost now
  }

  TEST_CASE("a spreadsheet column pastes into a one-line field as a list") {
    // A column copied from a spreadsheet: CRLF rows and a trailing line break.
    CHECK(paste_for_single_line("HRB-0021\r\nWARE-0001\r\nWARE-0002\r\n") == "HRB-0021, WARE-0001, WARE-0002");
    // LF only, blank rows dropped.
    CHECK(paste_for_single_line("a\n\nb\n") == "a, b");
    // Two columns: cells joined by a space, rows by a comma.
    CHECK(paste_for_single_line("T-1\t12.50\nT-2\t3\n") == "T-1 12.50, T-2 3");
    // One cell with a trailing line break (a single spreadsheet cell copied).
    CHECK(paste_for_single_line("金骏眉\r\n") == "金骏眉");
    // Plain text is left exactly as it is, spaces included.
    CHECK(paste_for_single_line("  black tea ") == "  black tea ");
  }

  TEST_CASE("the focused text field: whole value, multiline flag, clipboard adapted only for one-line fields") {
    HeadlessImGui imgui;
    ImGuiIO& io = ImGui::GetIO();
    io.DisplaySize = ImVec2(800, 600);
    char one[64] = "";
    char many[256] = "";
    ImGuiID one_id = 0;
    auto frame = [&](bool focus_one, bool focus_many) {
      io.DeltaTime = 1.0f / 60;
      ImGui::NewFrame();
      ImGui::Begin("w");
      if (focus_one) ImGui::SetKeyboardFocusHere();
      ImGui::InputText("##one", one, sizeof one);
      one_id = ImGui::GetItemID();
      if (focus_many) ImGui::SetKeyboardFocusHere();
      ImGui::InputTextMultiline("##many", many, sizeof many);
      ImGui::End();
      ImGui::Render();
    };
    frame(false, false);
    CHECK_FALSE(active_text_input().active);
    frame(true, false);
    frame(false, false);
    TextInputInfo t = active_text_input();
    REQUIRE(t.active);
    CHECK(ImGui::GetActiveID() == one_id);
    CHECK_FALSE(t.multiline);
    io.AddInputCharactersUTF8("金骏眉");
    frame(false, false);
    t = active_text_input();
    CHECK(t.value == "金骏眉");
    CHECK(std::string(one) == "金骏眉");
    CHECK(std::string(adapt_clipboard_for_active_field("a\r\nb\r\n")) == "a, b");
    frame(false, true);
    frame(false, false);
    t = active_text_input();
    REQUIRE(t.active);
    CHECK(t.multiline);
    CHECK(std::string(adapt_clipboard_for_active_field("a\r\nb\r\n")) == "a\r\nb\r\n");
  }

  TEST_CASE("money in the store's currency and scale") {
    set_store_money("JPY", 0);
    CHECK(format_money(129900, Lang::en) == "¥129,900");
    CHECK(format_money(-5, Lang::en) == "-¥5");
    set_store_money("USD", 2);
    CHECK(format_money(129900, Lang::en) == "$1,299.00");
    CHECK(format_money(100, Lang::en, "EUR") == "€1.00");
    // A store imported with --decimals 3 keeps mills: 12.345 is 12345 mills, not 123.45.
    set_store_money("CNY", 3);
    CHECK(format_money(12345, Lang::en) == "¥12.345");
    CHECK(format_money_compact(123456700, Lang::en) == "¥123K");  // 123,456.700
    set_store_money("GBP", 2);
    CHECK(format_money(250, Lang::zh_CN) == "£2.50");
    set_store_money("CNY", 2);  // back to the default for the other tests
    CHECK(format_money(129900, Lang::en) == "¥1,299.00");
  }

  TEST_CASE("lists: a stored promotion opened and saved unchanged keeps its spec byte-equal; a 2,749-character exclusion list survives editing") {
    HeadlessImGui imgui;
    FakePlatform platform(days_from_civil(2026, 12, 1));
    App app;
    REQUIRE(app.ws.open_memory().ok());
    const promo::Promotion lp = long_promotion();
    std::string joined;
    for (const auto& s : lp.scope.exclude_skus) joined += (joined.empty() ? "" : ", ") + s;
    REQUIRE(joined.size() == 250 * 9 + 249 * 2);  // 2,749 characters: the old 256-byte field cut it at 255
    REQUIRE(app.ws.write([&](Writer& wr) -> Status {
                for (auto p : {product("T-1", 2000, 5000), product("WARE-0001", 100, 900)})
                  if (auto r = wr.put(p); !r) return r;
                if (auto r = promo::save_promotion(wr, lp, "draft"); !r) return r;
                return wr.set_setting("initialized", "1");
              }).ok());
    const std::string before = stored_row(app, "P-LONG");
    REQUIRE(before.find("WARE-0250") != std::string::npos);

    navigate(app, Section::promotions);
    draw_frames(app, platform, 2);
    PromotionsUi& pu = app.ui.promotions;
    REQUIRE(pu.data);
    REQUIRE(pu.data->rows.size() == 1);
    // Opened in the editor and drawn (chips, pickers, every field), then saved without a change.
    promo_editor_load(*pu.editor, pu.data->rows[0].promotion, pu.data->rows[0].status);
    draw_frames(app, platform, 3);
    CHECK(pu.editor->open);
    CHECK(pu.editor->exclude.size() == 250);
    CHECK(pu.editor->starts == "2026-12-01 09:30:15");  // the seconds are shown, not dropped
    CHECK(pu.editor->ends == "2026-12-12 00:00");
    promo_editor_save(app, *pu.editor);
    CHECK(pu.editor->save_stage == 0);
    CHECK(pu.editor->parse_errors.empty());
    CHECK(stored_row(app, "P-LONG") == before);

    // Edited (a new name, one more excluded SKU): the 250 others are all still there.
    draw_frames(app, platform, 2);
    PromoEditor& e = *pu.editor;
    e.name = "全店9折";
    add_to_list(e.exclude, split_list_text("WARE-0251"));
    e.dirty = true;
    promo_editor_save(app, e);
    auto stored = promo::load_stored_promotions(app.ws.store().db());
    REQUIRE(stored.ok());
    REQUIRE(stored->size() == 1);
    const promo::Promotion& got = (*stored)[0].promotion;
    CHECK(got.name == "全店9折");
    REQUIRE(got.scope.exclude_skus.size() == 251);
    CHECK(std::equal(lp.scope.exclude_skus.begin(), lp.scope.exclude_skus.end(), got.scope.exclude_skus.begin()));
    CHECK(got.scope.exclude_skus.back() == "WARE-0251");
    // What the editor does not show is kept.
    CHECK(got.scope.categories == lp.scope.categories);
    CHECK(got.max_units == lp.max_units);
    CHECK(got.budget.total == lp.budget.total);
    CHECK(got.group == "g1");
    CHECK(got.conditions.scope.has_value());
  }

  TEST_CASE("lists: typing, Enter, a typed comma and a pasted spreadsheet column add values to a 250-value list") {
    HeadlessImGui imgui;
    ImGuiIO& io = ImGui::GetIO();
    io.DisplaySize = ImVec2(800, 600);
    io.KeyMap[ImGuiKey_Enter] = 13;
    io.KeyMap[ImGuiKey_V] = 'V';
    // The hosts' clipboard: a column copied from a spreadsheet, adapted for a one-line field.
    io.GetClipboardTextFn = [](void*) -> const char* { return adapt_clipboard_for_active_field("X-1\r\nX-2\r\nX-3\r\n"); };
    std::vector<std::string> items = long_promotion().scope.exclude_skus;
    ListEditState st;
    bool changed = false;
    auto frame = [&](bool = false) {
      io.DeltaTime = 1.0f / 60;
      ImGui::NewFrame();
      ImGui::SetNextWindowPos(ImVec2(0, 0));
      ImGui::SetNextWindowSize(ImVec2(700, 500));
      ImGui::Begin("w");
      changed = list_edit("##ex", items, st, 400);
      ImGui::End();
      ImGui::Render();
    };
    auto press = [&](int key, bool ctrl) {
      io.KeyCtrl = ctrl;
      io.KeysDown[key] = true;
      frame(false);
      io.KeysDown[key] = false;
      io.KeyCtrl = false;
      frame(false);
    };
    frame(false);
    CHECK(list_chip_rows(items, 400) > 5);  // a long list: chips scroll inside five rows
    // A click in the add field (where the widget drew it).
    auto click_add = [&]() {
      ImVec2 at(-1, -1);
      for (const auto& m : test_marks())
        if (m.name == "list:##ex") at = ImVec2(m.x, m.y);
      REQUIRE(at.x >= 0);
      io.MousePos = at;
      frame();
      io.MouseDown[0] = true;
      frame();
      io.MouseDown[0] = false;
      frame();
    };
    click_add();
    REQUIRE(active_text_input().active);
    io.AddInputCharactersUTF8("NEW-1");
    frame(false);
    CHECK(st.pending == "NEW-1");
    CHECK(items.size() == 250);
    press(13, false);  // Enter adds it
    CHECK(items.size() == 251);
    CHECK(items.back() == "NEW-1");
    CHECK(st.pending.empty());
    click_add();
    io.AddInputCharacter('A');
    frame(false);
    io.AddInputCharacter(',');  // a typed comma closes the value
    frame(false);
    CHECK(changed);
    CHECK(items.back() == "A");
    CHECK(active_text_input().value.empty());
    press('V', true);  // Ctrl+V: the pasted column adds three values
    REQUIRE(items.size() == 255);
    CHECK(items[252] == "X-1");
    CHECK(items[254] == "X-3");
    CHECK(items[0] == "WARE-0001");
    CHECK(items[249] == "WARE-0250");
    // A value already in the list is not added twice.
    CHECK(add_to_list(items, split_list_text("WARE-0001，NEW-2、NEW-2")) == 1);
  }

  TEST_CASE("date picker: a click opens the month grid; arrows, PageDown and Enter pick a day; the time is kept; Esc closes") {
    HeadlessImGui imgui;
    ImGuiIO& io = ImGui::GetIO();
    io.DisplaySize = ImVec2(800, 600);
    io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;  // as the hosts set it
    const int keys[] = {ImGuiKey_LeftArrow, ImGuiKey_RightArrow, ImGuiKey_UpArrow, ImGuiKey_DownArrow,
                        ImGuiKey_PageUp,    ImGuiKey_PageDown,   ImGuiKey_Enter,   ImGuiKey_Escape};
    for (int k : keys) io.KeyMap[k] = 100 + k;
    std::string text = "2026-11-28 20:00";
    ImVec2 button_min, button_max;
    auto frame = [&]() {
      io.DeltaTime = 1.0f / 60;
      ImGui::NewFrame();
      ImGui::Begin("w");
      date_field("##at", text, 200, true, days_from_civil(2026, 12, 1));
      button_min = ImGui::GetItemRectMin();  // the calendar button is the field's last item
      button_max = ImGui::GetItemRectMax();
      ImGui::End();
      ImGui::Render();
    };
    auto press = [&](int k) {
      io.KeysDown[100 + k] = true;
      frame();
      io.KeysDown[100 + k] = false;
      frame();
    };
    frame();
    frame();
    CHECK_FALSE(date_picker_probe().open);
    io.MousePos = ImVec2((button_min.x + button_max.x) / 2, (button_min.y + button_max.y) / 2);
    frame();
    io.MouseDown[0] = true;
    frame();
    io.MouseDown[0] = false;
    frame();
    frame();
    REQUIRE(date_picker_probe().open);
    CHECK(date_picker_probe().cursor == days_from_civil(2026, 11, 28));  // opens on the typed day
    press(ImGuiKey_RightArrow);  // +1 day: 29 Nov
    press(ImGuiKey_DownArrow);   // +7 days: 6 Dec
    press(ImGuiKey_UpArrow);     // -7: 29 Nov
    press(ImGuiKey_DownArrow);   // 6 Dec
    press(ImGuiKey_LeftArrow);   // 5 Dec
    press(ImGuiKey_PageDown);    // 5 Jan 2027
    CHECK(date_picker_probe().cursor == days_from_civil(2027, 1, 5));
    press(ImGuiKey_PageUp);
    press(ImGuiKey_PageUp);  // 5 Nov 2026
    CHECK(date_picker_probe().cursor == days_from_civil(2026, 11, 5));
    press(ImGuiKey_PageDown);  // 5 Dec
    press(ImGuiKey_Enter);
    CHECK(text == "2026-12-05 20:00");  // the day picked, the typed time kept
    CHECK_FALSE(date_picker_probe().open);
    // Esc closes without a change.
    io.MouseDown[0] = true;
    frame();
    io.MouseDown[0] = false;
    frame();
    frame();
    REQUIRE(date_picker_probe().open);
    press(ImGuiKey_RightArrow);
    press(ImGuiKey_Escape);
    frame();
    CHECK_FALSE(date_picker_probe().open);
    CHECK(text == "2026-12-05 20:00");
    // Month titles per language; a 31st moved a month lands on the month's last day.
    set_language(Lang::zh_CN);
    CHECK(month_title(2026, 12) == "2026年12月");
    set_language(Lang::en);
    CHECK(month_title(2026, 12) == "December 2026");
  }

  TEST_CASE("a language switch keeps the section, the tab and the scroll position; Show this day is undone in one step") {
    HeadlessImGui imgui;
    ImGuiIO& io = ImGui::GetIO();
    FakePlatform platform(days_from_civil(2026, 12, 1));
    App app;
    REQUIRE(app.ws.open_memory().ok());
    DemoOptions opt;
    opt.order_lines = 3000;
    opt.products = 40;
    opt.months = 6;
    opt.end_day = days_from_civil(2026, 11, 30);
    REQUIRE(app.ws.open_demo(opt).ok());
    set_app_language(app, Lang::en);
    navigate(app, Section::promotions);
    draw_frames(app, platform, 2);
    app.ui.promotions.tab_request = 2;
    draw_frames(app, platform, 2);
    CHECK(std::string(shown_tab()) == "Loss guard");
    // The dashboard (a long page), scrolled down with the mouse wheel over the content pane.
    navigate(app, Section::dashboard);
    draw_frames(app, platform, 3);
    io.MousePos = ImVec2(260, 400);
    for (int i = 0; i < 2; ++i) {
      io.MouseWheel = -1;
      draw_frames(app, platform, 1);
    }
    io.MouseWheel = 0;
    draw_frames(app, platform, 1);
    const float scrolled = app.ui.content_scroll;
    REQUIRE(scrolled > 50);
    REQUIRE(scrolled < 200);  // not at the bottom (the Chinese page is a little shorter)
    set_app_language(app, Lang::zh_CN);
    draw_frames(app, platform, 5);
    CHECK(app.ui.section == Section::dashboard);
    CHECK(app.ui.content_scroll == doctest::Approx(scrolled).epsilon(0.02));
    navigate(app, Section::promotions);
    draw_frames(app, platform, 3);
    CHECK(std::string(shown_tab()) == "Loss guard");  // the same tab, now worded in Chinese
    set_app_language(app, Lang::en);
    draw_frames(app, platform, 5);
    CHECK(std::string(shown_tab()) == "Loss guard");

    // "Show this day" from an alert, then back to the range before it.
    navigate(app, Section::dashboard);
    draw_frames(app, platform, 2);
    const DayRange before = app.ui.range.range;
    const RangePreset preset = app.ui.range.preset;
    REQUIRE(before.length() > 1);
    {
      PanelContext cx(app, platform);
      cx.show_day(before.last - 3);
      cx.show_day(before.last - 5);  // a second day from the alerts: back still goes to the first range
    }
    draw_frames(app, platform, 1);
    CHECK(app.ui.range.range == DayRange{before.last - 5, before.last - 5});
    CHECK(app.ui.range.has_before_day);
    REQUIRE(undo_show_day(app));
    draw_frames(app, platform, 1);
    CHECK(app.ui.range.range == before);
    CHECK(app.ui.range.preset == preset);
    CHECK_FALSE(app.ui.range.has_before_day);
    CHECK_FALSE(undo_show_day(app));
  }
}

namespace {
// Everything the last frame drew, one line per drawn line.
std::string drawn_lines() {
  std::string out;
  for (const auto& l : test::scan_drawn_text().lines) out += l + "\n";
  return out;
}
// click_mark: tests/ui/harness.h.
}  // namespace

TEST_SUITE("ui") {
  TEST_CASE("a file refused for its encoding: the Data section offers each encoding with the first lines; a click reads it again with that one") {
    HeadlessImGui imgui;
    FakePlatform platform;
    // Two orders in GBK (an Online Retail export whose descriptions are 金骏眉 and 滇红; GBK bytes
    // written by hand: 金 BD F0, 骏 BF A5, 眉 C3 BC, 滇 B5 E1, 红 BA EC).
    auto path = std::filesystem::temp_directory_path() / "sk-ui-gbk-products.csv";
    const std::string gbk =
        "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n"
        "536365,T-1,\xBD\xF0\xBF\xA5\xC3\xBC,6,12/1/2010 8:26,2.55,17850,China\n"
        "536366,T-2,\xB5\xE1\xBA\xEC,2,12/1/2010 8:34,2.10,17851,China\n";
    {
      std::ofstream f(path, std::ios::binary);
      f << gbk;
    }
    App app;
    REQUIRE(app.ws.open_memory().ok());
    REQUIRE(app.ws.start_empty().ok());  // past the first-run welcome (a modal over the section)
    set_app_language(app, Lang::en);
    navigate(app, Section::data);
    // Read as UTF-8 (the seller's choice in the plan, or a tool's default): refused, and the
    // section now offers the encodings instead of a dead end.
    {
      PanelContext cx(app, platform);
      start_import(cx, app.ui.data, path.string(), "sk-ui-gbk-products.csv", "utf-8");
    }
    CHECK(app.ui.data.job == nullptr);
    REQUIRE(app.ui.data.encoding_choice != nullptr);
    CHECK(app.ui.notice.find("invalid UTF-8") != std::string::npos);
    draw_frames(app, platform, 3);
    std::string drawn = drawn_lines();
    CHECK(drawn.find("sk-ui-gbk-products.csv does not read as utf-8") != std::string::npos);
    CHECK(drawn.find("Read as gb18030") != std::string::npos);
    CHECK(drawn.find("does not decode with this encoding") != std::string::npos);  // UTF-8's row
    CHECK(drawn.find("536365,T-1,") != std::string::npos);  // the preview's first lines
    CHECK(app.ws.counts().orders == 0);  // nothing written
    // Click "Read as gb18030" with the mouse.
    REQUIRE(click_mark(app, platform, "encoding:gb18030"));
    INFO("notice: ", app.ui.notice);
    REQUIRE(app.ui.data.job != nullptr);
    CHECK(app.ui.data.encoding_choice == nullptr);
    drawn = drawn_lines();
    CHECK(drawn.find("gb18030") != std::string::npos);  // the plan's encoding, as chosen
    CHECK(app.ws.counts().products == 0);  // still nothing written: the plan waits for the seller
    REQUIRE(confirm_import(app));
    for (int i = 0; i < 20 && app.ui.data.job; ++i) draw_frames(app, platform, 1);
    REQUIRE(app.ws.counts().orders == 2);
    const Dataset& ds = app.ws.dataset();
    std::set<std::string> titles(ds.product_title.begin(), ds.product_title.end());
    CHECK(titles == std::set<std::string>{"金骏眉", "滇红"});
    std::filesystem::remove(path);
  }
}

TEST_SUITE("ui") {
  TEST_CASE("an import in another currency: warned before writing; an empty store is offered the file's currency, a store with data refuses") {
    HeadlessImGui imgui;
    FakePlatform platform;
    // Two orders priced in yen (JP¥1200 and JP¥800 a unit) in an Online Retail export.
    auto path = std::filesystem::temp_directory_path() / "sk-ui-yen.csv";
    {
      std::ofstream f(path, std::ios::binary);
      f << "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n"
           "536365,T-1,Sencha,2,12/1/2010 8:26,JP\xC2\xA5" "1200,17850,Japan\n"
           "536366,T-2,Hojicha,1,12/1/2010 8:34,JP\xC2\xA5" "800,17851,Japan\n";
    }
    {
      App app;  // an empty store (CNY until chosen)
      REQUIRE(app.ws.open_memory().ok());
      REQUIRE(app.ws.start_empty().ok());  // past the first-run welcome
      set_app_language(app, Lang::en);
      navigate(app, Section::data);
      start_import(app, path.string(), "sk-ui-yen.csv");
      REQUIRE(app.ui.data.job != nullptr);
      draw_frames(app, platform, 3);
      std::string text = drawn_lines();
      INFO(text);
      // (the headless scan reads the ¥ glyph back as ?)
      CHECK(text.find("The amounts in this file are written in JPY (\"JP?\", line 2); this store keeps its money in CNY.") !=
            std::string::npos);
      CHECK(app.ws.counts().orders == 0);
      REQUIRE(click_mark(app, platform, "set_currency:JPY"));
      CHECK(app.ws.money().currency == "JPY");
      CHECK(app.ws.money().digits == 0);
      CHECK(drawn_lines().find("The amounts in this file") == std::string::npos);  // agrees now
      REQUIRE(confirm_import(app));
      for (int i = 0; i < 20 && app.ui.data.job; ++i) draw_frames(app, platform, 1);
      REQUIRE(app.ws.counts().orders == 2);
      // Read at the yen's 0 digits: 2 x 1200 + 1 x 800 = 3,200 yen, stored as 3200.
      const Dataset& ds = app.ws.dataset();
      int64_t sum = 0;
      for (size_t i = 0; i < ds.line_qty.size(); ++i) sum += ds.line_qty[i] * ds.line_price[i];
      CHECK(sum == 3200);
    }
    {
      App app;  // a store with data in yuan: the same file is refused in words
      testing::open_small_demo(app);
      set_app_language(app, Lang::en);
      navigate(app, Section::data);
      const int64_t orders = app.ws.counts().orders;
      start_import(app, path.string(), "sk-ui-yen.csv");
      REQUIRE(app.ui.data.job != nullptr);
      draw_frames(app, platform, 3);
      std::string text = drawn_lines();
      CHECK(text.find("Refused: a store keeps one currency. This store already holds data in CNY") != std::string::npos);
      bool offered = false;
      for (const auto& m : test_marks()) offered = offered || m.name.rfind("set_currency:", 0) == 0;
      CHECK_FALSE(offered);  // a store with data keeps its currency
      CHECK_FALSE(confirm_import(app));
      draw_frames(app, platform, 3);
      CHECK(app.ws.counts().orders == orders);
      set_app_language(app, Lang::zh_CN);
      draw_frames(app, platform, 2);
    }
    std::filesystem::remove(path);
  }
}
