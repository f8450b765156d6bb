// Data section: its state and its draw function (ui/panels/data.cpp). The section owns the
// import in progress; other panels start one through PanelContext::start_import.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/io/importer.h"
#include "ui/section.h"

namespace shopkeeper::ui {

// The import in progress (read in slices across frames, committed in one transaction), the last
// report, export choice, quality report.
struct DataUi {
  static constexpr bool built = true;  // false: "Coming" in the navigation
  std::shared_ptr<struct ImportJob> job;
  std::shared_ptr<struct ImportReportView> report;
  int export_table = 0;
  std::shared_ptr<struct QualityView> quality;
  // A file refused for its encoding: the encodings to choose from, with previews (data.cpp).
  std::shared_ptr<struct EncodingChoice> encoding_choice;
  int64_t log_revision = -1;
  std::vector<std::vector<std::string>> log_rows;
  // The several shops' code map (issue #16, ui/panels/shops.h).
  std::shared_ptr<struct ShopCodesUi> shop_codes;
};

void draw_data_panel(PanelContext& cx, DataUi& ui);
// The import's state for the browser test API and benchmarks.
struct ImportStatus {
  bool running = false, committing = false;
  double fraction = 0;
  const ImportReport* report = nullptr;  // the last finished import's report (owned by the UI)
  std::string message;                   // the last outcome in words
};
ImportStatus import_status(const DataUi& ui);
// Confirms the import plan shown (the Import button); false when no plan is waiting.
bool confirm_import(const Workspace& ws, DataUi& ui);
// Reads `path` and prepares the import plan (the user then confirms); errors go to the context.
// A file refused for its encoding leaves the encoding choice (with previews) in the section.
void start_import(PanelContext& cx, DataUi& ui, const std::string& path, const std::string& name,
                  const std::string& encoding = "auto");
// Advances a running import by one frame's work (reading, then writing in one held
// transaction); called every frame from draw_app, whatever section is shown.
void tick_import(PanelContext& cx, DataUi& ui);

}  // namespace shopkeeper::ui
