// Settings section: store name, language, theme, demo store, reset.
#include <imgui.h>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <filesystem>

#include "core/base/currency.h"
#include "core/io/backup.h"
#include "core/io/line_kinds.h"
#include "core/store/store_money.h"

#include "ui/i18n/format.h"
#include "ui/i18n/zones.h"
#include "ui/panels/settings.h"
#include "ui/widgets/flow.h"
#include "ui/widgets/text_input.h"
#include "ui/widgets/widgets.h"
#include "ui/widgets/wrap_text.h"

namespace shopkeeper::ui {

namespace {
// The store's currency, money decimals and time zone. Chosen while the store is empty (before
// the first import or demo); afterwards shown, since every stored amount is in that currency
// and scale.
void draw_store_money(PanelContext& cx, SettingsUi& ui, bool ro) {
  const Counts& c = cx.ws.counts();
  const bool empty = c.orders == 0 && c.products == 0;
  ImGui::Spacing();
  ImGui::TextUnformatted(tr(S::settings_money_settings));
  help_marker(tr(S::settings_money_settings_tip));
  ImGui::BeginDisabled(ro || !empty);
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 8.0f);
  if (ImGui::BeginCombo(tr(S::settings_currency), ui.currency.c_str())) {
    for (const CurrencyInfo& ci : currencies()) {
      std::string label = std::string(ci.code) + "  " + ci.symbol;
      if (ImGui::Selectable(label.c_str(), ui.currency == ci.code)) {
        ui.currency = ci.code;
        ui.money_digits = ci.digits;
      }
    }
    ImGui::EndCombo();
  }
  ImGui::SameLine();
  ImGui::Text(tr(S::settings_money_digits_n), ui.money_digits);
  ImGui::EndDisabled();
  // The zone: a store that holds orders keeps it (core/store/store_money.h, docs/timezone.md).
  ImGui::BeginDisabled(ro || c.orders > 0);
  draw_zone_combo(tr(S::settings_timezone), ui.timezone);
  ImGui::EndDisabled();
  help_marker(tr(c.orders > 0 ? S::settings_timezone_fixed : S::settings_timezone_tip));
  ImGui::BeginDisabled(ro);
  ImGui::SameLine();
  if (ImGui::Button(tr(S::settings_save_money_settings))) {
    StoreMoney m = cx.ws.money();
    if (empty) {
      m.currency = ui.currency;
      m.digits = ui.money_digits;
    }
    m.timezone = ui.timezone;
    Status st = cx.ws.write([&](Writer& w) { return write_store_money(w, m); }, Workspace::Touches::records);
    if (!st) cx.report_error(st.error());
  }
  ImGui::EndDisabled();
  if (!empty) ImGui::TextDisabled("%s", tr(S::settings_currency_fixed));
}
}  // namespace

bool draw_zone_combo(const char* label, std::string& zone) {
  const Lang lang = language();
  const int64_t now = static_cast<int64_t>(std::time(nullptr));
  bool changed = false;
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 17.0f);
  if (ImGui::BeginCombo(label, zone_label(zone, lang, now).c_str(), ImGuiComboFlags_HeightLarge)) {
    for (const ZoneName& z : offered_zones())
      if (ImGui::Selectable(zone_label(z.id, lang, now).c_str(), zone == z.id)) {
        zone = z.id;
        changed = true;
      }
    ImGui::EndCombo();
  }
  test_mark("timezone");
  return changed;
}

namespace {

const char* kind_word(LineKind k) {
  return tr(k == LineKind::shipping ? S::settings_kind_shipping
            : k == LineKind::fee    ? S::settings_kind_fee
                                    : S::settings_kind_adjustment);
}

// The stored rules ("shipping: POST", the parser's names) as the seller reads them: in Chinese
// with the Chinese kind words, which the parser reads back.
std::string rules_text(const std::string& stored) {
  if (language() != Lang::zh_CN) return stored;
  std::string s;
  for (const LineKindRule& r : parse_line_kind_rules(stored).rules) s += std::string(kind_word(r.kind)) + ": " + r.match + "\n";
  return s;
}

// No default: a new code without its Chinese words is a -Wswitch warning here.
std::string rule_problem_text(const LineKindRuleProblem& e) {
  if (language() != Lang::zh_CN) return rule_problem_en(e);
  const std::string line = "第 " + std::to_string(e.line) + " 行：";
  switch (e.why) {
    case RuleWhy::no_colon: return line + "应为“类别: 编码或标题”，例如“运费: 邮费”";
    case RuleWhy::unknown_kind: return line + "无法识别的类别“" + e.kind + "”（可用 运费、手续费 或 调整）";
    case RuleWhy::no_match: return line + "“" + e.kind + ":”后面缺少编码或标题";
  }
  return line;
}

}  // namespace

