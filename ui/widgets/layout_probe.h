// What the frame just drawn hides from the seller (issue #9 item 9): read between frames (after
// ImGui::Render) by the UI tests and by the browser test API, so "every action is reachable at
// 1024x700" is checked on the layout ImGui actually made, not on a list of known buttons.
#pragma once
#include <string>
#include <vector>

namespace shopkeeper::ui {

struct LayoutProblem {
  enum Kind { window_overflow, column_clipped, mark_offscreen } kind;
  std::string where;  // the window's name, "table <id> column <n>: <header>", or the mark's name
  float overflow = 0;  // pixels cut off
};

// - window_overflow: a window (the content pane, a child, a popup) whose items reach past its
//   right edge while it has no horizontal scroll bar: what is past the edge can not be seen or
//   clicked.
// - column_clipped: a table column whose cells or header are wider than the column, in a table
//   without horizontal scrolling: the text is cut.
// - mark_offscreen: a marked button (test_mark) drawn partly outside the display.
// Differences of at most `slack` pixels are not counted.
std::vector<LayoutProblem> layout_problems(float display_w, float display_h, float slack = 1.0f);

}  // namespace shopkeeper::ui
