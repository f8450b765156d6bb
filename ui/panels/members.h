// Members section: its state and its draw function (ui/panels/members.cpp).
#pragma once
#include "ui/section.h"

namespace shopkeeper::ui {

struct MembersUi {
  static constexpr bool built = false;  // false: "Coming" in the navigation
};

void draw_members_panel(PanelContext& cx, MembersUi& ui);

}  // namespace shopkeeper::ui
