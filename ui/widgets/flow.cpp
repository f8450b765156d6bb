#include "ui/widgets/flow.h"

#include <imgui.h>
#include <imgui_internal.h>

namespace shopkeeper::ui {

bool same_line_if_fits(float next_width, float spacing) {
  const float sp = spacing < 0 ? ImGui::GetStyle().ItemSpacing.x : spacing;
  const ImGuiWindow* w = ImGui::GetCurrentWindowRead();
  const float right = w->WorkRect.Max.x;  // a table cell's right edge inside a table
  if (ImGui::GetItemRectMax().x + sp + next_width <= right) {
    ImGui::SameLine(0, sp);
    return true;
  }
  return false;
}

float button_width(const char* label) {
  const char* end = ImGui::FindRenderedTextEnd(label);
  return ImGui::CalcTextSize(label, end).x + ImGui::GetStyle().FramePadding.x * 2.0f;
}

}  // namespace shopkeeper::ui
