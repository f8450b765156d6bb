// The ImGui application shared by the web and desktop builds: App = Workspace + UiState.
// draw_app() is called once per frame by the host. Panels never see App: each gets a
// PanelContext and its own state (ui/section.h, ui/sections.h).
#pragma once
#include <cstdint>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/workspace/workspace.h"
#include "ui/i18n/strings.h"
#include "ui/platform.h"
#include "ui/section.h"
#include "ui/sections.h"

namespace shopkeeper::ui {

enum class RangePreset { last7, last30, last90, this_month, last_month, this_year, all, custom };

struct RangeState {
  RangePreset preset = RangePreset::last30;
  DayRange range{0, -1};
  std::string from;
  std::string to;
  bool invalid = false;
  // The range before "Show this day" (from an alert) replaced it: one click puts it back.
  bool has_before_day = false;
  RangePreset before_preset = RangePreset::last30;
  DayRange before_range{0, -1};
};

// The app's state: what the shell (top bar, navigation, modals) keeps, and one member per
// section holding that section's own state (named by the section's id, from ui/sections.h).
struct UiState {
  Section section = Section::dashboard;
  RangeState range;
#define SK_SECTION_STATE(id, State, draw, label, about) State id;
  SK_SECTIONS(SK_SECTION_STATE)
#undef SK_SECTION_STATE
  FilePurpose file_purpose = FilePurpose::import;  // what the next opened file is for
  std::string picked_path;  // desktop: the file path typed or dropped in the file-picker block
  std::string notice;          // the last outcome in words (PanelContext::notify)
  int64_t demo_order_lines = 0;  // order lines of the next demo store (0 = the default shop)
  int demo_stage = 0;  // 1: message shown this frame, 2: generate now
  std::string error;   // last action's error, shown in a modal
  bool dark = false;
  bool theme_applied = false;
  int64_t range_revision = -1;
  int64_t money_revision = -1;  // store currency/scale read for format_money at this revision
  // Set by a panel during draw_app when it needs the next frame at once (sliced work, a
  // message that must show before work starts). Reset at the start of every draw_app.
  bool keep_drawing = false;
  // The content pane's scroll position, kept across a language switch (the words change the
  // layout for a frame or two; the position is put back for a few frames).
  float content_scroll = 0;
  float scroll_restore_y = 0;
  int scroll_restore_frames = 0;
};

struct App {
  Workspace ws;
  UiState ui;
  std::string open_error;  // the store could not be opened: shown instead of the app
};

void draw_app(App& app, Platform& platform);
// Back to the range before "Show this day"; false when there is none.
bool undo_show_day(App& app);

// Actions shared by the UI and the browser test API.
void navigate(App& app, Section s);
void request_open_demo(App& app);
void set_app_language(App& app, Lang lang);
// The anchor day for date-range presets: the last day with orders, or today.
Day range_anchor(const App& app, const Platform& platform);
DayRange preset_range(RangePreset p, Day anchor, DayRange all);

}  // namespace shopkeeper::ui
