// Small shared widgets: tooltips with definitions, badges, section headers.
#pragma once

namespace shopkeeper::ui {

// A "(?)" marker after the previous item; hovering shows `text` wrapped.
void help_marker(const char* text);
// A tooltip on the previous item when hovered.
void item_tooltip(const char* text);
// A small coloured label (e.g. "Coming", "Read-only").
void badge(const char* text, unsigned int rgba);
// A large title line.
void title(const char* text);

}  // namespace shopkeeper::ui
