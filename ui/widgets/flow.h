// Flow layout (issue #9 item 9): rows of buttons and figures that wrap onto a new line in a
// narrow window instead of running off its right edge, so no action is hidden at 1024x700.
#pragma once

namespace shopkeeper::ui {

// Puts the next item on the line of the previous one when `next_width` more pixels fit before
// the right edge of the region (the window's, or the table cell's), else on a new line.
// Returns whether it stayed on the line. `spacing` < 0: the style's item spacing.
bool same_line_if_fits(float next_width, float spacing = -1.0f);
// The width a button (or small button) with this label takes.
float button_width(const char* label);

}  // namespace shopkeeper::ui
