// Planning section (issue #12): its state and its draw function (ui/panels/planning.cpp).
// Tabs: portfolio (roles, ABC x XYZ, lifecycle, dead stock), forecast (one series with its
// backtest), inventory and reorder (forecasts of every SKU spread over frames), purchase orders,
// suppliers and targets. Figures come from core/planning (definitions in docs/planning.md);
// every result is cached on the Workspace revision and the tab's inputs.
#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/planning/forecast.h"
#include "core/planning/inventory.h"
#include "core/planning/portfolio.h"
#include "core/planning/series.h"
#include "core/planning/suppliers.h"
#include "core/planning/targets.h"
#include "ui/section.h"
#include "ui/widgets/sliced_job.h"

namespace shopkeeper::ui {

// The forecast of one series: accuracy of every method on the last H periods (fitted before
// them), the automatic choice made inside the fitted points, and the forecast beyond the end.
struct PlanningForecastView {
  std::string key;  // inputs the view was made for
  std::string error;
  planning::Series series;
  int season = 1, horizon = 1, fitted_points = 0;
  planning::Choice choice;  // on the fitted points (the held-out window)
  struct Line {
    planning::Method method = planning::Method::naive;
    planning::Skip skip = planning::Skip::none;
    int needed = 0;
    planning::Accuracy acc;
  };
  std::vector<Line> lines;  // one per method, in Method order
  planning::Choice ahead;   // on the whole series: the forecast after its end
};

// Forecasting every SKU for the reorder table, a slice of products per frame.
struct PlanningReorderJob : SlicedJob {
  std::unique_ptr<planning::DemandForecaster> forecaster;
  int64_t revision = -1;
  int32_t horizon_days = 0;
};

struct PlanningUi {
  static constexpr bool built = true;
  int tab_request = -1;  // selects a tab on the next frame (tests, links)
  int tab = 0;           // the tab drawn last

  // Planning tables (suppliers, POs, terms), per revision.
  int64_t data_revision = -1;
  planning::PlanningData data;
  std::string data_error;

  // Portfolio.
  int abc_by = 0;  // 0 sales, 1 gross profit
  float abc_a = 80, abc_b = 15;
  int dead_days = 90;
  int64_t portfolio_revision = -1;
  planning::PortfolioQuery portfolio_query;
  planning::Portfolio portfolio;
  planning::RoleMix roles;
  std::vector<int> role_order;  // Dataset products by SKU
  std::string role_message;

  // Forecast.
  int fc_scope = 0;  // 0 shop, 1 category, 2 SKU
  int fc_category = 0;
  std::string fc_sku;
  int fc_grain = 1;  // planning::Grain
  int fc_season = 52, fc_horizon = 12;
  int64_t fc_revision = -1;
  PlanningForecastView fc;

  // Inventory and reorder.
  float service_level = 95;
  int horizon_days = 30;
  bool only_suggested = false;
  PlanningReorderJob job;
  std::optional<planning::DemandPlan> demand;  // for demand_revision / demand_horizon
  int64_t demand_revision = -1;
  int32_t demand_horizon = 0;
  planning::ReorderQuery reorder_query;
  std::optional<planning::ReorderTable> reorder;

  // Purchase orders.
  int po_selected = -1;
  planning::PurchaseOrder po_edit;
  std::string po_expected, po_received;
  std::string po_message;  // an import's error (as the core words it), else empty
  int64_t po_rows = -1, po_units = 0;  // the last import's or save's rows (-1: none) and stock change
  std::string po_saved;                // the saved line ("id / sku"), empty after an import
  bool po_only_open = false;

  // Suppliers.
  float weights[4] = {30, 30, 20, 20};  // quality, delivery, price, service (%)
  bool weights_loaded = false;
  int64_t suppliers_revision = -1;
  planning::ScoreWeights weights_done;
  std::vector<planning::SupplierScore> scores;
  int supplier_selected = 0;

  // Targets.
  int target_year = 0;
  std::string target_total;
  int target_basis = 0;  // 0 last year, 1 forecast
  int64_t target_revision = -1;
  int target_year_done = 0;
  std::optional<planning::TargetSplit> target;
  bool target_stored = false;
  std::string target_message;
};

void draw_planning_panel(PanelContext& cx, PlanningUi& ui);
// A purchase-order CSV picked on the web (FilePurpose::purchase_orders): imported at once.
void open_purchase_orders_file(Workspace& ws, PlanningUi& ui, const std::string& path);

}  // namespace shopkeeper::ui
