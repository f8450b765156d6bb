// The headless UI harness the UI test files share (issue #17 item 8): a Platform that records
// nothing but persists, an ImGui context with a font atlas (ImGui's default font or the app's) and no imgui.ini, and
// drawing the whole app for some frames at 1280x800.
#pragma once
#include <doctest/doctest.h>
#include <imgui.h>
#include <imgui_internal.h>

#include <cfloat>
#include <set>
#include <string>
#include <utility>

#include "core/base/file.h"
#include "core/demo/generator.h"
#include "tests/ui/drawn_text.h"
#include "ui/app.h"
#include "ui/widgets/ui_font.h"
#include "ui/widgets/widgets.h"

namespace shopkeeper::ui::testing {

// Today is 2026-11-23 unless a test says otherwise; counts the persist() calls.
class FakePlatform : public NullPlatform {
 public:
  explicit FakePlatform(Day today = days_from_civil(2026, 11, 23)) : NullPlatform(today, ":memory:") {}
  int persisted = 0;
  void persist() override { ++persisted; }
};

// Which font a headless context draws with: ImGui's default (7 px a glyph, CJK as the "?"
// fallback: tests that count glyphs by that width), or the app's own CJK subset at the app's size
// (ui/widgets/ui_font.h), which measures text as the desktop and the browser do: the layout tests.
enum class Font { imgui_default, app };

// A headless ImGui context (font atlas built, no imgui.ini) for the test's lifetime.
struct HeadlessImGui {
  explicit HeadlessImGui(Font font = Font::imgui_default) {
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    if (font == Font::app) {
      // cmake/font.cmake builds the subset into the build's assets/ (a dependency of this binary).
      const std::string dir = SK_UI_FONT_DIR;
      auto chars = read_file(dir + "/ui-font-chars.txt");
      REQUIRE_MESSAGE(chars.has_value(), "the UI font's character list is missing in ", dir);
      REQUIRE_MESSAGE(add_ui_font(*io.Fonts, dir + "/ui-font.ttf", *chars, kUiFontSize) != nullptr,
                      "the UI font is missing in ", dir);
    } else {
      io.Fonts->AddFontDefault();
    }
    unsigned char* px;
    int w, h;
    io.Fonts->GetTexDataAsRGBA32(&px, &w, &h);
  }
  ~HeadlessImGui() { ImGui::DestroyContext(); }
  HeadlessImGui(const HeadlessImGui&) = delete;
  HeadlessImGui& operator=(const HeadlessImGui&) = delete;
};

inline void draw_frames(App& app, Platform& p, int n, ImVec2 size = ImVec2(1280, 800)) {
  for (int i = 0; i < n; ++i) {
    ImGuiIO& io = ImGui::GetIO();
    io.DisplaySize = size;
    io.DeltaTime = 1.0f / 60.0f;
    ImGui::NewFrame();
    draw_app(app, p);
    ImGui::Render();
  }
}

// An in-memory store holding a small demo shop (`lines` order lines, `products` products,
// `months` months to 2026-11-22), opened in `app`. The words and layout tests use the default.
inline void open_small_demo(App& app, int64_t lines = 4000, int32_t products = 60, int32_t months = 18) {
  REQUIRE(app.ws.open_memory().ok());
  DemoOptions opt;
  opt.order_lines = lines;
  opt.products = products;
  opt.months = months;
  opt.end_day = days_from_civil(2026, 11, 22);
  REQUIRE(app.ws.open_demo(opt).ok());
}

}  // namespace shopkeeper::ui::testing

namespace shopkeeper::ui::testing {

// Every tab of every tab bar drawn in the last frame, nested ones too, found as they appear (so
// a section's new tabs are walked without listing them): selects each not yet seen and calls
// view(name), which draws the frames it needs. The tab shown first is not visited (the caller
// saw it already).
template <class View>
void walk_tabs(View&& view) {
  ImGuiContext& g = *ImGui::GetCurrentContext();
  std::set<std::pair<ImGuiID, ImGuiID>> seen;
  for (;;) {
    ImGuiTabBar* next_bar = nullptr;
    ImGuiID next_tab = 0;
    std::string name;
    for (int b = 0; b < g.TabBars.GetMapSize() && !next_bar; ++b) {
      ImGuiTabBar* bar = g.TabBars.TryGetMapData(b);
      if (!bar || bar->CurrFrameVisible != g.FrameCount) continue;  // not drawn in the last frame
      for (ImGuiTabItem& t : bar->Tabs) {
        if (t.LastFrameVisible != bar->CurrFrameVisible || seen.count({bar->ID, t.ID})) continue;
        seen.insert({bar->ID, t.ID});
        if (t.ID == bar->SelectedTabId) continue;  // already seen as drawn
        next_bar = bar, next_tab = t.ID, name = bar->GetTabName(&t);
        break;
      }
    }
    if (!next_bar) break;
    next_bar->NextSelectedTabId = next_tab;
    view(name);
  }
}

// Clicks, with the mouse, the item marked `name` (ui/widgets/widgets.h test_mark) in the last
// frame, drawing the app at `size` meanwhile: false when none was drawn.
inline bool click_mark(App& app, Platform& platform, const std::string& name, ImVec2 size = ImVec2(1280, 800)) {
  TestMark at{};
  for (const auto& m : test_marks())
    if (m.name == name) at = m;
  if (at.x <= 0) return false;
  ImGuiIO& io = ImGui::GetIO();
  io.MousePos = ImVec2(at.x, at.y);
  draw_frames(app, platform, 1, size);
  io.MouseDown[0] = true;
  draw_frames(app, platform, 1, size);
  io.MouseDown[0] = false;
  draw_frames(app, platform, 2, size);
  io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
  return true;
}

// One frame of the whole app at `size`; returns the text it drew (tests/ui/drawn_text.h), one line
// per run of glyphs side by side (a non-ASCII character reads as '?').
inline std::string draw_frame_text(App& app, Platform& p, ImVec2 size) {
  ImGuiIO& io = ImGui::GetIO();
  io.DisplaySize = size;
  io.DeltaTime = 1.0f / 60.0f;
  ImGui::NewFrame();
  draw_app(app, p);
  ImGui::Render();
  std::string text;
  for (const std::string& l : test::scan_drawn_text().lines) text += l + "\n";
  return text;
}

}  // namespace shopkeeper::ui::testing
