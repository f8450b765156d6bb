// The dashboard's target line (issue #12): actual sales of the chosen period against the stored
// yearly target's share of it, and the pace needed for the rest of the period
// (core/planning/targets.h, target_progress). Drawn by the dashboard under its cards; its own
// state and cache, recomputed once per revision and range.
#pragma once
#include <cstdint>
#include <optional>

#include "core/planning/targets.h"
#include "ui/section.h"

namespace shopkeeper::ui {

struct DashboardTarget {
  int64_t revision = -1;
  DayRange range{0, -1};
  int year = 0;
  std::optional<planning::TargetProgress> progress;  // none: no target stored for the year
};

void draw_dashboard_target(PanelContext& cx, DashboardTarget& t);

}  // namespace shopkeeper::ui
