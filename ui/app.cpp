#include "ui/app.h"

#include <imgui.h>

#include <algorithm>
#include <cstdio>
#include <cstring>

#include "core/store/store_money.h"
#include "ui/i18n/format.h"
#include "ui/i18n/issues.h"
#include "ui/panels/panels.h"
#include "ui/panels/settings.h"
#include "ui/widgets/date_field.h"
#include "ui/widgets/text_input.h"
#include "ui/widgets/widgets.h"
#include "ui/widgets/wrap_text.h"

namespace shopkeeper::ui {

namespace {

constexpr unsigned int kAccent = IM_COL32(214, 92, 38, 255);

void apply_theme(UiState& ui) {
  if (ui.theme_applied) return;
  ui.theme_applied = true;
  if (ui.dark) ImGui::StyleColorsDark(); else ImGui::StyleColorsLight();
  ImGuiStyle& st = ImGui::GetStyle();
  st.WindowRounding = 0.0f;
  st.FrameRounding = 4.0f;
  st.ChildRounding = 4.0f;
  st.GrabRounding = 4.0f;
  st.FramePadding = ImVec2(8, 5);
  st.ItemSpacing = ImVec2(8, 7);
  st.CellPadding = ImVec2(6, 4);
  ImVec4 accent = ImGui::ColorConvertU32ToFloat4(kAccent);
  st.Colors[ImGuiCol_Header] = ImVec4(accent.x, accent.y, accent.z, 0.25f);
  st.Colors[ImGuiCol_HeaderHovered] = ImVec4(accent.x, accent.y, accent.z, 0.40f);
  st.Colors[ImGuiCol_HeaderActive] = ImVec4(accent.x, accent.y, accent.z, 0.55f);
  st.Colors[ImGuiCol_Button] = ImVec4(accent.x, accent.y, accent.z, 0.80f);
  st.Colors[ImGuiCol_ButtonHovered] = accent;
  st.Colors[ImGuiCol_ButtonActive] = ImVec4(accent.x * 0.8f, accent.y * 0.8f, accent.z * 0.8f, 1.0f);
  st.Colors[ImGuiCol_CheckMark] = accent;
  if (!ui.dark) {
    // Input fields and check boxes need a visible frame on the white content area.
    st.FrameBorderSize = 1.0f;
    st.Colors[ImGuiCol_FrameBg] = ImVec4(0.95f, 0.94f, 0.93f, 1.0f);
    st.Colors[ImGuiCol_Border] = ImVec4(0.0f, 0.0f, 0.0f, 0.18f);
    st.Colors[ImGuiCol_Text] = ImVec4(0.12f, 0.12f, 0.14f, 1.0f);
    st.Colors[ImGuiCol_WindowBg] = ImVec4(0.97f, 0.96f, 0.95f, 1.0f);
    st.Colors[ImGuiCol_ChildBg] = ImVec4(1, 1, 1, 1);
  }
}

void refresh_range(App& app, const Platform& platform) {
  RangeState& r = app.ui.range;
  if (r.preset == RangePreset::custom) return;
  DayRange all = app.ws.dataset().order_days();
  Day anchor = range_anchor(app, platform);
  if (all.length() == 0) all = DayRange{anchor, anchor};
  r.range = preset_range(r.preset, anchor, all);
  r.from = format_day(r.range.first);
  r.to = format_day(r.range.last);
}

void draw_range_picker(App& app, const Platform& platform) {
  RangeState& r = app.ui.range;
  if (app.ui.range_revision != app.ws.revision() || r.range.length() == 0) {
    app.ui.range_revision = app.ws.revision();
    refresh_range(app, platform);
  }
  Lang lang = language();
  std::string label = format_date(r.range.first, lang) + " – " + format_date(r.range.last, lang);
  ImGui::SetNextItemWidth(ImGui::CalcTextSize(label.c_str()).x + ImGui::GetFrameHeight() + ImGui::GetStyle().FramePadding.x * 2 + 8);
  if (ImGui::BeginCombo("##range", label.c_str(), ImGuiComboFlags_HeightLarge)) {
    struct P {
      RangePreset p;
      S s;
    } presets[] = {{RangePreset::last7, S::range_last7},       {RangePreset::last30, S::range_last30},
                   {RangePreset::last90, S::range_last90},     {RangePreset::this_month, S::range_this_month},
                   {RangePreset::last_month, S::range_last_month}, {RangePreset::this_year, S::range_this_year},
                   {RangePreset::all, S::range_all}};
    for (const P& p : presets) {
      if (ImGui::Selectable(tr(p.s), r.preset == p.p)) {
        r.preset = p.p;
        r.has_before_day = false;
        r.invalid = false;
        refresh_range(app, platform);
      }
    }
    ImGui::Separator();
    ImGui::TextUnformatted(tr(S::range_custom));
    date_field(tr(S::range_from), r.from, ImGui::GetFontSize() * 8.5f, false, r.range.first);
    date_field(tr(S::range_to), r.to, ImGui::GetFontSize() * 8.5f, false, r.range.last);
    bool apply = ImGui::Button(tr(S::range_apply));
    test_mark("range_apply");
    if (apply) {
      auto a = parse_day(r.from);
      auto b = parse_day(r.to);
      r.invalid = !a || !b || *a > *b;
      if (!r.invalid) {
        r.preset = RangePreset::custom;
        r.has_before_day = false;
        r.range = DayRange{*a, *b};
        ImGui::CloseCurrentPopup();
      }
    }
    if (r.invalid) ImGui::TextColored(ImVec4(0.8f, 0.1f, 0.1f, 1), "%s", tr(S::range_invalid));
    ImGui::TextDisabled("%s", tr(S::range_anchor_tip));
    ImGui::EndCombo();
  }
  test_mark("range");
  item_tooltip(tr(S::range));
}

void draw_top_bar(App& app, Platform& platform) {
  std::string name = app.ws.is_open() ? app.ws.store_name() : std::string();
  if (name.empty()) name = tr(S::app_name);
  ImGui::AlignTextToFramePadding();
  ImGui::SetWindowFontScale(1.15f);
  ImGui::TextUnformatted(name.c_str());
  ImGui::SetWindowFontScale(1.0f);
  ImGui::SameLine(0, ImGui::GetFontSize() * 1.5f);
  draw_range_picker(app, platform);
  if (app.ui.range.has_before_day) {
    ImGui::SameLine();
    const RangeState& r = app.ui.range;
    std::string back = std::string("← ") + tr(S::range_back);
    if (ImGui::Button(back.c_str())) undo_show_day(app);
    test_mark("range_back");
    std::string tip = std::string(tr(S::range_back_tip)) + " " + format_date(r.before_range.first, language()) + " – " +
                      format_date(r.before_range.last, language());
    item_tooltip(tip.c_str());
  }

  // Right-aligned: save state, read-only badge, language.
  float lang_w = ImGui::GetFontSize() * 7.0f;
  float right = ImGui::GetWindowContentRegionMax().x;
  SaveState ss = platform.save_state();
  const char* save_text = ss.kind == SaveKind::saved    ? tr(S::save_saved)
                          : ss.kind == SaveKind::saving ? tr(S::save_saving)
                                                        : tr(S::save_failed);
  float save_w = ImGui::CalcTextSize(save_text).x + ImGui::GetFontSize() * 1.5f;
  float ro_w = app.ws.readonly() ? ImGui::CalcTextSize(tr(S::readonly_badge)).x + 24.0f : 0.0f;
  ImGui::SameLine(std::max(ImGui::GetCursorPosX() + 10.0f, right - lang_w - save_w - ro_w - 24.0f));
  if (app.ws.readonly()) {
    badge(tr(S::readonly_badge), IM_COL32(180, 120, 20, 255));
    item_tooltip(tr(S::readonly_tip));
    ImGui::SameLine();
  }
  ImVec4 col = ss.kind == SaveKind::failed ? ImVec4(0.85f, 0.15f, 0.1f, 1)
               : ss.kind == SaveKind::saving ? ImVec4(0.8f, 0.55f, 0.1f, 1)
                                              : ImVec4(0.2f, 0.6f, 0.3f, 1);
  ImGui::AlignTextToFramePadding();
  ImGui::TextColored(col, "● %s", save_text);
  if (ss.kind == SaveKind::failed && !ss.reason.empty()) {
    item_tooltip(ss.reason.c_str());
  } else {
    item_tooltip(tr(S::save_tip));
  }
  ImGui::SameLine();
  ImGui::SetNextItemWidth(lang_w);
  Lang lang = language();
  if (ImGui::BeginCombo("##lang", lang == Lang::zh_CN ? "简体中文" : "English")) {
    if (ImGui::Selectable("English", lang == Lang::en)) set_app_language(app, Lang::en);
    test_mark("lang:en");
    if (ImGui::Selectable("简体中文", lang == Lang::zh_CN)) set_app_language(app, Lang::zh_CN);
    test_mark("lang:zh-CN");
    ImGui::EndCombo();
  }
  test_mark("language");
  item_tooltip(tr(S::language));
}

void draw_nav(App& app) {
  for (const SectionInfo* it = sections_begin(); it != sections_end(); ++it) {
    const SectionInfo& s = *it;
    bool selected = app.ui.section == s.section;
    ImGui::PushID(s.name);
    if (ImGui::Selectable(tr(s.label), selected, 0, ImVec2(0, ImGui::GetFrameHeight()))) navigate(app, s.section);
    test_mark((std::string("nav:") + s.name).c_str());  // where the e2e taps it (tests/e2e/touch.test.mjs)
    if (!s.built) {
      ImGui::SameLine(ImGui::GetContentRegionMax().x - ImGui::CalcTextSize(tr(S::coming)).x - 4.0f);
      ImGui::TextDisabled("%s", tr(S::coming));
    }
    ImGui::PopID();
  }
}

void draw_welcome(App& app) {
  if (app.ws.readonly() || app.ui.demo_stage != 0 || app.ws.initialized() || app.ui.data.job) return;
  if (!ImGui::IsPopupOpen("welcome")) ImGui::OpenPopup("welcome");
  ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(vp->GetCenter(), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
  ImGui::SetNextWindowSize(ImVec2(ImGui::GetFontSize() * 30.0f, 0));
  if (ImGui::BeginPopupModal("welcome", nullptr, ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoMove |
                                                     ImGuiWindowFlags_AlwaysAutoResize)) {
    title(tr(S::welcome_title));
    ImGui::Spacing();
    text_wrapped("%s", tr(S::welcome_text));
    ImGui::Spacing();
    // The shop's time zone, chosen before the first orders (the demo's or an import's) arrive.
    std::string zone = app.ws.money().timezone;
    if (app.ws.counts().orders == 0 && draw_zone_combo(tr(S::settings_timezone), zone)) {
      Status st = app.ws.set_setting("timezone", zone);
      if (!st) app.ui.error = error_text(st.error(), language());
    }
    help_marker(tr(S::settings_timezone_tip));
    ImGui::Spacing();
    if (ImGui::Button(tr(S::open_demo))) {
      request_open_demo(app);
      ImGui::CloseCurrentPopup();
    }
    ImGui::SameLine();
    if (ImGui::Button(tr(S::start_empty))) {
      Status st = app.ws.start_empty();
      if (!st) app.ui.error = error_text(st.error(), language());
      ImGui::CloseCurrentPopup();
    }
    ImGui::SameLine();
    Lang lang = language();
    if (ImGui::SmallButton(lang == Lang::zh_CN ? "English" : "简体中文"))
      set_app_language(app, lang == Lang::zh_CN ? Lang::en : Lang::zh_CN);
    ImGui::EndPopup();
  }
}

void run_demo_stage(App& app, Platform& platform) {
  if (app.ui.demo_stage == 0) return;
  ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(vp->GetCenter(), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
  ImGui::Begin("##demo", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize |
                                      ImGuiWindowFlags_NoSavedSettings);
  ImGui::TextUnformatted(tr(S::generating_demo));
  ImGui::End();
  if (app.ui.demo_stage == 1) {
    // Let this frame show the message before the generator takes the thread.
    app.ui.demo_stage = 2;
    return;
  }
  app.ui.demo_stage = 0;
  DemoOptions opt;
  opt.end_day = platform.today() - 1;
  opt.order_lines = app.ui.demo_order_lines;
  opt.chinese_names = language() == Lang::zh_CN;  // the demo's tiers and tags in the seller's language
  Status st = Ok{};
  const std::string zone = app.ws.money().timezone;  // the demo is timed in the store's zone
  if (app.ws.counts().orders > 0 || app.ws.counts().products > 0) st = app.ws.reset();
  if (st && app.ws.money().timezone != zone) st = app.ws.set_setting("timezone", zone);
  if (st) st = app.ws.open_demo(opt);
  if (!st) app.ui.error = error_text(st.error(), language());
  app.ui.range.preset = RangePreset::last30;
  app.ui.range_revision = -1;
}

void draw_error_modal(App& app) {
  if (app.ui.error.empty()) return;
  if (!ImGui::IsPopupOpen("##error")) ImGui::OpenPopup("##error");
  ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(vp->GetCenter(), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
  if (ImGui::BeginPopupModal("##error", nullptr, ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoTitleBar)) {
    ImGui::TextColored(ImVec4(0.85f, 0.15f, 0.1f, 1), "%s", tr(S::error));
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 30.0f);
    wrapped_text(app.ui.error.c_str());
    ImGui::PopTextWrapPos();
    if (ImGui::Button("OK")) {
      app.ui.error.clear();
      ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
  }
}

}  // namespace

void navigate(App& app, Section s) { app.ui.section = s; }
void request_open_demo(App& app) {
  if (app.ui.demo_stage == 0) app.ui.demo_stage = 1;
}
void set_app_language(App& app, Lang lang) {
  if (lang != language()) {
    app.ui.scroll_restore_y = app.ui.content_scroll;
    app.ui.scroll_restore_frames = 3;
    app.ui.keep_drawing = true;
  }
  set_language(lang);
  if (app.ws.is_open() && !app.ws.readonly()) (void)app.ws.set_setting("language", lang_code(lang));
}

bool undo_show_day(App& app) {
  RangeState& r = app.ui.range;
  if (!r.has_before_day) return false;
  r.has_before_day = false;
  r.preset = r.before_preset;
  r.range = r.before_range;
  r.from = format_day(r.range.first);
  r.to = format_day(r.range.last);
  r.invalid = false;
  app.ui.range_revision = -1;  // a preset is recomputed from the data as usual
  return true;
}

Day range_anchor(const App& app, const Platform& platform) {
  DayRange all = app.ws.dataset().order_days();
  return all.length() > 0 ? all.last : platform.today();
}

DayRange preset_range(RangePreset p, Day anchor, DayRange all) {
  Ymd c = civil_from_days(anchor);
  switch (p) {
    case RangePreset::last7: return {anchor - 6, anchor};
    case RangePreset::last30: return {anchor - 29, anchor};
    case RangePreset::last90: return {anchor - 89, anchor};
    case RangePreset::this_month: return {days_from_civil(c.y, c.m, 1), anchor};
    case RangePreset::last_month: {
      Day first_this = days_from_civil(c.y, c.m, 1);
      Ymd pm = civil_from_days(first_this - 1);
      return {days_from_civil(pm.y, pm.m, 1), first_this - 1};
    }
    case RangePreset::this_year: return {days_from_civil(c.y, 1, 1), anchor};
    case RangePreset::all: return all;
    case RangePreset::custom: break;
  }
  return {anchor - 29, anchor};
}

// Every money figure is shown in the store's currency and scale (settings; reread per revision).
// So is "today" (the default ranges, alerts): the store's day in its time zone.
static void sync_store_money(App& app, Platform& platform) {
  if (!app.ws.is_open() || app.ui.money_revision == app.ws.revision()) return;
  app.ui.money_revision = app.ws.revision();
  StoreMoney m = app.ws.money();
  set_store_money(m.currency, m.digits);
  if (auto z = tz::Zone::find(m.timezone)) platform.set_store_zone(std::move(*z));
}

void draw_app(App& app, Platform& platform) {
  sync_store_money(app, platform);
  app.ui.keep_drawing = app.ui.demo_stage != 0 || app.ui.scroll_restore_frames > 0;
  reset_shown_tab();
  apply_theme(app.ui);
  ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(vp->WorkPos);
  ImGui::SetNextWindowSize(vp->WorkSize);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(10, 8));
  ImGui::Begin("##root", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                   ImGuiWindowFlags_NoBringToFrontOnFocus);
  ImGui::PopStyleVar();

  if (!app.open_error.empty() || !app.ws.is_open()) {
    title(tr(S::storage_error));
    text_wrapped("%s", app.open_error.c_str());
    std::string se = platform.storage_error();
    if (!se.empty()) text_wrapped("%s", se.c_str());
    ImGui::End();
    return;
  }

  // A file the user picked or dropped: a backup to restore, or else a file to import.
  if (auto f = platform.take_opened_file()) {
    if (app.ui.file_purpose == FilePurpose::restore) {
      app.ui.settings.restore_path = f->path;
      navigate(app, Section::settings);
    } else if (app.ui.file_purpose == FilePurpose::cost_sheet) {
      open_cost_sheet_file(app.ws, app.ui.products, f->path);
      navigate(app, Section::products);
    } else if (app.ui.file_purpose == FilePurpose::purchase_orders) {
      open_purchase_orders_file(app.ws, app.ui.planning, f->path);
      navigate(app, Section::planning);
    } else {
      navigate(app, Section::data);
      PanelContext(app, platform).start_import(f->path, f->name);
    }
    app.ui.file_purpose = FilePurpose::import;
  }

  {
    PanelContext cx(app, platform);
    tick_import(cx, app.ui.data);
  }
  // While an import is being saved (one transaction held across frames) every other write is
  // refused by the store: grey out the controls that would write, outside the Data section.
  const bool busy = app.ws.busy();

  float bar_h = ImGui::GetFrameHeight() * 1.25f + 12.0f;
  ImGui::BeginChild("##topbar", ImVec2(0, bar_h), true, ImGuiWindowFlags_NoScrollbar);
  ImGui::BeginDisabled(busy);
  draw_top_bar(app, platform);
  ImGui::EndDisabled();
  ImGui::EndChild();

  // A narrower navigation in a small window leaves the content its width (issue #9 item 9).
  float nav_w = ImGui::GetFontSize() * (vp->WorkSize.x < 1200 ? 8.5f : 11.0f);
  ImGui::BeginChild("##nav", ImVec2(nav_w, 0), true);
  draw_nav(app);
  ImGui::EndChild();
  ImGui::SameLine();
  ImGui::BeginChild("##content", ImVec2(0, 0), true);
  std::string se = platform.storage_error();
  if (!se.empty()) {
    ImGui::TextColored(ImVec4(0.85f, 0.15f, 0.1f, 1), "%s: %s", tr(S::storage_error), se.c_str());
    ImGui::Separator();
  }
  const bool grey = busy && app.ui.section != Section::data;
  if (grey) ImGui::TextDisabled("%s", tr(S::import_busy_note));
  ImGui::BeginDisabled(grey);
  {
    PanelContext cx(app, platform);
    draw_section(app.ui.section, cx, app.ui);
  }
  ImGui::EndDisabled();
  if (app.ui.scroll_restore_frames > 0) {
    ImGui::SetScrollY(app.ui.scroll_restore_y);
    --app.ui.scroll_restore_frames;
    app.ui.keep_drawing = true;
  } else {
    app.ui.content_scroll = ImGui::GetScrollY();
  }
  ImGui::EndChild();

  draw_welcome(app);
  draw_error_modal(app);
  ImGui::End();
  run_demo_stage(app, platform);
  if (app.ui.demo_stage != 0) app.ui.keep_drawing = true;
}

}  // namespace shopkeeper::ui
