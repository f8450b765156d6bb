// Products section: the actions behind inline editing and the cost sheet (one transaction each,
// through Workspace::write so the Dataset and every margin follow at once).
#include "ui/panels/product_edit.h"

#include <cstdio>

#include "ui/i18n/format.h"
#include "ui/i18n/issues.h"

namespace shopkeeper::ui {

ProductEditState& product_edit_state(ProductsUi& ui) {
  auto& p = ui.edit;
  if (!p) p = std::make_shared<ProductEditState>();
  return *p;
}

bool commit_product_edit(Workspace& ws, ProductsUi& ui, const catalog::ProductEdit& edit, const std::string& label) {
  ProductEditState& st = product_edit_state(ui);
  std::optional<catalog::ProductEdit> undo;
  Status s = ws.write([&](Writer& w) -> Status {
    auto u = catalog::apply_edit(w, edit);
    if (!u) return u.error();
    undo = std::move(*u);
    return Ok{};
  });
  if (!s) {
    st.message = error_text(s.error(), language());
    return false;
  }
  st.undo = std::move(undo);
  st.undo_label = label;
  st.message.clear();
  return true;
}

bool undo_product_edit(Workspace& ws, ProductsUi& ui) {
  ProductEditState& st = product_edit_state(ui);
  if (!st.undo) return false;
  catalog::ProductEdit back = *st.undo;
  Status s = ws.write([&](Writer& w) -> Status {
    auto u = catalog::apply_edit(w, back);
    return u ? Status(Ok{}) : Status(u.error());
  });
  if (!s) {
    st.message = error_text(s.error(), language());
    return false;
  }
  st.undo.reset();
  st.undo_label.clear();
  return true;
}

bool preview_cost_sheet(Workspace& ws, ProductsUi& ui) {
  ProductEditState& st = product_edit_state(ui);
  NumberFormat nf;
  nf.decimals = store_money_digits();
  auto plan = ws.plan_cost_sheet(st.sheet, nf);
  if (!plan) {
    st.message = error_text(plan.error(), language());
    st.plan.reset();
    return false;
  }
  st.plan = std::move(*plan);
  st.message.clear();
  return true;
}

bool apply_cost_sheet_plan(Workspace& ws, ProductsUi& ui) {
  ProductEditState& st = product_edit_state(ui);
  if (!st.plan) return false;
  Status s = ws.write([&](Writer& w) { return catalog::apply_cost_sheet(w, *st.plan); });
  if (!s) {
    st.message = error_text(s.error(), language());
    return false;
  }
  std::string buf;
  buf = strf(tr(S::products_cost_sheet_saved), static_cast<int>(st.plan->changes.size()));
  st.message = buf;
  st.plan.reset();
  st.undo.reset();  // the undo was for a single cell; the sheet is its own change
  st.undo_label.clear();
  return true;
}

}  // namespace shopkeeper::ui
