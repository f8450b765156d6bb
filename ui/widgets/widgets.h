// Small shared widgets: tooltips with definitions, badges, section headers.
#pragma once

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

}  // namespace shopkeeper::ui
