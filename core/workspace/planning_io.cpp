// The Workspace's planning loaders and writes (issue #12): each write is one transaction.
#include "core/planning/inventory.h"
#include "core/planning/portfolio.h"
#include "core/planning/targets.h"
#include "core/workspace/workspace.h"

namespace shopkeeper {

Result<planning::PlanningData> Workspace::planning_data() { return planning::load_planning(store_.db(), dataset_); }

std::vector<std::string> Workspace::seller_roles() { return planning::load_seller_roles(store_.db(), dataset_); }

Status Workspace::set_product_role(const std::string& sku, std::optional<planning::Role> role) {
  // products.role is not in the Dataset: a records write.
  return write([&](Writer& w) { return planning::save_role(w, sku, role); }, Touches::records);
}

Result<planning::PoImportReport> Workspace::import_purchase_orders(std::string_view text, const std::string& name,
                                                                   InputIssue* why) {
  auto rows = planning::parse_purchase_orders(store_.db(), text, name, why);
  if (!rows) return rows.error();
  planning::PoImportReport rep;
  rep.rows = static_cast<int64_t>(rows->size());
  Status st = write([&](Writer& w) -> Status {
    auto added = planning::write_purchase_orders(w, *rows);
    if (!added) return added.error();
    rep.stock_units_added = *added;
    return Ok{};
  });
  if (!st) return st.error();
  return rep;
}

Status Workspace::save_purchase_order(const planning::PurchaseOrder& po) {
  return write([&](Writer& w) { return planning::save_purchase_order(w, po); });
}

Result<std::optional<planning::StoredTarget>> Workspace::stored_target(int year) {
  return planning::load_target(store_.db(), year);
}

Status Workspace::save_target(const planning::TargetSplit& t) {
  return write([&](Writer& w) { return planning::save_target(w, t); }, Touches::records);
}

}  // namespace shopkeeper
