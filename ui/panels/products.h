// Products section: its state and its draw function (ui/panels/products.cpp).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "ui/section.h"

namespace shopkeeper::ui {

struct ProductsUi {
  static constexpr bool built = true;  // false: "Coming" in the navigation
  char filter[128] = "";
  std::vector<int32_t> rows;  // product indices in the current Dataset, filtered and sorted
  int64_t rows_revision = -1;
  std::string rows_filter;
  int sort_column = 0;
  bool sort_ascending = true;
  bool sort_dirty = true;
};

void draw_products_panel(PanelContext& cx, ProductsUi& ui);

}  // namespace shopkeeper::ui
