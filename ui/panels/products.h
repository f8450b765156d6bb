// Products section: its state and its draw function (ui/panels/products.cpp).
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/model/sku_traffic.h"
#include "ui/section.h"

namespace shopkeeper::ui {

struct ProductsUi {
  static constexpr bool built = true;  // false: "Coming" in the navigation
  std::string filter;
  std::vector<int32_t> rows;  // product indices in the current Dataset, filtered and sorted
  int64_t rows_revision = -1;
  std::string rows_filter;
  int sort_column = 0;
  bool sort_ascending = true;
  bool sort_dirty = true;
  bool only_missing_cost = false;  // the data-quality link "products without a unit cost"
  bool rows_missing_cost = false;  // what the rows were built with
  // The product report per product (visitors, add-to-cart rate, conversion), once per revision;
  // its columns are shown only when the store has one.
  SkuTrafficTable traffic;
  int64_t traffic_revision = -1;
  std::shared_ptr<struct ProductEditState> edit;  // inline edits and the cost sheet (product_edit.h)
};

void draw_products_panel(PanelContext& cx, ProductsUi& ui);
// A picked CSV file becomes the cost sheet's text, previewed (nothing written).
void open_cost_sheet_file(Workspace& ws, ProductsUi& ui, const std::string& path);

}  // namespace shopkeeper::ui
