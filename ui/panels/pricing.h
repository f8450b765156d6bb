// Pricing section: its state and its draw function (ui/panels/pricing.cpp).
#pragma once
#include "ui/section.h"

namespace shopkeeper::ui {

struct PricingUi {
  static constexpr bool built = false;  // false: "Coming" in the navigation
};

void draw_pricing_panel(PanelContext& cx, PricingUi& ui);

}  // namespace shopkeeper::ui
