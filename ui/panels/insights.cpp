// Insights section: not built yet; shows what it will do (ui/i18n/strings_insights.h).
#include "ui/panels/insights.h"

namespace shopkeeper::ui {

void draw_insights_panel(PanelContext&, InsightsUi&) { draw_coming_panel(S::nav_insights, S::about_insights); }

}  // namespace shopkeeper::ui
