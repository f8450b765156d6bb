// Issue #9: what a first-day seller types, pastes and reads. Pasting a spreadsheet column into a
// one-line field, the focused field as the hosts see it, and money in the store's currency.
#include <doctest/doctest.h>
#include <imgui.h>
#include <imgui_internal.h>

#include "ui/i18n/format.h"
#include "ui/widgets/text_input.h"

using namespace shopkeeper;
using namespace shopkeeper::ui;


TEST_SUITE("firstday") {
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
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.DisplaySize = ImVec2(800, 600);
    io.IniFilename = nullptr;
    unsigned char* px = nullptr;
    int w = 0, h = 0;
    io.Fonts->GetTexDataAsRGBA32(&px, &w, &h);
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
    ImGui::DestroyContext();
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
