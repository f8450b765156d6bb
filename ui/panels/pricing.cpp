// Pricing section: not built yet; shows what it will do (ui/i18n/strings_pricing.h).
#include "ui/panels/pricing.h"

namespace shopkeeper::ui {

void draw_pricing_panel(PanelContext&, PricingUi&) { draw_coming_panel(S::nav_pricing, S::about_pricing); }

}  // namespace shopkeeper::ui
