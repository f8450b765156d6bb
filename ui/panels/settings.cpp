// Settings section: store name, language, theme, demo store, reset.
#include <imgui.h>

#include <cstdio>
#include <filesystem>

#include "core/io/backup.h"

#include "ui/i18n/format.h"
#include "ui/panels/panels.h"
#include "ui/widgets/widgets.h"

namespace shopkeeper::ui {

void draw_settings_panel(App& app, Platform& platform) {
  SettingsUi& ui = app.ui.settings;
  title(tr(S::nav_settings));
  ImGui::Separator();
  if (ui.loaded_revision != app.ws.revision()) {
    ui.loaded_revision = app.ws.revision();
    std::snprintf(ui.store_name, sizeof ui.store_name, "%s", app.ws.store_name().c_str());
  }
  bool ro = app.ws.readonly();
  if (ro) {
    badge(tr(S::readonly_badge), IM_COL32(180, 120, 20, 255));
    ImGui::SameLine();
    ImGui::TextWrapped("%s", tr(S::readonly_tip));
  }
  ImGui::TextUnformatted(tr(S::settings_store));
  ImGui::BeginDisabled(ro);
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 16.0f);
  ImGui::InputText(tr(S::store_name), ui.store_name, sizeof ui.store_name);
  ImGui::SameLine();
  if (ImGui::Button(tr(S::save))) {
    Status st = app.ws.set_setting("store_name", ui.store_name);
    if (!st) app.ui.error = st.error().message;
  }
  ImGui::EndDisabled();

  ImGui::Spacing();
  ImGui::TextUnformatted(tr(S::language));
  Lang lang = language();
  if (ImGui::RadioButton("English", lang == Lang::en)) set_app_language(app, Lang::en);
  ImGui::SameLine();
  if (ImGui::RadioButton("简体中文", lang == Lang::zh_CN)) set_app_language(app, Lang::zh_CN);

  ImGui::Spacing();
  ImGui::TextUnformatted(tr(S::theme));
  if (ImGui::RadioButton(tr(S::theme_light), !app.ui.dark)) {
    app.ui.dark = false;
    app.ui.theme_applied = false;
  }
  ImGui::SameLine();
  if (ImGui::RadioButton(tr(S::theme_dark), app.ui.dark)) {
    app.ui.dark = true;
    app.ui.theme_applied = false;
  }

  ImGui::Spacing();
  ImGui::Separator();
  ImGui::BeginDisabled(ro);
  if (ImGui::Button(tr(S::demo_open_in_settings))) ui.confirm_demo = true;
  ImGui::SameLine();
  if (ImGui::Button(tr(S::reset_store))) ui.confirm_reset = true;
  ImGui::EndDisabled();
  if (ui.confirm_demo) {
    ImGui::TextWrapped("%s", tr(S::demo_replace_confirm));
    if (ImGui::Button(tr(S::open_demo))) {
      ui.confirm_demo = false;
      request_open_demo(app);
    }
    ImGui::SameLine();
    if (ImGui::Button(tr(S::cancel))) ui.confirm_demo = false;
  }
  if (ui.confirm_reset) {
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 36.0f);
    ImGui::TextColored(ImVec4(0.85f, 0.15f, 0.1f, 1), "%s", tr(S::reset_confirm));
    ImGui::PopTextWrapPos();
    if (ImGui::Button(tr(S::reset_do))) {
      ui.confirm_reset = false;
      Status st = app.ws.reset();
      if (!st) app.ui.error = st.error().message;
    }
    ImGui::SameLine();
    if (ImGui::Button(tr(S::cancel))) ui.confirm_reset = false;
  }

  ImGui::Spacing();
  ImGui::Separator();
  ImGui::TextUnformatted(tr(S::backup_title));
  help_marker(tr(S::backup_tip));
  if (ImGui::Button(tr(S::backup_download))) {
    std::error_code ec;
    auto dir = std::filesystem::temp_directory_path(ec) / "shopkeeper";
    std::filesystem::create_directories(dir, ec);
    Ymd t = civil_from_days(platform.today());
    char name[64];
    std::snprintf(name, sizeof name, "shopkeeper-backup-%04d%02d%02d.db", t.y, t.m, t.d);
    std::string path = (dir / name).string();
    Status st = backup_store(app.ws.store(), path);
    if (!st) app.ui.error = st.error().message;
    else platform.offer_download(path, name, "application/vnd.sqlite3");
  }
  ImGui::SameLine();
  ImGui::BeginDisabled(ro);
  if (platform.is_web()) {
    if (ImGui::Button(tr(S::backup_restore))) {
      app.ui.file_purpose = FilePurpose::restore;
      platform.open_file(".db,.sqlite,.sqlite3,application/vnd.sqlite3,application/octet-stream");
    }
  } else {
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 18);
    ImGui::InputTextWithHint("##restore", tr(S::import_path), app.ui.data.path, sizeof app.ui.data.path);
    ImGui::SameLine();
    if (ImGui::Button(tr(S::backup_restore)) && app.ui.data.path[0]) ui.restore_path = app.ui.data.path;
  }
  ImGui::EndDisabled();
  if (!ui.restore_path.empty()) {
    if (ui.restore_info.empty()) {
      auto info = verify_backup(ui.restore_path);
      if (!info) {
        app.ui.error = info.error().message;
        ui.restore_path.clear();
      } else {
        ui.restore_info = std::string(tr(S::backup_from)) + ": " + info->created_at;
      }
    }
    if (!ui.restore_path.empty()) {
      ImGui::TextWrapped("%s (%s)", tr(S::backup_confirm), ui.restore_info.c_str());
      if (ImGui::Button(tr(S::restore_do))) {
        auto restored = restore_store(app.ws.store().dir(), ui.restore_path);
        if (!restored) {
          app.ui.error = restored.error().message;
        } else {
          Status st = app.ws.replace_store(std::move(*restored));
          if (!st) app.ui.error = st.error().message;
          else app.ui.data.message = tr(S::backup_restored);
        }
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
  ImGui::TextDisabled("%s: %s", tr(S::data_dir), platform.is_web() ? "IndexedDB /data" : platform.data_dir().c_str());
  ImGui::TextDisabled("%s: %s", tr(S::version), SK_VERSION);
}

}  // namespace shopkeeper::ui
