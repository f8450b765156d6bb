// Planning section: not built yet; shows what it will do (ui/i18n/strings_planning.h).
#include "ui/panels/planning.h"

namespace shopkeeper::ui {

void draw_planning_panel(PanelContext&, PlanningUi&) { draw_coming_panel(S::nav_planning, S::about_planning); }

}  // namespace shopkeeper::ui
