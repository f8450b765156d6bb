// Planning section: its state and its draw function (ui/panels/planning.cpp).
#pragma once
#include "ui/section.h"

namespace shopkeeper::ui {

struct PlanningUi {
  static constexpr bool built = false;  // false: "Coming" in the navigation
};

void draw_planning_panel(PanelContext& cx, PlanningUi& ui);

}  // namespace shopkeeper::ui
