// The browser test API (window.shopkeeper in pre.js calls these). It reads app state as JSON and
// performs the same actions a user can take from the UI; it never changes what a user sees.
#include <emscripten.h>

#include <nlohmann/json.hpp>

#include <string>

#include "ui/panels/panels.h"
#include "wasm/test_api.h"
#include "wasm/web_platform.h"

namespace shopkeeper {

namespace {
ui::App* g_app = nullptr;
}

void set_test_api_app(ui::App* app) { g_app = app; }

}  // namespace shopkeeper

using namespace shopkeeper;

extern "C" {

EMSCRIPTEN_KEEPALIVE const char* sk_test_state() {
  static std::string out;
  nlohmann::json j;
  if (!g_app) {
    j["ready"] = false;
  } else {
    const ui::App& a = *g_app;
    ui::SaveState ss = web_platform().save_state();
    std::string save = ss.kind == ui::SaveKind::saved ? "saved" : ss.kind == ui::SaveKind::saving ? "saving"
                                                                                                 : "failed: " + ss.reason;
    const Counts& c = a.ws.counts();
    j["ready"] = true;
    j["section"] = ui::section_name(a.ui.section);
    j["language"] = ui::lang_code(ui::language());
    j["readonly"] = a.ws.readonly();
    j["save_state"] = save;
    j["initialized"] = const_cast<ui::App&>(a).ws.initialized();
    j["busy"] = a.ui.demo_stage != 0;
    j["error"] = a.ui.error.empty() ? a.open_error : a.ui.error;
    j["revision"] = a.ws.revision();
    j["counts"] = {{"products", c.products}, {"orders", c.orders}, {"order_lines", c.order_lines},
                   {"customers", c.customers}, {"refunds", c.refunds}, {"traffic_days", c.traffic_days}};
    j["range"] = {{"from", format_day(a.ui.range.range.first)}, {"to", format_day(a.ui.range.range.last)}};
    j["store_busy"] = a.ws.busy();  // a transaction held open (an import being written)
    ui::ImportStatus is = ui::import_status(a);
    nlohmann::json imp = {{"running", is.running}, {"committing", is.committing}, {"fraction", is.fraction},
                          {"message", is.message}};
    if (is.report) {
      // The last report without its (possibly long) lists.
      auto r = report_to_json(*is.report);
      r.erase("errors");
      r.erase("duplicate_ids");
      r["errors_count"] = is.report->errors.size();
      imp["report"] = nlohmann::json::parse(r.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace), nullptr, false);
    }
    j["import"] = std::move(imp);
  }
  out = j.dump();
  return out.c_str();
}

EMSCRIPTEN_KEEPALIVE void sk_test_navigate(const char* section) {
  ui::Section s;
  if (g_app && ui::parse_section(section, s)) {
    ui::navigate(*g_app, s);
    g_app->ui.keep_drawing = true;  // draw the change at once, as a click would
  }
}

EMSCRIPTEN_KEEPALIVE void sk_test_open_demo() {
  if (g_app) {
    ui::request_open_demo(*g_app);
    g_app->ui.keep_drawing = true;
  }
}

EMSCRIPTEN_KEEPALIVE void sk_test_set_language(const char* code) {
  ui::Lang l;
  if (g_app && ui::parse_lang(code, l)) {
    ui::set_app_language(*g_app, l);
    g_app->ui.keep_drawing = true;
  }
}

EMSCRIPTEN_KEEPALIVE int sk_test_confirm_import() {
  if (!g_app || !ui::confirm_import(*g_app)) return 0;
  g_app->ui.keep_drawing = true;
  return 1;
}

}  // extern "C"
