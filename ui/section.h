// What every section's panel receives: a small context (the Workspace, the Platform, the date
// range, a way to report an error, the "draw the next frame at once" flag) and the shared actions
// every panel calls (start an import, pick a file, offer a download, export buttons, ...).
// A panel's own state is its own struct (ui/panels/<section>.h); no panel reads or writes another
// panel's state, and panels do not see App or UiState (the registry, ui/sections.h, hands each
// panel its state). Shared actions are implemented once, in ui/actions.cpp.
#pragma once
#include <functional>
#include <string>

#include "core/base/date.h"
#include "core/io/table.h"
#include "core/workspace/workspace.h"
#include "ui/i18n/strings.h"
#include "ui/platform.h"

namespace shopkeeper::ui {

struct App;
enum class Section : int;  // ui/sections.h

// What the next file the platform opens is for.
enum class FilePurpose { import, restore, cost_sheet, purchase_orders };

class PanelContext {
 public:
  PanelContext(App& app, Platform& platform);

  Workspace& ws;
  Platform& platform;
  const DayRange range;  // the top bar's date range, already refreshed for this frame
  // Set when the next frame must be drawn at once (sliced work, a message that must show before
  // work starts). draw_app resets it at the start of every frame.
  bool& keep_drawing;

  // ---- shared actions -------------------------------------------------------------------
  // The last action's error, shown in a modal.
  void report_error(std::string message);
  // An Error in the UI's language (ui/i18n/issues.h error_text: its input issue worded; a store
  // or system failure in Chinese as a sentence without the English detail).
  void report_error(const Error& e);
  // The last outcome in words (an import, a restore, a desktop export), shown in the Data section.
  void notify(std::string message);
  const std::string& notice() const;
  void navigate(Section s);
  // The Products section filtered to the products without a unit cost (the data-quality link).
  void show_products_without_cost();
  // Sets the top bar's date range to one day (a custom range).
  void show_day(Day day);
  void request_open_demo();
  void set_language(Lang lang);
  bool dark() const;
  void set_dark(bool dark);
  // Reads `path` and shows the import plan in the Data section (the user then confirms).
  void start_import(const std::string& path, const std::string& name);
  // True while an import waits for confirmation or runs.
  bool import_pending() const;
  // The file-picker block: on the web a button that asks the browser for a file (the result comes
  // back through the platform and is routed by `purpose`); on the desktop a path field and the
  // button. Returns the typed path when the desktop button is pressed with a path, else "".
  std::string file_picker(const char* id, FilePurpose purpose, const char* accept, const char* button,
                          float path_width_em);
  // Writes `text` to a temporary file and offers it as a download (web) or copies it to the data
  // folder's exports/ (desktop).
  void offer_download_text(const std::string& name, const std::string& text, const char* mime);
  // `t` as an .xlsx download (core/io/xlsx_write.h): money in the store's currency and digits,
  // headers worded in the UI's language where the column is a known field.
  void offer_download_xlsx(const std::string& base, Table t);
  // "Download CSV" and "Download JSON" buttons for a table shown in the app; `make` builds the
  // table only on a click. Files are named base + ".csv" / ".json". `what` (optional) names what
  // the pair downloads, shown before it, so two pairs side by side are not alike (issue #10).
  void export_buttons(const std::string& base, const std::function<Table()>& make, const char* what = nullptr);

 private:
  App& app_;
};

// The panel of a section whose issue has not landed yet: its name, a "Coming" badge and what it
// will do.
void draw_coming_panel(S title, S about);

}  // namespace shopkeeper::ui
