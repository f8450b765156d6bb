#include "ui/widgets/widgets.h"
#include "ui/widgets/wrap_text.h"

#include <imgui.h>
#include <imgui_internal.h>

#include <string>

namespace shopkeeper::ui {

TooltipTargetHook tooltip_target_hook = nullptr;

void tooltip_target() {
  if (!tooltip_target_hook) return;
  ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
  tooltip_target_hook(a.x, a.y, b.x, b.y);
}

void item_tooltip(const char* text) {
  tooltip_target();
  if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) {
    ImGui::BeginTooltip();
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 28.0f);
    wrapped_text(text);
    ImGui::PopTextWrapPos();
    ImGui::EndTooltip();
  }
}

void help_marker(const char* text) {
  ImGui::SameLine();
  ImGui::TextDisabled("(?)");
  item_tooltip(text);
}

void badge(const char* text, unsigned int rgba) {
  ImVec2 size = ImGui::CalcTextSize(text);
  ImVec2 pad(6.0f, 2.0f);
  ImVec2 p = ImGui::GetCursorScreenPos();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  float h = ImGui::GetFrameHeight();
  float y = p.y + (h - size.y - 2 * pad.y) * 0.5f;
  dl->AddRectFilled(ImVec2(p.x, y), ImVec2(p.x + size.x + 2 * pad.x, y + size.y + 2 * pad.y), rgba, 4.0f);
  dl->AddText(ImVec2(p.x + pad.x, y + pad.y), IM_COL32(255, 255, 255, 255), text);
  ImGui::Dummy(ImVec2(size.x + 2 * pad.x, h));
}

void title(const char* text) {
  ImGui::SetWindowFontScale(1.35f);
  ImGui::TextUnformatted(text);
  ImGui::SetWindowFontScale(1.0f);
}

namespace {
S g_shown_tab = S::count_;
}

std::string stable_label(S label) { return std::string(tr(label)) + "###s" + std::to_string(static_cast<int>(label)); }

bool tab_item(S label, int flags) {
  bool open = ImGui::BeginTabItem(stable_label(label).c_str(), nullptr, flags);
  test_mark((std::string("tab:") + tr(label, Lang::en)).c_str());
  if (open) g_shown_tab = label;
  return open;
}

const char* shown_tab() { return g_shown_tab == S::count_ ? "" : tr(g_shown_tab, Lang::en); }
void reset_shown_tab() { g_shown_tab = S::count_; }

namespace {
int g_mark_frame = -1;
std::vector<TestMark> g_marks;
}  // namespace

void test_mark(const char* name) {
  int f = ImGui::GetFrameCount();
  if (f != g_mark_frame) {
    g_marks.clear();
    g_mark_frame = f;
  }
  for (const auto& m : g_marks)
    if (m.name == name) return;
  ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
  const ImGuiWindow* w = ImGui::GetCurrentWindowRead();
  bool scrolls = false;
  for (; w && !scrolls; w = w->ParentWindow) scrolls = w->ScrollMax.y > 0 || w->ScrollbarY;
  g_marks.push_back({name, (a.x + b.x) / 2, (a.y + b.y) / 2, a.x, a.y, b.x, b.y, scrolls});
}

std::vector<TestMark> test_marks() {
  // Read between frames (after Render): the marks of the frame last drawn, none when it marked nothing.
  return ImGui::GetFrameCount() == g_mark_frame ? g_marks : std::vector<TestMark>{};
}

void header_row(int columns, const S* tips) {
  ImGui::TableNextRow(ImGuiTableRowFlags_Headers);
  for (int c = 0; c < columns; ++c) {
    ImGui::TableSetColumnIndex(c);
    ImGui::TableHeader(ImGui::TableGetColumnName(c));
    if (tips && tips[c] != S::count_) item_tooltip(tr(tips[c]));
  }
}

}  // namespace shopkeeper::ui
