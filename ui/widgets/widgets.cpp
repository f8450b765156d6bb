#include "ui/widgets/widgets.h"

#include <imgui.h>

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
    ImGui::TextUnformatted(text);
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

}  // namespace shopkeeper::ui
