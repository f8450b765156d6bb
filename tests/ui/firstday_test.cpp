// Issue #9: what a first-day seller types, pastes and reads. Pasting a spreadsheet column into a
// one-line field, the focused field as the hosts see it, and money in the store's currency.
#include <doctest/doctest.h>
#include <imgui.h>
#include <imgui_internal.h>

#include "core/catalog/product_edit.h"
#include "ui/app.h"
#include "ui/i18n/format.h"
#include "ui/panels/panels.h"
#include "ui/panels/product_edit.h"
#include "ui/widgets/text_input.h"
#include "harness.h"
#include "../core/fixture.h"

using namespace shopkeeper;
using namespace shopkeeper::ui;

namespace {
using testing::draw_frames;
using testing::FakePlatform;
using testing::HeadlessImGui;

Product product(const char* sku, std::optional<Money> cost, Money price) {
  Product p = fixture::product(sku, cost, price, "tea");
  p.title = std::string("Tea ") + sku;
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
}
