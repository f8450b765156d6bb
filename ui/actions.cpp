// The panel context and the shared actions (ui/section.h), implemented once over the App.
#include <imgui.h>
#include <imgui_internal.h>

#include <cstdio>
#include <filesystem>

#include "core/base/currency.h"
#include "core/base/file.h"
#include "core/io/xlsx_write.h"
#include "ui/app.h"
#include "ui/i18n/format.h"
#include "ui/i18n/issues.h"
#include "ui/i18n/names.h"
#include "ui/panels/panels.h"
#include "ui/widgets/flow.h"
#include "ui/widgets/text_input.h"
#include "ui/widgets/widgets.h"
#include "ui/widgets/wrap_text.h"

namespace shopkeeper::ui {

namespace {

std::string temp_dir() {
  std::error_code ec;
  auto d = std::filesystem::temp_directory_path(ec) / "shopkeeper";
  std::filesystem::create_directories(d, ec);
  return d.string();
}

constexpr unsigned int kComing = IM_COL32(120, 120, 140, 255);

// For the app-level entry points the tests and the browser test API call outside a frame: they
// only write to the store and the UI state, never to the platform.

}  // namespace

PanelContext::PanelContext(App& app, Platform& p)
    : ws(app.ws), platform(p), range(app.ui.range.range), keep_drawing(app.ui.keep_drawing), app_(app) {}

void PanelContext::report_error(std::string message) { app_.ui.error = std::move(message); }
void PanelContext::report_error(const Error& e) { app_.ui.error = error_text(e, language()); }
void PanelContext::notify(std::string message) { app_.ui.notice = std::move(message); }
const std::string& PanelContext::notice() const { return app_.ui.notice; }
void PanelContext::navigate(Section s) { ui::navigate(app_, s); }

void PanelContext::show_products_without_cost() {
  app_.ui.products.only_missing_cost = true;
  app_.ui.products.filter.clear();
  ui::navigate(app_, Section::products);
}

void PanelContext::show_day(Day day) {
  RangeState& r = app_.ui.range;
  if (!r.has_before_day) {  // a second "Show this day" still goes back to the range before the first
    r.has_before_day = true;
    r.before_preset = r.preset;
    r.before_range = r.range;
  }
  r.preset = RangePreset::custom;
  r.range = DayRange{day, day};
  r.from = format_day(day);
  r.to = format_day(day);
}

void PanelContext::request_open_demo() { ui::request_open_demo(app_); }
void PanelContext::set_language(Lang lang) { set_app_language(app_, lang); }
bool PanelContext::dark() const { return app_.ui.dark; }
void PanelContext::set_dark(bool dark) {
  app_.ui.dark = dark;
  app_.ui.theme_applied = false;
}

void PanelContext::start_import(const std::string& path, const std::string& name) {
  ui::start_import(*this, app_.ui.data, path, name);
}
bool PanelContext::import_pending() const { return app_.ui.data.job != nullptr; }

std::string PanelContext::file_picker(const char* id, FilePurpose purpose, const char* accept, const char* button,
                                      float path_width_em) {
  if (platform.is_web()) {
    if (ImGui::Button(button)) {
      app_.ui.file_purpose = purpose;
      platform.open_file(accept);
    }
    test_mark(id);  // the browser tests click the real button (file chooser)
    return {};
  }
  std::string& path = app_.ui.picked_path;
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * path_width_em);
  input_text(id, path, 0, tr(S::import_path));
  ImGui::SameLine();
  if (ImGui::Button(button) && !path.empty()) return path;
  return {};
}

void PanelContext::offer_download_text(const std::string& name, const std::string& text, const char* mime) {
  std::string path = temp_dir() + "/" + name;
  if (!write_file(path, text)) {
    report_error("cannot write " + path);
    return;
  }
  platform.offer_download(path, name, mime);
  if (!platform.is_web()) notify(std::string(tr(S::desktop_exports_to)) + " " + platform.data_dir() + "/exports/" + name);
}

void PanelContext::offer_download_xlsx(const std::string& base, Table t) {
  StoreMoney money = ws.money();
  XlsxOptions o;
  o.sheet = base;
  if (const CurrencyInfo* c = find_currency(money.currency)) o.currency_symbol = c->symbol;
  const Lang lang = language();
  if (lang == Lang::zh_CN)
    for (auto& c : t.columns) c = field_label(c, lang);
  auto bytes = to_xlsx(t, o);
  if (!bytes) {
    report_error(bytes.error());
    return;
  }
  offer_download_text(base + ".xlsx", *bytes, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
}

void PanelContext::export_buttons(const std::string& base, const std::function<Table()>& make, const char* what) {
  ImGui::PushID(base.c_str());
  // The group moves to a new line as a whole when it does not fit beside what came before it
  // (a narrow window), and each button wraps on its own in a window narrower still.
  {
    const ImGuiStyle& st = ImGui::GetStyle();
    float w = button_width(tr(S::export_csv)) + button_width(tr(S::export_json)) + button_width(tr(S::export_xlsx)) +
              st.ItemSpacing.x * 2;
    if (what) w += ImGui::CalcTextSize(what).x + st.ItemSpacing.x;
    const float x = ImGui::GetCursorScreenPos().x;
    if (x > ImGui::GetCurrentWindowRead()->WorkRect.Min.x + 1 && x + w > ImGui::GetCurrentWindowRead()->WorkRect.Max.x)
      ImGui::NewLine();
  }
  if (what) {
    ImGui::AlignTextToFramePadding();
    ImGui::TextDisabled("%s", what);
    same_line_if_fits(button_width(tr(S::export_csv)));
  }
  // Money at the store's digits (mills stay mills, yen stay whole), as the CLI exports it.
  auto made = [&] {
    Table t = make();
    t.money_decimals = ws.money().digits;
    return t;
  };
  if (ImGui::SmallButton(tr(S::export_csv))) offer_download_text(base + ".csv", to_csv(made()), "text/csv");
  test_mark(("export_csv:" + base).c_str());  // the UI tests click these (tests/ui/shops_ui_test.cpp)
  same_line_if_fits(button_width(tr(S::export_json)));
  if (ImGui::SmallButton(tr(S::export_json))) offer_download_text(base + ".json", to_json(made()), "application/json");
  same_line_if_fits(button_width(tr(S::export_xlsx)));
  if (ImGui::SmallButton(tr(S::export_xlsx))) offer_download_xlsx(base, made());
  test_mark(("export_xlsx:" + base).c_str());
  ImGui::PopID();
}

// ---- app-level entry points (ui/panels/panels.h) -----------------------------------------

void start_import(App& app, const std::string& path, const std::string& name) {
  NullPlatform none;
  PanelContext cx(app, none);
  start_import(cx, app.ui.data, path, name);
}

ImportStatus import_status(const App& app) {
  ImportStatus s = import_status(app.ui.data);
  s.message = app.ui.notice;
  return s;
}

bool confirm_import(App& app) { return confirm_import(app.ws, app.ui.data); }

void promo_editor_save(App& app, PromoEditor& editor) {
  NullPlatform none;
  PanelContext cx(app, none);
  promo_editor_save(cx, app.ui.promotions, editor);
}

void draw_coming_panel(S label, S about) {
  title(tr(label));
  ImGui::SameLine();
  badge(tr(S::coming), kComing);
  ImGui::Separator();
  ImGui::TextDisabled("%s", tr(S::coming_note));
  ImGui::Spacing();
  ImGui::PushTextWrapPos(ImGui::GetFontSize() * 40.0f);
  wrapped_text(tr(about));
  ImGui::PopTextWrapPos();
}

}  // namespace shopkeeper::ui
