// Inventory and purchasing (issue #12): stock on hand and on order, days of cover, turnover,
// stock value at cost, and the reorder table from the demand forecast.
//
// Counting rules (docs/planning.md, "Reorder"):
//  - Demand = units in valid orders (placed day). "Today" = the day after the last order day.
//  - Per SKU the weekly series of the last (up to) 104 complete weeks is forecast with the
//    automatic choice (season 52); daily demand d = weekly forecast / 7, the one-step error
//    variance per day sigma_d^2 = sigma_week^2 / 7.
//  - Lead time L: mean and standard deviation of the supplier's received purchase orders
//    (received - ordered, days) when it has at least 3, else the supplier's lead_time_days
//    with spread 0.
//  - Lead-time demand D_L = d L; safety stock SS = z sqrt(L sigma_d^2 + d^2 sigma_L^2), z the
//    normal quantile of the service level; reorder point ROP = D_L + SS; order-up-to
//    S = d (L + R) + SS with R = the horizon in days (review period).
//  - Position = on hand + on order (open purchase order units not yet received). When the
//    position is at or below ROP the suggested quantity is S - position, raised to the MOQ and
//    rounded up to whole case packs; else 0.
//  - Stock-out day: the first day on which cumulative forecast demand exceeds on hand plus the
//    open purchase orders expected by then; lost units over the horizon = demand not covered
//    that way; lost revenue = lost units x list price (minor units, rounded half away from 0).
//  - Days of cover = on hand / d; turnover = cost of the units sold in the last 365 days /
//    current stock value at cost; stock value = on hand x unit cost.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/base/date.h"
#include "core/base/issue.h"
#include "core/base/money.h"
#include "core/base/result.h"
#include "core/planning/forecast.h"

namespace shopkeeper {
struct Dataset;
class Db;
class Store;
class Writer;
}  // namespace shopkeeper

