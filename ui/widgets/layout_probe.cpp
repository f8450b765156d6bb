#include "ui/widgets/layout_probe.h"

#include <imgui.h>
#include <imgui_internal.h>

#include <algorithm>

#include "ui/i18n/format.h"
#include "ui/widgets/widgets.h"

namespace shopkeeper::ui {

std::vector<LayoutProblem> layout_problems(float display_w, float display_h, float slack) {
  std::vector<LayoutProblem> out;
  ImGuiContext& g = *ImGui::GetCurrentContext();
  for (ImGuiWindow* w : g.Windows) {
    if (!w->Active || w->Hidden || (w->Flags & ImGuiWindowFlags_Tooltip)) continue;
    // A window of its own (popup, modal) must lie inside the display.
    if (!(w->Flags & ImGuiWindowFlags_ChildWindow)) {
      float over = std::max({w->Pos.x + w->Size.x - display_w, w->Pos.y + w->Size.y - display_h, -w->Pos.x, -w->Pos.y});
      if (over > slack) out.push_back({LayoutProblem::window_overflow, strf("%s (outside the display)", w->Name), over});
    }
    // A multi-line text field's own child (ImGui begins it with NoMove, which no panel's child
    // uses): an editor whose text scrolls with the caret.
    const bool text_editor = (w->Flags & ImGuiWindowFlags_ChildWindow) && (w->Flags & ImGuiWindowFlags_NoMove) &&
                             !(w->Flags & ImGuiWindowFlags_Popup);
    if (text_editor) continue;
    const ImRect& vis = w->InnerClipRect;
    if (vis.GetWidth() <= 0 || vis.GetHeight() <= 0) continue;  // collapsed or zero-sized
    float over_x = w->DC.CursorMaxPos.x - vis.Max.x;
    if (!w->ScrollbarX && over_x > slack) out.push_back({LayoutProblem::window_overflow, w->Name, over_x});
    float over_y = w->DC.CursorMaxPos.y - vis.Max.y;
    if ((w->Flags & ImGuiWindowFlags_NoScrollbar) && !w->ScrollbarY && over_y > slack)
      out.push_back({LayoutProblem::window_overflow, strf("%s (bottom)", w->Name), over_y});
  }
  for (int i = 0; i < g.Tables.GetMapSize(); ++i) {
    ImGuiTable* t = g.Tables.TryGetMapData(i);
    if (!t || t->LastFrameActive != g.FrameCount) continue;
    // A table scrolled sideways may clip what is scrolled away, not what is too wide for its column.
    for (int c = 0; c < t->ColumnsCount; ++c) {
      const ImGuiTableColumn& col = t->Columns[c];
      if (!col.IsEnabled) continue;
      float content = std::max({col.ContentMaxXFrozen, col.ContentMaxXUnfrozen, col.ContentMaxXHeadersIdeal});
      float over = content - col.WorkMaxX;
      if (over > slack)
        out.push_back({LayoutProblem::column_clipped,
                       strf("%s table %08x column %d \"%s\"", t->OuterWindow ? t->OuterWindow->Name : "?", t->ID, c,
                            ImGui::TableGetColumnName(t, c)),
                       over});
    }
  }
  for (const TestMark& m : test_marks()) {
    float over = std::max(m.x1 - display_w, -m.x0);
    if (!m.scrolls_y) over = std::max({over, m.y1 - display_h, -m.y0});
    if (over > slack) out.push_back({LayoutProblem::mark_offscreen, m.name, over});
  }
  return out;
}

}  // namespace shopkeeper::ui
