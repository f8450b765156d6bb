// The ImGui application shared by the web and desktop builds: App = Workspace + UiState.
// draw_app() is called once per frame by the host; panels keep only their own UI state.
#pragma once
#include <cstdint>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/analytics/checklist.h"
#include "core/store/workspace.h"
#include "ui/i18n/strings.h"
#include "ui/platform.h"

namespace shopkeeper::ui {

enum class Section { dashboard, products, pricing, promotions, members, planning, insights, data, settings, count_ };
const char* section_name(Section s);  // "dashboard" ...
bool parse_section(std::string_view name, Section& out);

enum class RangePreset { last7, last30, last90, this_month, last_month, this_year, all, custom };

struct RangeState {
  RangePreset preset = RangePreset::last30;
  DayRange range{0, -1};
  char from[16] = "";
  char to[16] = "";
  bool invalid = false;
};

struct ProductsUi {
  char filter[128] = "";
  std::vector<int32_t> rows;  // product indices in the current Dataset, filtered and sorted
  int64_t rows_revision = -1;
  std::string rows_filter;
  int sort_column = 0;
  bool sort_ascending = true;
  bool sort_dirty = true;
};

// Dashboard: selections plus cached results keyed by (dataset revision, query). Results are
// recomputed only when either changes, never per frame.
struct DashboardUi {
  int compare = 1;  // 0 none, 1 previous period, 2 same period last year
  int16_t channel = -1, source = -1;
  int selected_metric = -1;  // index of Metric shown as a trend; -1 = sales
  int grain = 0;             // 0 day, 1 week, 2 month
  int dimension = 3;         // Dimension: product
  bool bottom = false;
  bool cohort_revenue = false;
  int64_t cached_revision = -1;
  std::string cached_key;
  std::shared_ptr<struct DashboardCache> cache;
  int64_t checks_revision = -1;
  Day checks_day = 0;
  std::set<std::string> checks;
  // Check-list items about promotions starting tomorrow, from the promotions table (reloaded
  // per workspace revision and day, not with the Dataset).
  std::vector<ChecklistItem> promo_items;
  int64_t promo_items_revision = -1;
  Day promo_items_day = 0;
};

// Data section: the import in progress (read in slices across frames, committed in one
// transaction), the last report, export choice, quality report.
struct DataUi {
  char path[512] = "";  // desktop: a file path typed or dropped
  std::string file_path, file_name;
  std::shared_ptr<struct ImportJob> job;
  std::shared_ptr<struct ImportReportView> report;
  std::string message;  // last outcome in words
  int export_table = 0;
  std::shared_ptr<struct QualityView> quality;
  int64_t log_revision = -1;
  std::vector<std::vector<std::string>> log_rows;
};

enum class FilePurpose { import, restore };

// Promotions: the tab to open (set by navigation or --promo-tab) and each tab's state
// (ui/panels/promotions.h), created on first draw.
struct PromotionsUi {
  int tab_request = -1;  // 0 list and editor, 1 quote, 2 loss guard, 3 calendar; -1 = keep
  int selected = -1;     // row of the promotions list
  std::shared_ptr<struct PromoData> data;
  std::shared_ptr<struct PromoEditor> editor;
  std::shared_ptr<struct PromoQuoteUi> quote;
  std::shared_ptr<struct PromoGuardUi> guard;
  std::shared_ptr<struct PromoCalendarUi> calendar;
};

struct SettingsUi {
  char store_name[128] = "";
  int64_t loaded_revision = -1;
  bool confirm_reset = false;
  bool confirm_demo = false;
  std::string restore_path;  // a picked backup waiting for confirmation
  std::string restore_info;
};

struct UiState {
  Section section = Section::dashboard;
  RangeState range;
  ProductsUi products;
  SettingsUi settings;
  DashboardUi dashboard;
  DataUi data;
  FilePurpose file_purpose = FilePurpose::import;  // what the next opened file is for
  PromotionsUi promotions;
  int64_t demo_order_lines = 0;  // order lines of the next demo store (0 = the default shop)
  int demo_stage = 0;  // 1: message shown this frame, 2: generate now
  std::string error;   // last action's error, shown in a modal
  bool dark = false;
  bool theme_applied = false;
  int64_t range_revision = -1;
  // Set by a panel during draw_app when it needs the next frame at once (sliced work, a
  // message that must show before work starts). Reset at the start of every draw_app.
  bool keep_drawing = false;
};

struct App {
  Workspace ws;
  UiState ui;
  std::string open_error;  // the store could not be opened: shown instead of the app
};

void draw_app(App& app, Platform& platform);

// Actions shared by the UI and the browser test API.
void navigate(App& app, Section s);
void request_open_demo(App& app);
void set_app_language(App& app, Lang lang);
// The anchor day for date-range presets: the last day with orders, or today.
Day range_anchor(const App& app, const Platform& platform);
DayRange preset_range(RangePreset p, Day anchor, DayRange all);

}  // namespace shopkeeper::ui
