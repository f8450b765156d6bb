// The headless UI harness the UI test files share (issue #17 item 8): a Platform that records
// nothing but persists, an ImGui context with the default font atlas and no imgui.ini, and
// drawing the whole app for some frames at 1280x800.
#pragma once
#include <doctest/doctest.h>
#include <imgui.h>

#include <string>

#include "tests/ui/drawn_text.h"
#include "ui/app.h"

namespace shopkeeper::ui::testing {

// Today is 2026-11-23 unless a test says otherwise; counts the persist() calls.
class FakePlatform : public NullPlatform {
 public:
  explicit FakePlatform(Day today = days_from_civil(2026, 11, 23)) : NullPlatform(today, ":memory:") {}
  int persisted = 0;
  void persist() override { ++persisted; }
};

// A headless ImGui context (default font atlas built, no imgui.ini) for the test's lifetime.
struct HeadlessImGui {
  HeadlessImGui() {
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.Fonts->AddFontDefault();
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
