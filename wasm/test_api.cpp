// The browser test API (window.shopkeeper in pre.js calls these). It reads app state as JSON and
// performs the same actions a user can take from the UI; it never changes what a user sees.
#include <emscripten.h>
#include <imgui.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "core/promotions/store_io.h"
#include "ui/panels/panels.h"
#include "ui/widgets/date_field.h"
#include "ui/widgets/layout_probe.h"
#include "ui/widgets/text_input.h"
#include "ui/widgets/widgets.h"
#include "wasm/test_api.h"
#include "wasm/web_platform.h"

namespace shopkeeper {

namespace {
ui::App* g_app = nullptr;
std::vector<std::pair<double, double>> g_frame_ms;  // ring of the last kFrames drawn frames: (frame, ui)
size_t g_frame_next = 0;
constexpr size_t kFrames = 8192;
}  // namespace

void set_test_api_app(ui::App* app) { g_app = app; }

void record_frame_time(double frame_ms, double ui_ms) {
  if (g_frame_ms.size() < kFrames) g_frame_ms.push_back({frame_ms, ui_ms});
  else g_frame_ms[g_frame_next % kFrames] = {frame_ms, ui_ms};
  ++g_frame_next;
}

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
    // The last frame asked for the next at once: sliced work (the loss guard, an estimate) still
    // running, or a scroll being restored. Its tables' widths settle the frame after it stops.
    j["working"] = a.ui.keep_drawing;
    j["error"] = a.ui.error.empty() ? a.open_error : a.ui.error;
    j["revision"] = a.ws.revision();
    j["counts"] = {{"products", c.products}, {"orders", c.orders}, {"order_lines", c.order_lines},
                   {"customers", c.customers}, {"refunds", c.refunds}, {"traffic_days", c.traffic_days}};
    j["range"] = {{"from", format_day(a.ui.range.range.first)}, {"to", format_day(a.ui.range.range.last)},
                  {"can_go_back", a.ui.range.has_before_day}};
    j["tab"] = ui::shown_tab();           // the shown tab's English words ("" = no tabs)
    j["scroll"] = a.ui.content_scroll;    // the content pane's scroll position, in pixels
    ui::DatePickerProbe dp = ui::date_picker_probe();
    j["date_picker"] = {{"open", dp.open}, {"cursor", format_day(dp.cursor)}, {"picked", dp.picked}};
    nlohmann::json marks = nlohmann::json::object();  // where named buttons were drawn (for real clicks)
    for (const auto& m : ui::test_marks())
      marks[m.name] = {{"x", m.x}, {"y", m.y}, {"x0", m.x0}, {"y0", m.y0}, {"x1", m.x1}, {"y1", m.y1}, {"scrolls", m.scrolls_y}};
    j["marks"] = std::move(marks);
    // What the last frame hides at the display's size (ui/widgets/layout_probe.h): windows with
    // items past their edge, table columns that cut their text, marked buttons off the display.
    nlohmann::json layout = nlohmann::json::array();
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    for (const auto& pr : ui::layout_problems(display.x, display.y))
      layout.push_back({{"kind", pr.kind == ui::LayoutProblem::window_overflow ? "overflow"
                                 : pr.kind == ui::LayoutProblem::column_clipped ? "clipped"
                                 : pr.kind == ui::LayoutProblem::text_cut       ? "cut"
                                                                                : "offscreen"},
                        {"where", pr.where}, {"px", pr.overflow}});
    j["layout"] = std::move(layout);
    j["display"] = {{"w", display.x}, {"h", display.y}};
    ui::TextInputInfo ti = ui::active_text_input();
    j["text_input"] = {{"active", ti.active}, {"value", ti.value}};
    // Rows the Products list shows after its filter (as of its last drawn frame).
    j["products"] = {{"shown", a.ui.products.rows.size()}, {"total", a.ws.dataset().sku.size()}};
    // Stored promotions' names by id (what a reload reads back).
    nlohmann::json promos = nlohmann::json::object();
    if (a.ws.is_open()) {
      auto stored = const_cast<ui::App&>(a).ws.stored_promotions();
      if (stored)
        for (const auto& sp : *stored) promos[sp.promotion.id] = sp.promotion.name;
    }
    j["promotions"] = std::move(promos);
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

// A demo store with `lines` order lines (the benchmark's 1,000,000-line store).
EMSCRIPTEN_KEEPALIVE void sk_test_open_demo_lines(double lines) {
  if (g_app) {
    g_app->ui.demo_order_lines = static_cast<int64_t>(lines);
    ui::request_open_demo(*g_app);
    g_app->ui.keep_drawing = true;
  }
}

// The date-range picker's preset, as a click on it would: last7 last30 last90 this_month
// last_month this_year all.
EMSCRIPTEN_KEEPALIVE void sk_test_set_range(const char* preset) {
  static const char* names[] = {"last7", "last30", "last90", "this_month", "last_month", "this_year", "all"};
  if (!g_app) return;
  for (int i = 0; i < 7; ++i)
    if (std::string(preset) == names[i]) {
      g_app->ui.range.preset = static_cast<ui::RangePreset>(i);
      g_app->ui.range_revision = -1;  // the picker recomputes the range from the preset
      g_app->ui.keep_drawing = true;
    }
}

// The app's milliseconds per drawn frame since the last call (at most the last 8192), as JSON
// [[frame_ms, ui_ms], ...].
EMSCRIPTEN_KEEPALIVE const char* sk_test_frame_times() {
  static std::string out;
  nlohmann::json j = nlohmann::json::array();
  const size_t n = std::min(g_frame_next, g_frame_ms.size());
  for (size_t k = g_frame_next - n; k < g_frame_next; ++k)
    j.push_back({g_frame_ms[k % kFrames].first, g_frame_ms[k % kFrames].second});
  g_frame_ms.clear();
  g_frame_next = 0;
  out = j.dump();
  return out.c_str();
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