namespace shopkeeper::planning {

struct SupplierInfo {
  int64_t id = 0;
  std::string name;
  int32_t lead_time_days = 0;
  int32_t score_service = 0;  // the seller's rating 0..100
};

struct PurchaseOrder {
  std::string id;
  int64_t supplier_id = 0;
  std::string sku;
  int64_t qty = 0;
  Money unit_cost = 0;
  Day ordered = 0;
  std::optional<Day> expected, received;
  int64_t qty_received = 0, qty_rejected = 0;
};

struct SupplyTerms {
  std::string sku;
  int64_t moq = 0, case_pack = 1;
};

struct PlanningData {
  std::vector<SupplierInfo> suppliers;
  std::vector<PurchaseOrder> orders;
  std::vector<SupplyTerms> terms;
  std::vector<int64_t> product_supplier;  // per Dataset product (by SKU); 0 = none
};

// Reads suppliers, purchase_orders, supply_terms and products.supplier_id.
Result<PlanningData> load_planning(Db& db, const Dataset& ds);

// Purchase orders from CSV, header (any order): id, supplier_id, sku, qty, unit_cost, ordered,
// expected, received, qty_received, qty_rejected (dates YYYY-MM-DD, money in minor units).
// Every row is checked first (a clear message naming file, line and field); then all rows are
// written in one transaction, and each row's accepted units (received - rejected) beyond what
// the stored row already had are added to products.stock in that same transaction.
// Refused: unknown SKU or supplier, qty <= 0, received before ordered, rejected > received.
struct PoImportReport {
  int64_t rows = 0, stock_units_added = 0;
};
// A refused file: `why`, when given, receives the problem as a code (core/base/issue.h) for the UI.
Result<PoImportReport> import_purchase_orders(Store& store, std::string_view text, const std::string& name,
                                              InputIssue* why = nullptr);
// Its two halves: every row checked (nothing written) ...
Result<std::vector<PurchaseOrder>> parse_purchase_orders(Db& db, std::string_view text, const std::string& name,
                                                          InputIssue* why = nullptr);
// ... and the rows written inside the caller's transaction, with each row's accepted units
// beyond the stored row's added to products.stock; returns the units added.
Result<int64_t> write_purchase_orders(Writer& w, const std::vector<PurchaseOrder>& rows);
// One PO line as edited or received in the UI: checked (see PoProblem), then written as above.
enum class PoProblem : uint8_t {
  none,
  empty_id,
  qty_not_positive,
  negative,                 // unit cost, received or rejected units below 0
  expected_before_ordered,
  received_before_ordered,
  rejected_over_received,
  received_without_date,    // units received but no received day
};
PoProblem check_purchase_order(const PurchaseOrder& po);
Status save_purchase_order(Writer& w, const PurchaseOrder& po, int64_t* stock_added = nullptr);

// Stock snapshots from CSV (header: day, sku, on_hand): checked whole first (unknown SKU, a bad
// date, on_hand not a whole number >= 0, a (day, sku) twice), then stored in one transaction;
// each SKU's products.stock is set to its newest stored snapshot in the same transaction.
struct SnapshotImportReport {
  int64_t rows = 0, products_updated = 0;
};
Result<SnapshotImportReport> import_stock_snapshots(Store& store, std::string_view text, const std::string& name,
                                                    InputIssue* why = nullptr);

double normal_quantile(double p);  // inverse standard normal CDF, |error| < 1e-9 (Acklam + one Newton step)

struct ReorderQuery {
  double service_level = 0.95;
  int32_t horizon_days = 30;
  bool operator==(const ReorderQuery&) const = default;
};

struct ReorderLine {
  int32_t product = -1;
  std::string sku;
  int64_t supplier_id = 0;
  int64_t on_hand = 0, on_order = 0;
  Method method = Method::snaive;
  double daily_demand = 0, sigma_daily = 0;
  double lead_time = 0, lead_time_sd = 0;
  bool lead_time_known = false;     // false: zero lead time (supplier unknown or 0 days)
  double lead_time_demand = 0, safety_stock = 0, reorder_point = 0, order_up_to = 0;
  int64_t suggested = 0;
  double days_of_cover = 0;         // +inf when no demand
  std::optional<Day> stockout;      // within the horizon
  double lost_units = 0;
  Money lost_revenue = 0;
  Money stock_value = 0;            // -1 when the unit cost is unknown
  double turnover = 0;              // NaN when the stock value is 0 or unknown
};

struct ReorderTable {
  ReorderQuery query;
  Day today = 0;
  double z = 0;
  std::vector<ReorderLine> lines;  // every active product with a sale or stock, by SKU
};

// The demand forecasts behind the reorder table, apart from the table itself (so that the UI can
// spread them over frames and the table be recomputed for another service level at once).
// Per product: the weekly forecast for ceil((lead time + horizon) / 7) weeks, its one-step spread
// and the units sold in the last 365 days. Depends on the Dataset, the lead times and the horizon
// (not on the service level).
struct DemandForecast {
  bool active = false;  // a sale or stock: the product has a line in the table
  Method method = Method::snaive;
  int steps = 0;
  std::vector<double> weekly;
  double sd_week = 0, sold365 = 0;
};
struct DemandPlan {
  Day today = 0;
  int32_t horizon_days = 0;
  std::vector<DemandForecast> products;  // per Dataset product
};
// Builds the weekly series at construction (one pass over the order lines); step(n) forecasts
// the next n products (automatic choice, season 52) and returns how many are done.
class DemandForecaster {
 public:
  DemandForecaster(const Dataset& ds, const PlanningData& pd, int32_t horizon_days);
  int32_t size() const { return static_cast<int32_t>(plan_.products.size()); }
  int32_t done() const { return next_; }
  int32_t step(int32_t n);
  DemandPlan take();

 private:
  DemandPlan plan_;
  std::vector<std::vector<double>> weekly_;
  int32_t next_ = 0;
};
// The reorder table from forecasts made for q.horizon_days (no forecasting here).
ReorderTable reorder_from_forecasts(const Dataset& ds, const PlanningData& pd, const DemandPlan& plan, const ReorderQuery& q);
// Both steps at once.
ReorderTable compute_reorder(const Dataset& ds, const PlanningData& pd, const ReorderQuery& q);

}  // namespace shopkeeper::planning
