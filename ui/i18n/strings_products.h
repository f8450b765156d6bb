// The products section's strings (ui/panels/products.*): its label nav_products, its
// description about_products and its own keys (new keys prefixed products_).
// SK_STR(key, English, Simplified Chinese); included into the one table by strings_table.h.
// No #pragma once: this file is included once per use of the table.
// clang-format off
SK_STR(nav_products, "Products", "商品")
SK_STR(about_products, "Your catalogue: every SKU with price, cost, margin and stock; sort and filter.", "商品库：每个SKU的售价、成本、毛利率与库存；可排序、筛选。")
SK_STR(products_col_category, "Category", "类目")
SK_STR(products_col_price, "List price", "标价")
SK_STR(products_col_margin, "Margin", "毛利率")
SK_STR(products_col_stock, "Stock", "库存")
SK_STR(products_tip_price, "The product's list price before any promotion.", "商品未参加任何促销时的标价。")
SK_STR(products_tip_margin, "List margin = (list price - unit cost) / list price, before discounts, fees and shipping.", "标价毛利率 =（标价 - 单位成本）/ 标价，未扣除折扣、平台费用与运费。")
SK_STR(products_tip_stock, "Units on hand as recorded in the store.", "店铺记录的现有库存件数。")
SK_STR(products_filter, "Filter", "筛选")
SK_STR(products_n_of_m_products, "%d of %d products", "显示 %d 个，共 %d 个商品")
// clang-format on
