// Wrapped text never breaks inside a number (issue #9, seen in Firefox zh-CN: the dashboard's
// "why" sentence came out as "销售额上升49." / "5%（占变化的…"): ui/widgets/wrap_text.h.
#include <doctest/doctest.h>
#include <imgui.h>

#include <cmath>
#include <string>
#include <vector>

#include "core/analytics/decomposition.h"
#include "tests/ui/drawn_text.h"
#include "tests/ui/harness.h"
#include "ui/i18n/decomposition_words.h"
#include "ui/widgets/wrap_text.h"

using namespace shopkeeper;
using namespace shopkeeper::ui;
using namespace shopkeeper::ui::testing;

namespace {

// The sentence of the report: sales +49.5%, mainly because orders rose 38.2% (+62% of the
// change), although the average order value fell 2.19 pp... as decomposition_sentence words it.
std::string why_sentence(Lang lang) {
  Decomposition d;
  d.metric = Metric::sales;
  d.ok = true;
  d.before = 1000, d.after = 1495, d.change = 0.495;
  Factor orders;
  orders.key = "orders", orders.own_change = 0.382, orders.share = 0.62;
  Factor aov;
  aov.key = "conversion_rate", aov.rate = true, aov.own_change = -0.0219, aov.share = -0.28;
  d.factors = {orders, aov};
  d.sentence = DecompSentence::drivers;
  d.main = 0, d.against = 1;
  return decomposition_sentence(d, lang);
}

// The lines `draw` drew in a window `width` pixels wide (CJK glyphs read back as '?': the test
// font has none, they draw as its fallback glyph with its advance).
template <class Draw>
std::vector<std::string> drawn_lines(float width, Draw draw) {
  ImGuiIO& io = ImGui::GetIO();
  io.DisplaySize = ImVec2(1280, 800);
  io.DeltaTime = 1.0f / 60.0f;
  ImGui::NewFrame();
  ImGui::SetNextWindowPos(ImVec2(0, 0));
  ImGui::SetNextWindowSize(ImVec2(width, 700));
  ImGui::Begin("wrap", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoSavedSettings);
  draw();
  ImGui::End();
  ImGui::Render();
  return test::scan_drawn_text().lines;
}

bool digitish(char c) { return (c >= '0' && c <= '9') || c == '.' || c == ',' || c == '%' || c == '+' || c == '-'; }

// The first place where one line ends and the next begins inside a run of digits, '.', '%',
// '+', '-' (a number cut in two), as "49." / "5%"; "" when there is none.
std::string split_number(const std::vector<std::string>& lines) {
  for (size_t i = 0; i + 1 < lines.size(); ++i) {
    const std::string& a = lines[i];
    const std::string& b = lines[i + 1];
    if (!a.empty() && !b.empty() && digitish(a.back()) && digitish(b.front()) &&
        ((a.back() >= '0' && a.back() <= '9') || (b.front() >= '0' && b.front() <= '9')))
      return a + " / " + b;
  }
  return "";
}

// The text as drawn on one line: non-ASCII as '?', spaces dropped (the wrap drops them).
std::string as_drawn(const std::string& s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c == ' ' || c == '\n') continue;
    if (c < 0x80) out += static_cast<char>(c);
    else if ((c & 0xC0) != 0x80) out += '?';
  }
  return out;
}

std::string joined(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& l : lines)
    for (char c : l)
      if (c != ' ') out += c;
  return out;
}

}  // namespace

TEST_SUITE("ui") {
  TEST_CASE("wrapped text: a Chinese sentence breaks between characters, never inside a number") {
    HeadlessImGui imgui;
    set_language(Lang::zh_CN);
    const std::string zh = why_sentence(Lang::zh_CN);
    set_language(Lang::en);
    // "销售额上升49.5%，主要因为订单数上升38.2%（占变化的+62%），尽管转化率下降2.19个百分点（占变化的-28%）。"
    REQUIRE(zh.find("49.5%") != std::string::npos);
    REQUIRE(zh.find("+62%") != std::string::npos);
    REQUIRE(zh.find("2.19") != std::string::npos);
    // Every width from 60 to 700 px (the default font: 7 px a glyph, CJK included): the text is
    // all there in order, no number is cut, and each line but a lone number fits the window.
    int cut_by_imgui = 0;
    for (int width = 60; width <= 700; width += 3) {
      CAPTURE(width);
      std::vector<std::string> lines = drawn_lines(static_cast<float>(width), [&] { wrapped_text(zh); });
      CHECK(joined(lines) == as_drawn(zh));
      CHECK(split_number(lines) == "");
      CHECK(lines.size() >= (width < 300 ? 2u : 1u));  // it does wrap
      // The same sentence through ImGui's own wrap (what every panel drew before): the check
      // above sees the cut it makes ("49." / "5%" at most widths).
      std::vector<std::string> theirs =
          drawn_lines(static_cast<float>(width), [&] { ImGui::TextWrapped("%s", zh.c_str()); });
      if (!split_number(theirs).empty()) ++cut_by_imgui;
    }
    CHECK(cut_by_imgui > 20);
  }

  TEST_CASE("wrapped text: where lines may end (numbers, Latin words, CJK punctuation, spaces)") {
    HeadlessImGui imgui;
    const ImFont* font = ImGui::GetIO().Fonts->Fonts[0];
    const float size = font->FontSize;
    const float adv = font->GetCharAdvance('0');  // 7 px: every glyph of the default font
    REQUIRE(adv == doctest::Approx(7.0f));
    REQUIRE(font->GetCharAdvance(0x4E0A) == doctest::Approx(adv));  // 上: the fallback glyph
    auto wrap = [&](const char* text, int glyphs) { return wrap_lines(text, adv * static_cast<float>(glyphs) + 0.5f, font, size); };
    // Five glyphs a line. "上升49.5%": 上|升|49.5% may break; "49.5%" (5 glyphs) goes whole to line 2.
    CHECK(wrap("上升49.5%", 5) == "上升\n49.5%");
    // Closing punctuation stays with what it closes, opening with what it opens:
    // 销|售|额|（+62%）。 may break; "（+62%）。" (7 glyphs) goes whole to line 2.
    CHECK(wrap("销售额（+62%）。", 8) == "销售额\n（+62%）。");
    // Three a line: "，" may not start a line, so 了 goes down with it; "。" stays with 了.
    CHECK(wrap("上升了，下降了。", 3) == "上升\n了，下\n降了。");
    // A price with its currency sign, a SKU and an English word are never cut while they fit.
    CHECK(wrap("售价¥1,234.50元", 9) == "售价\n¥1,234.50\n元");
    CHECK(wrap("排除HRB-0021和WARE-0001", 9) == "排除\nHRB-0021和\nWARE-0001");
    // Spaces: the break is at the space, which is dropped; leading spaces of a wrapped line too.
    CHECK(wrap("Sales rose 12.0% but orders fell", 12) == "Sales rose\n12.0% but\norders fell");
    CHECK(wrap("aa   bb", 3) == "aa\nbb");
    // A run longer than a whole line is cut (nothing else can be done), keeping every glyph.
    CHECK(wrap("1234567890", 4) == "1234\n5678\n90");
    // The text's own newlines are kept; the line after one keeps its indent.
    CHECK(wrap("上升\n  49.5%", 10) == "上升\n  49.5%");
    CHECK(wrap("", 5) == "");
    // Wide enough: unchanged.
    CHECK(wrap("销售额上升49.5%。", 40) == "销售额上升49.5%。");
  }
}
