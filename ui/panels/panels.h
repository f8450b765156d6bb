// One draw function per section of the app (ui/panels/<section>.cpp).
#pragma once
#include <functional>
#include <string>

#include "core/io/importer.h"
#include "core/io/table.h"
#include "ui/app.h"

namespace shopkeeper::ui {

void draw_coming_panel(S title, S about);
void draw_products_panel(App& app, Platform& platform);
void draw_data_panel(App& app, Platform& platform);
// Reads `path` and shows the import plan in the Data section (the user then confirms).
void start_import(App& app, const std::string& path, const std::string& name);
// Writes `text` to a temporary file and offers it as a download (web) or copies it to the
// data folder's exports/ (desktop).
void offer_download_text(App& app, Platform& platform, const std::string& name, const std::string& text, const char* mime);
// "Download CSV" and "Download JSON" buttons for a table shown in the app; `make` builds the
// table only on a click. Files are named base + ".csv" / ".json".
void export_buttons(App& app, Platform& platform, const std::string& base, const std::function<Table()>& make);
// Advances a running import by one frame's work (reading, then writing in one held
// transaction); called every frame from draw_app, whatever section is shown.
void tick_import(App& app, Platform& platform);
// The import's state for the browser test API and benchmarks.
struct ImportStatus {
  bool running = false, committing = false;
  double fraction = 0;
  const ImportReport* report = nullptr;  // the last finished import's report (owned by the UI)
  std::string message;                   // the last outcome in words
};
ImportStatus import_status(const App& app);
// Confirms the import plan shown (same as the Import button); false when no plan is waiting.
bool confirm_import(App& app);
void draw_dashboard_panel(App& app, Platform& platform);
void draw_settings_panel(App& app, Platform& platform);
void draw_promotions_panel(App& app, Platform& platform);

}  // namespace shopkeeper::ui
