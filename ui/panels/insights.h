// Insights section: its state and its draw function (ui/panels/insights.cpp).
#pragma once
#include "ui/section.h"

namespace shopkeeper::ui {

struct InsightsUi {
  static constexpr bool built = false;  // false: "Coming" in the navigation
};

void draw_insights_panel(PanelContext& cx, InsightsUi& ui);

}  // namespace shopkeeper::ui
