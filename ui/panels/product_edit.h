// Products section: editing state (inline cells with undo of the last change, the SKU,cost
// sheet with its preview) and the actions the UI and the tests share.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/catalog/product_edit.h"

#include "core/workspace/workspace.h"
#include "ui/panels/products.h"

namespace shopkeeper::ui {

struct ProductEditState {
  // The cell being edited: product index in the Dataset and column; -1 = none.
  int32_t row = -1;
  int column = -1;
  std::string buffer;
  bool focus = false;
  // Supplier id and status per product (the Dataset holds neither), and the suppliers to pick
  // from; reloaded per revision.
  int64_t extra_revision = -1;
  std::vector<int64_t> supplier_of;
  std::vector<std::string> status_of;
  std::vector<std::pair<int64_t, std::string>> suppliers;
  // The last change and how to put it back.
  std::optional<catalog::ProductEdit> undo;
  std::string undo_label;
  std::string message;  // last outcome in words (errors included)
  // Bulk update of costs from a pasted or opened sheet.
  std::string sheet;
  std::optional<catalog::CostSheetPlan> plan;
};

// One field of one product, in one transaction; keeps its undo. False with `message` set when
// refused.
bool commit_product_edit(Workspace& ws, ProductsUi& ui, const catalog::ProductEdit& edit, const std::string& label);
// Puts back the last change (once).
bool undo_product_edit(Workspace& ws, ProductsUi& ui);
// Plans the sheet in state.sheet (nothing written) / writes the plan (one transaction).
bool preview_cost_sheet(Workspace& ws, ProductsUi& ui);
bool apply_cost_sheet_plan(Workspace& ws, ProductsUi& ui);
ProductEditState& product_edit_state(ProductsUi& ui);

}  // namespace shopkeeper::ui
