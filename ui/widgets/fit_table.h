// A table whose every column shows its whole text (issue #9 item 9), at 1024x700 as at 1920x1080,
// in English as in Chinese.
//
// Each column needs its content's width (its widest cell or its header, measured by ImGui in
// the last frame). When the widths needed fit the width available, the columns stretch in
// proportion to them, so each gets at least what it needs and the table fills the pane; when
// they do not fit, each column is exactly as wide as its content and the table scrolls
// sideways (its height the rows' height, measured in the last frame; a table that scrolls down
// keeps the caller's height plus the sideways scroll bar's). Columns are not resizable by hand:
// a resized column would keep its width when the language or the data changes and cut the new
// text.
//
// Rules for the cells: no widget that fills its column (width -FLT_MIN) and no wrapped text
// outside the wrapping column (below), they would measure the column instead of their content;
// give such items a width of their own.
// Columns set up with a weight of 0 (the default): weights come from the content.
#pragma once
#include <imgui.h>

#include <initializer_list>

namespace shopkeeper::ui {

// Like ImGui::BeginTable; `flags`' sizing policy and Resizable are replaced as above.
// With ImGuiTableFlags_ScrollY, `size.y` is its height as for BeginTable (0: the rest of the pane).
//
// `wrap_column` >= 0: that column's text wraps (one sentence a row: a note, a description). It
// takes the width the other columns leave in the pane, at least `wrap_min`; the table scrolls
// sideways only when the others and `wrap_min` do not fit. Set it up with
// TableSetupColumn(name, ImGuiTableColumnFlags_WidthFixed, fit_table_wrap_width()).
bool begin_fit_table(const char* id, int columns, ImGuiTableFlags flags, ImVec2 size = ImVec2(0, 0), int wrap_column = -1,
                     float wrap_min = 0);
// The wrapping column's width chosen by the last begin_fit_table.
float fit_table_wrap_width();
// Ends a table begun with begin_fit_table (only when it returned true), recording its height.
void end_fit_table();

// The width of a pick list (ImGui::BeginCombo / Combo) that shows the longest of `choices` whole.
float combo_width(std::initializer_list<const char*> choices);

}  // namespace shopkeeper::ui
