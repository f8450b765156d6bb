// Dashboard section: its state and its draw function (ui/panels/dashboard.cpp).
#pragma once
#include <cstdint>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "core/analytics/checklist.h"
#include "core/analytics/kpi.h"
#include "ui/panels/dashboard_target.h"
#include "ui/panels/shops.h"
#include "ui/section.h"

namespace shopkeeper::ui {

// Selections plus cached results keyed by (dataset revision, query). Results are recomputed only
// when either changes, never per frame.
struct DashboardUi {
  static constexpr bool built = true;  // false: "Coming" in the navigation
  int compare = 1;  // 0 none, 1 previous period, 2 same period last year
  int16_t channel = -1, source = -1;
  int selected_metric = -1;  // index of Metric shown as a trend; -1 = sales
  int grain = 0;             // 0 day, 1 week, 2 month
  int dimension = 3;         // Dimension: product
  bool bottom = false;
  bool cohort_revenue = false;
  int64_t cached_revision = -1;
  std::string cached_key;
  std::shared_ptr<struct DashboardCache> cache;
  int64_t checks_revision = -1;
  Day checks_day = 0;
  std::set<std::string> checks;
  // Check-list items about promotions starting tomorrow, from the promotions table (reloaded
  // per workspace revision and day, not with the Dataset).
  std::vector<ChecklistItem> promo_items;
  int64_t promo_items_revision = -1;
  Day promo_items_day = 0;
  DashboardTarget target;  // actual against the stored sales target (issue #12)
  ShopsState shops;        // the shop filter and the Shops tab (issue #16, ui/panels/shops.h)
  bool shops_tab_request = false;  // screenshots: the Shops tab selected on the next frame
};

void draw_dashboard_panel(PanelContext& cx, DashboardUi& ui);
// The KPIs last computed (for the UI tests: what the cards show); empty before the first draw.
const KpiResult& dashboard_kpis(const DashboardUi& ui);

}  // namespace shopkeeper::ui