void draw_settings_panel(PanelContext& cx, SettingsUi& ui) {
  title(tr(S::nav_settings));
  ImGui::Separator();
  if (ui.loaded_revision != cx.ws.revision()) {
    ui.loaded_revision = cx.ws.revision();
    ui.store_name = cx.ws.store_name();
    ui.non_merch = rules_text(cx.ws.setting(kNonMerchandiseKey));
    StoreMoney m = cx.ws.money();
    ui.currency = m.currency;
    ui.money_digits = m.digits;
    ui.timezone = m.timezone;
  }
  bool ro = cx.ws.readonly();
  if (ro) {
    badge(tr(S::readonly_badge), IM_COL32(180, 120, 20, 255));
    ImGui::SameLine();
    text_wrapped("%s", tr(S::readonly_tip));
  }
  ImGui::TextUnformatted(tr(S::settings_store));
  ImGui::BeginDisabled(ro);
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 16.0f);
  input_text(tr(S::settings_store_name), ui.store_name);
  ImGui::SameLine();
  if (ImGui::Button(tr(S::save))) {
    Status st = cx.ws.set_setting("store_name", ui.store_name);
    if (!st) cx.report_error(st.error());
  }
  ImGui::EndDisabled();

  // Lines that are not products (issue #10): the seller's own codes and titles, applied at
  // import before each format's built-in rules.
  ImGui::Spacing();
  ImGui::TextUnformatted(tr(S::settings_non_merch_title));
  help_marker(tr(S::settings_non_merch_tip));
  ImGui::BeginDisabled(ro);
  // As wide as the pane leaves beside the Save button (issue #9 item 9).
  const float save_w = button_width(tr(S::settings_save_rules)) + ImGui::GetStyle().ItemSpacing.x;
  input_text_multiline("##non_merch", ui.non_merch, std::max(ImGui::GetFontSize() * 16.0f, ImGui::GetContentRegionAvail().x - save_w),
                       ImGui::GetTextLineHeight() * 5);
  ImGui::SameLine();
  if (ImGui::Button(tr(S::settings_save_rules))) {
    LineKindRulesParse p = parse_line_kind_rules(ui.non_merch);
    ui.non_merch_errors = p.problems;
    if (p.errors.empty()) {
      Status st = cx.ws.set_setting(kNonMerchandiseKey, format_line_kind_rules(p.rules));
      if (!st) cx.report_error(st.error());
    }
  }
  ImGui::EndDisabled();
  for (const LineKindRuleProblem& e : ui.non_merch_errors)
    ImGui::TextColored(ImVec4(0.8f, 0.2f, 0.15f, 1), "%s", rule_problem_text(e).c_str());
  if (ImGui::TreeNode(stable_label(S::settings_non_merch_builtin).c_str())) {
    for (const LineKindRule& r : preset_line_kind_rules(PresetId::online_retail))
      ImGui::BulletText("%s: %s", kind_word(r.kind), r.match.c_str());
    ImGui::TreePop();
  }
  draw_store_money(cx, ui, ro);

  ImGui::Spacing();
  ImGui::TextUnformatted(tr(S::language));
  Lang lang = language();
  if (ImGui::RadioButton("English", lang == Lang::en)) cx.set_language(Lang::en);
  ImGui::SameLine();
  if (ImGui::RadioButton("简体中文", lang == Lang::zh_CN)) cx.set_language(Lang::zh_CN);

  ImGui::Spacing();
  ImGui::TextUnformatted(tr(S::settings_theme));
  if (ImGui::RadioButton(tr(S::settings_theme_light), !cx.dark())) cx.set_dark(false);
  ImGui::SameLine();
  if (ImGui::RadioButton(tr(S::settings_theme_dark), cx.dark())) cx.set_dark(true);

  ImGui::Spacing();
  ImGui::Separator();
  ImGui::BeginDisabled(ro);
  if (ImGui::Button(tr(S::settings_demo_open_in_settings))) ui.confirm_demo = true;
  ImGui::SameLine();
  if (ImGui::Button(tr(S::settings_reset_store))) ui.confirm_reset = true;
  ImGui::EndDisabled();
  if (ui.confirm_demo) {
    text_wrapped("%s", tr(S::settings_demo_replace_confirm));
    if (ImGui::Button(tr(S::open_demo))) {
      ui.confirm_demo = false;
      cx.request_open_demo();
    }
    ImGui::SameLine();
    if (ImGui::Button(tr(S::cancel))) ui.confirm_demo = false;
  }
  if (ui.confirm_reset) {
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 36.0f);
    text_wrapped_colored(ImVec4(0.85f, 0.15f, 0.1f, 1), "%s", tr(S::settings_reset_confirm));
    ImGui::PopTextWrapPos();
    if (ImGui::Button(tr(S::settings_reset_do))) {
      ui.confirm_reset = false;
      Status st = cx.ws.reset();
      if (!st) cx.report_error(st.error());
    }
    ImGui::SameLine();
    if (ImGui::Button(tr(S::cancel))) ui.confirm_reset = false;
  }

  ImGui::Spacing();
  ImGui::Separator();
  ImGui::TextUnformatted(tr(S::settings_backup_title));
  help_marker(tr(S::settings_backup_tip));
  if (ImGui::Button(tr(S::settings_backup_download))) {
    std::error_code ec;
    auto dir = std::filesystem::temp_directory_path(ec) / "shopkeeper";
    std::filesystem::create_directories(dir, ec);
    Ymd t = civil_from_days(cx.platform.today());
    std::string name;
    name = strf("shopkeeper-backup-%04d%02d%02d.db", t.y, t.m, t.d);
    std::string path = (dir / name).string();
    Status st = cx.ws.backup_to(path);
    if (!st) cx.report_error(st.error());
    else cx.platform.offer_download(path, name, "application/vnd.sqlite3");
  }
  ImGui::SameLine();
  ImGui::BeginDisabled(ro);
  std::string picked = cx.file_picker("##restore", FilePurpose::restore,
                                      ".db,.sqlite,.sqlite3,application/vnd.sqlite3,application/octet-stream",
                                      tr(S::settings_backup_restore), 18);
  if (!picked.empty()) ui.restore_path = picked;
  ImGui::EndDisabled();
  if (!ui.restore_path.empty()) {
    if (ui.restore_info.empty()) {
      auto info = verify_backup(ui.restore_path);
      if (!info) {
        cx.report_error(info.error());
        ui.restore_path.clear();
      } else {
        ui.restore_info = std::string(tr(S::settings_backup_from)) + ": " + info->created_at;
      }
    }
    if (!ui.restore_path.empty()) {
      text_wrapped("%s (%s)", tr(S::settings_backup_confirm), ui.restore_info.c_str());
      if (ImGui::Button(tr(S::settings_restore_do))) {
        Status st = cx.ws.restore_from(ui.restore_path);
        if (!st) cx.report_error(st.error());
        else cx.notify(tr(S::settings_backup_restored));
        ui.restore_path.clear();
        ui.restore_info.clear();
      }
      ImGui::SameLine();
      if (ImGui::Button(tr(S::cancel))) {
        ui.restore_path.clear();
        ui.restore_info.clear();
      }
    }
  }

  ImGui::Spacing();
  ImGui::Separator();
  ImGui::TextDisabled("%s: %s", tr(S::settings_data_dir), cx.platform.is_web() ? "IndexedDB /data" : cx.platform.data_dir().c_str());
  ImGui::TextDisabled("%s: %s", tr(S::settings_version), SK_VERSION);
}

}  // namespace shopkeeper::ui
