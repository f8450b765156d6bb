#include "ui/widgets/fit_table.h"

#include <imgui_internal.h>

#include <algorithm>
#include <cmath>

#include "ui/i18n/strings.h"

namespace shopkeeper::ui {

namespace {

// Where the rows' height of the table `table_id` is kept between frames (the outer window's storage).
ImGuiID height_key(ImGuiID table_id) { return ImHashStr("fit_table_rows_height", 0, table_id); }

float g_wrap_width = 0;          // the wrapping column's width chosen by the last begin_fit_table
bool g_scrolls_x = false;        // whether the last begin_fit_table scrolls sideways
const ColumnWidths* g_cover = nullptr;  // fit_table_cover's widths for the table being drawn
ImGuiID g_cover_table = 0;              // ... and that table

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
  g_scrolls_x = !fits;
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

void fit_table_freeze(int columns, int rows) { ImGui::TableSetupScrollFreeze(g_scrolls_x ? columns : 0, rows); }

void fit_table_cover(const ColumnWidths& w) {
  const ImGuiTable* t = ImGui::GetCurrentTable();
  g_cover = t ? &w : nullptr;
  g_cover_table = t ? t->ID : 0;
}

void end_fit_table() {
  ImGuiTable* t = ImGui::GetCurrentTable();
  if (t && g_cover && g_cover_table == t->ID) {
    // As if a cell of each column's widest text had been drawn: ImGui fits the column to it next
    // frame (begin_fit_table reads the width it needs from there too).
    for (int c = 0; c < t->ColumnsCount && c < static_cast<int>(g_cover->width.size()); ++c) {
      ImGuiTableColumn& col = t->Columns[c];
      col.ContentMaxXUnfrozen = std::max(col.ContentMaxXUnfrozen, col.WorkMinX + g_cover->width[static_cast<size_t>(c)]);
    }
  }
  g_cover = nullptr;
  ImGui::EndTable();
  if (!t) return;
  // The rows' height, header included, for the next frame's sideways-scrolling table.
  ImGui::GetStateStorage()->SetFloat(height_key(t->ID), t->RowPosY2 - t->OuterRect.Min.y);
}

bool ColumnWidths::stale(int64_t rev, size_t n) const {
  return revision != rev || lang != static_cast<int>(language()) || font != ImGui::GetFontSize() || rows != n;
}

ColumnMeasure::ColumnMeasure(ColumnWidths& w, int64_t revision, size_t rows, size_t columns) : w_(w) {
  w.revision = revision;
  w.lang = static_cast<int>(language());
  w.font = ImGui::GetFontSize();
  w.rows = rows;
  w.width.assign(columns, 0.0f);
}

void ColumnMeasure::text(size_t column, const char* t) {
  if (column < w_.width.size()) w_.width[column] = std::max(w_.width[column], std::ceil(ImGui::CalcTextSize(t).x));
}

void NumberExtremes::add(int64_t v) {
  if (v >= 0) hi = pos ? std::max(hi, v) : v, pos = true;
  else lo = neg ? std::min(lo, v) : v, neg = true;
}

void NumberExtremes::measure(ColumnMeasure& m, size_t column, const std::function<std::string(int64_t)>& format) const {
  char widest = '0';
  float dw = 0;
  for (char d = '0'; d <= '9'; ++d) {
    const std::string t(1, d);
    const float w = ImGui::CalcTextSize(t.c_str()).x;
    if (w > dw) dw = w, widest = d;
  }
  for (int k = 0; k < 2; ++k) {
    if (!(k ? neg : pos)) continue;
    std::string t = format(k ? lo : hi);
    for (char& ch : t)
      if (ch >= '0' && ch <= '9') ch = widest;
    m.text(column, t);
  }
}

float combo_width(std::initializer_list<const char*> choices) {
  float w = 0;
  for (const char* c : choices) w = std::max(w, ImGui::CalcTextSize(c, nullptr, true).x);
  // The text's padding on both sides and the arrow button (a square of the frame's height).
  return w + ImGui::GetStyle().FramePadding.x * 2 + ImGui::GetFrameHeight();
}

}  // namespace shopkeeper::ui
