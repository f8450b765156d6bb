// The app-level entry points into sections, for the host, the browser test API and the tests
// (panels themselves take a PanelContext and their own state: ui/section.h, ui/sections.h).
#pragma once
#include <string>

#include "core/io/importer.h"
#include "ui/app.h"

namespace shopkeeper::ui {

// Reads `path` and shows the import plan in the Data section (the user then confirms).
void start_import(App& app, const std::string& path, const std::string& name);
// The import's state for the browser test API and benchmarks (message: the last notice).
ImportStatus import_status(const App& app);
// Confirms the import plan shown (same as the Import button); false when no plan is waiting.
bool confirm_import(App& app);

}  // namespace shopkeeper::ui
