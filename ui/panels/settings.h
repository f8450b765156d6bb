// Settings section: its state and its draw function (ui/panels/settings.cpp).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "core/io/line_kinds.h"
#include "ui/section.h"

namespace shopkeeper::ui {

struct SettingsUi {
  static constexpr bool built = true;  // false: "Coming" in the navigation
  std::string store_name;
  std::string currency, timezone;  // the store's money settings as edited (loaded per revision)
  int money_digits = 2;
  int64_t loaded_revision = -1;
  bool confirm_reset = false;
  bool confirm_demo = false;
  std::string restore_path;  // a picked backup waiting for confirmation
  std::string restore_info;
  std::string non_merch;  // the seller's list of lines that are not products (issue #10)
  std::vector<LineKindRuleProblem> non_merch_errors;
};

void draw_settings_panel(PanelContext& cx, SettingsUi& ui);
// The offered time zones (ui/i18n/zones.h) as a combo over `zone` (an IANA id); true when the
// user picked one. Settings and the welcome dialog use it.
bool draw_zone_combo(const char* label, std::string& zone);

}  // namespace shopkeeper::ui
