#include "ui/widgets/fit_table.h"

#include <imgui_internal.h>

#include <algorithm>
#include <cmath>

namespace shopkeeper::ui {

namespace {

// Where the rows' height of the table `table_id` is kept between frames (the outer window's storage).
ImGuiID height_key(ImGuiID table_id) { return ImHashStr("fit_table_rows_height", 0, table_id); }

float g_wrap_width = 0;  // the wrapping column's width chosen by the last begin_fit_table

// The width the table needs to show every column's content whole, from the last frame's layout;
// column `skip` counts only its padding.
float width_needed(const ImGuiTable* t, ImGuiTableFlags flags, int skip = -1) {
  float need = 2 * t->OuterPaddingX;
  int enabled = 0;
  for (int c = 0; c < t->ColumnsCount; ++c) {
    const ImGuiTableColumn& col = t->Columns[c];
    if (!col.IsEnabled) continue;
    need += (c == skip ? 0.0f : col.WidthAuto) + 2 * t->CellPaddingX;
    ++enabled;
  }
  if (enabled > 1) need += (enabled - 1) * (t->CellSpacingX1 + t->CellSpacingX2);
  if (flags & ImGuiTableFlags_ScrollY) need += ImGui::GetStyle().ScrollbarSize;
  return need;
}

}  // namespace

bool begin_fit_table(const char* id, int columns, ImGuiTableFlags flags, ImVec2 size, int wrap_column, float wrap_min) {
  ImGuiContext& g = *ImGui::GetCurrentContext();
  const ImGuiID table_id = ImGui::GetID(id);
  const float avail = size.x > 0 ? size.x : ImGui::GetContentRegionAvail().x;
  ImGuiTable* last = ImGui::TableFindByID(table_id);
  // Not drawn in the last frames: content widths first (they are measured then).
  const bool known = last && last->ColumnsCount == columns && last->LastFrameActive >= g.FrameCount - 1;
  const bool wraps = wrap_column >= 0 && wrap_column < columns;
  bool fits = false;
  if (wraps) {
    // The wrapping column takes what the others leave (they keep their content's width).
    const float others = known ? width_needed(last, flags, wrap_column) : avail;
    g_wrap_width = std::max(wrap_min, std::floor(avail - others));
    fits = known && others + g_wrap_width <= avail;
  } else {
    fits = known && width_needed(last, flags) <= avail;
  }
  flags &= ~(ImGuiTableFlags_SizingMask_ | ImGuiTableFlags_Resizable | ImGuiTableFlags_ScrollX);
  // ImGui refits a fixed column to its content only while the column is in view: one scrolled
  // out of view (or just turned fixed from stretched) would keep a stale width and show its
  // text cut when scrolled back. Ask for the fit whenever the content's width changed.
  if (known)
    for (int c = 0; c < last->ColumnsCount; ++c) {
      ImGuiTableColumn& col = last->Columns[c];
      if (col.IsEnabled && (col.Flags & ImGuiTableColumnFlags_WidthFixed) && col.InitStretchWeightOrWidth <= 0 &&
          std::fabs(col.WidthAuto - col.WidthRequest) > 0.5f)
        col.AutoFitQueue |= 1;
    }
  if (fits && wraps) {
    flags |= ImGuiTableFlags_SizingFixedFit;
    return ImGui::BeginTable(id, columns, flags, size);
  }
  if (fits) {
    flags |= ImGuiTableFlags_SizingStretchProp;
    return ImGui::BeginTable(id, columns, flags, size);
  }
  flags |= ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_ScrollX;
  if (!(flags & ImGuiTableFlags_ScrollY)) {
    // A table that scrolls sideways only: as high as its rows and the scroll bar.
    const float rows = ImGui::GetStateStorage()->GetFloat(height_key(table_id), ImGui::GetFrameHeightWithSpacing() * 3);
    size.y = rows + ImGui::GetStyle().ScrollbarSize + 2;
  } else if (size.y > 0) {
    size.y += ImGui::GetStyle().ScrollbarSize;  // the same rows in view above the sideways scroll bar
  }
  return ImGui::BeginTable(id, columns, flags, size);
}

float fit_table_wrap_width() { return g_wrap_width; }

void end_fit_table() {
  ImGuiTable* t = ImGui::GetCurrentTable();
  ImGui::EndTable();
  if (!t) return;
  // The rows' height, header included, for the next frame's sideways-scrolling table.
  ImGui::GetStateStorage()->SetFloat(height_key(t->ID), t->RowPosY2 - t->OuterRect.Min.y);
}

float combo_width(std::initializer_list<const char*> choices) {
  float w = 0;
  for (const char* c : choices) w = std::max(w, ImGui::CalcTextSize(c, nullptr, true).x);
  // The text's padding on both sides and the arrow button (a square of the frame's height).
  return w + ImGui::GetStyle().FramePadding.x * 2 + ImGui::GetFrameHeight();
}

}  // namespace shopkeeper::ui
