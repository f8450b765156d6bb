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

#include <cstdint>
#include <functional>
#include <initializer_list>
#include <string>
#include <vector>

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

// Fitting over every row, not only the rows drawn. A long table (the Pricing section's 30,000
// economics rows) draws a screenful through ImGuiListClipper, and ImGui measures only what was
// drawn: a wider cell further down would be cut when scrolled to, and columns would change width
// while scrolling. Measure the table's texts once (per revision, language, font size and number
// of rows: ColumnWidths::stale) with ColumnMeasure, and give the widths to the table each frame
// with fit_table_cover: every column is then at least that wide (its header and the drawn cells
// are measured by ImGui as for any fitted table).
struct ColumnWidths {
  std::vector<float> width;  // pixels, one a column
  int64_t revision = -1;     // what they were measured for
  int lang = -1;
  float font = 0;
  size_t rows = 0;
  // Whether they were measured for another revision, language, font size or number of rows.
  bool stale(int64_t revision, size_t rows) const;
};

// Measures `w` afresh for `revision` and `rows` rows of `columns` columns: text() widens a column
// to a text drawn in it.
class ColumnMeasure {
 public:
  ColumnMeasure(ColumnWidths& w, int64_t revision, size_t rows, size_t columns);
  void text(size_t column, const char* t);
  void text(size_t column, const std::string& t) { text(column, t.c_str()); }

 private:
  ColumnWidths& w_;
};

// The widest text of a column of numbers without formatting every number: a number's text is
// longest at the largest magnitude of its sign (money, counts and percents format monotonically),
// and no shorter or equally long text is wider than that text drawn with the font's widest digit
// in every digit's place.
struct NumberExtremes {
  int64_t hi = 0, lo = 0;
  bool pos = false, neg = false;
  void add(int64_t v);
  // Widens `column` of `m` to the widest text `format` gives a number of the column.
  void measure(ColumnMeasure& m, size_t column, const std::function<std::string(int64_t)>& format) const;
};

// Between begin_fit_table and end_fit_table: every column at least as wide as `w` says.
void fit_table_cover(const ColumnWidths& w);

// After begin_fit_table (it returned true), instead of ImGui::TableSetupScrollFreeze: `rows` rows
// stay at the top when the table scrolls down, and `columns` columns (a SKU) stay at the left
// when it scrolls sideways (a table that fits its pane does not).
void fit_table_freeze(int columns, int rows);

// The width of a pick list (ImGui::BeginCombo / Combo) that shows the longest of `choices` whole.
float combo_width(std::initializer_list<const char*> choices);

}  // namespace shopkeeper::ui
