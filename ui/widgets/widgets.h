// Small shared widgets: tooltips with definitions, badges, section headers.
#pragma once
#include <string>
#include <vector>

#include "ui/i18n/strings.h"

namespace shopkeeper::ui {

// A "(?)" marker after the previous item; hovering shows `text` wrapped.
void help_marker(const char* text);
// A tooltip on the previous item when hovered.
void item_tooltip(const char* text);
// Test hook (tests/ui, the words test): when set, every hover tooltip reports the screen
// rectangle of the item it belongs to, hovered or not, so a test can hover each one and read
// what it draws. item_tooltip and help_marker report by themselves; a panel drawing its own
// tooltip calls tooltip_target() after the item.
using TooltipTargetHook = void (*)(float x0, float y0, float x1, float y1);
extern TooltipTargetHook tooltip_target_hook;
void tooltip_target();
// A small coloured label (e.g. "Coming", "Read-only").
void badge(const char* text, unsigned int rgba);
// A large title line.
void title(const char* text);

// `label`'s words with an id that does not depend on the language ("words###s<key>"): for
// tabs, headers and tree nodes whose open state must survive a language switch.
std::string stable_label(S label);
// A table's header row whose column `c` shows tr(tips[c]) on hover (S::count_ or no tips: none).
void header_row(int columns, const S* tips);
// A tab of a tab bar whose identity does not depend on the language ("words###key"), so a
// language switch keeps the tab that is shown. Records the shown tab (shown_tab) when open.
bool tab_item(S label, int flags = 0);
// The English words of the tab last shown this frame ("" when the section has no tabs);
// reset_shown_tab() at the start of each frame.
const char* shown_tab();
void reset_shown_tab();

// Where the last item was drawn this frame, under `name` (the centre, in logical pixels): the
// browser tests read these to click a button with the real mouse wherever the layout put it.
// The first item marked under a name in a frame wins.
struct TestMark {
  std::string name;
  float x = 0, y = 0;
  float x0 = 0, y0 = 0, x1 = 0, y1 = 0;  // the item's rectangle
  bool scrolls_y = false;                // its window scrolls vertically (it may be scrolled to)
};
void test_mark(const char* name);
// Marks of the last frame drawn.
std::vector<TestMark> test_marks();

}  // namespace shopkeeper::ui
