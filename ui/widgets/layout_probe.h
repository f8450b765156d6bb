// What the frame just drawn hides from the seller (issue #9 item 9): read between frames (after
// ImGui::Render) by the UI tests and by the browser test API, so "every action is reachable at
// 1024x700" is checked on the layout ImGui actually made, not on a list of known buttons.
#pragma once
#include <string>
#include <vector>

namespace shopkeeper::ui {

struct LayoutProblem {
  enum Kind { window_overflow, column_clipped, mark_offscreen, text_cut } kind;
  std::string where;  // the window's name, "table <id> column <n>: <header>", the mark's name, or
                      // "<window> text cut after '<c>' at x,y"
  float overflow = 0;  // pixels cut off
};

// - window_overflow: a window (the content pane, a child, a popup) whose items reach past its
//   right edge while it has no horizontal scroll bar: what is past the edge can not be seen or
//   clicked.
// - column_clipped: a table column whose cells or header are wider than the column, in a table
//   without horizontal scrolling: the text is cut.
// - mark_offscreen: a marked button (test_mark) drawn partly outside the display.
// - text_cut: text cut inside an item's own frame (a button or pick list narrower than its words):
//   ImGui cuts such text glyph by glyph on the CPU, so the frame's last glyph is drawn cut through
//   (read from the last frame's draw data). Text cut by a window's or a column's edge is clipped
//   by the GPU instead and is the two kinds above. Text fields are not counted (their text scrolls
//   in them: note_text_field). A cut falling exactly between two glyphs is not seen.
// Differences of at most `slack` pixels are not counted.
std::vector<LayoutProblem> layout_problems(float display_w, float display_h, float slack = 1.0f);

// Marks the item just drawn as a single-line text field: the text it cuts at its edges scrolls
// into view as the seller edits it (ui/widgets/text_input.cpp calls it).
void note_text_field();

}  // namespace shopkeeper::ui
