// A date field: the typed text as before (YYYY-MM-DD, or YYYY-MM-DD HH:MM for a moment) and a
// calendar button beside it that opens a month grid. The grid is keyboard-navigable: arrows move
// a day (left/right) or a week (up/down), PageUp/PageDown a month, Enter picks, Esc closes; a
// click on a day picks it. Month and weekday names are worded per language (ui/i18n).
#pragma once
#include <string>

#include "core/base/date.h"

namespace shopkeeper::ui {

// Draws the field `label` (an ImGui label: "##id" hides it) `width` pixels wide, the calendar
// button after it. `with_time`: the text is a moment; picking a day keeps the typed time (00:00
// when there is none). `fallback` is the day the calendar opens on when the text is not a date.
// Returns true when the text changed (typed or picked).
bool date_field(const char* label, std::string& text, float width, bool with_time, Day fallback);

// The calendar's state while open, exposed for tests: the day under the keyboard cursor.
struct DatePickerProbe {
  bool open = false;
  Day cursor = 0;
  std::string picked;  // the text the last pick wrote
};
DatePickerProbe date_picker_probe();

// The month title as shown ("December 2026", "2026年12月").
std::string month_title(int year, int month);

}  // namespace shopkeeper::ui
