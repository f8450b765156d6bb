// The dashboard's target line: see ui/panels/dashboard_target.h. Words in
// ui/i18n/strings_planning.h (planning_dash_*).
#include "ui/panels/dashboard_target.h"

#include <imgui.h>

#include <cmath>
#include <cstdio>

#include "ui/i18n/format.h"
#include "ui/widgets/widgets.h"

namespace shopkeeper::ui {

void draw_dashboard_target(PanelContext& cx, DashboardTarget& t) {
  if (cx.range.length() <= 0) return;
  if (t.revision != cx.ws.revision() || !(t.range == cx.range)) {
    t.revision = cx.ws.revision(), t.range = cx.range;
    t.year = civil_from_days(cx.range.last).y;
    t.progress.reset();
    auto st = cx.ws.stored_target(t.year);
    if (st && *st) t.progress = planning::target_progress(cx.ws.dataset(), planning::split_stored_target(cx.ws.dataset(), **st), cx.range);
  }
  if (!t.progress) {
    ImGui::TextDisabled(tr(S::planning_dash_no_target), t.year);
    return;
  }
  const planning::TargetProgress& p = *t.progress;
  const Lang lang = language();
  std::string b;
  b = strf(tr(S::planning_dash_progress), format_money(p.actual, lang).c_str(),
                format_money(p.target_money, lang).c_str(), std::isfinite(p.share) ? format_percent(p.share).c_str() : "—");
  ImGui::TextUnformatted(b.c_str());
  item_tooltip(tr(S::planning_dash_tip_progress));
  ImGui::SameLine(0, ImGui::GetFontSize());
  if (p.remaining_days > 0) {
    b = strf(tr(S::planning_dash_pace), format_money(static_cast<Money>(std::llround(p.needed_per_day)), lang).c_str(),
                  p.remaining_days);
    ImGui::TextUnformatted(b.c_str());
    item_tooltip(tr(S::planning_dash_tip_pace));
  } else {
    ImGui::TextDisabled("%s", tr(S::planning_dash_period_over));
    item_tooltip(tr(S::planning_dash_tip_pace));
  }
}

}  // namespace shopkeeper::ui
