// Members section: not built yet; shows what it will do (ui/i18n/strings_members.h).
#include "ui/panels/members.h"

namespace shopkeeper::ui {

void draw_members_panel(PanelContext&, MembersUi&) { draw_coming_panel(S::nav_members, S::about_members); }

}  // namespace shopkeeper::ui
