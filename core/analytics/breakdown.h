// Breakdowns: sales and orders split by channel, traffic source, category, product or customer
// region, with the comparison period, top or bottom N rows and a daily sales series per row
// (sparklines). Counting rules as in metrics.h (placed day; valid orders; refunds on the order's
// placed day).
// Measures per dimension:
//  - channel, source, region (order-level): sales = paid amount of the valid orders;
//  - category, product (line-level): sales = line revenue = qty x unit_price - line discount
//    (no shipping, so rows need not add up to the sales KPI); refunds are attributed through
//    the refunded line (refunds naming no line stay unattributed, see `unattributed_refunds`).
// Key -1 = none: guest or customer without region, order without channel/source, SKU not in
// products, product without category. Its `name` is empty; the UI shows its own label.
#pragma once
#include <string>
#include <vector>

#include "core/analytics/kpi.h"

namespace shopkeeper {

enum class Dimension : uint8_t { channel, source, category, product, region };
const char* dimension_name(Dimension d);
bool parse_dimension(std::string_view s, Dimension& out);

struct BreakdownQuery {
  DayRange range;
  Compare compare = Compare::previous;
  Dimension dimension = Dimension::product;
  int32_t top_n = 20;   // rows returned (<= 0: all)
  bool bottom = false;  // lowest sales first, among keys with sales in the range or the comparison range
  bool daily_series = true;
  int16_t channel = -1, source = -1;
  bool operator==(const BreakdownQuery&) const = default;
};

struct BreakdownRow {
  int32_t key = -1;  // index into the dimension's dictionary (or product index); -1 = none
  std::string name;  // channel/source/category/region name, or SKU
  std::string title;  // products: title
  Money sales = 0;
  int64_t orders = 0;  // valid orders containing the key
  int64_t units = 0;
  Money refunds = 0;
  int64_t refunded_units = 0;
  // Gross profit over the row's lines with a known cost: their net sales - the cost of their net
  // units (order-level rows split each order's paid amount as Dataset::order_covered_paid).
  // Without any line with a known cost (or when their net sales are 0) there is no gross profit
  // (has_gross_profit false, gross_profit 0): a product without cost shows no profit, not its sales.
  bool has_gross_profit = false;
  Money gross_profit = 0;
  Money covered_net_sales = 0;       // net sales of the lines with a known cost
  double gross_profit_coverage = 0;  // covered_net_sales / (sales - refunds); NaN when that is 0
  int64_t lines_without_cost = 0;
  double share = 0;  // of the breakdown's total sales (NaN when it is 0)
  Money compare_sales = 0;
  double change = 0;  // relative change of sales vs comparison (NaN when compare_sales is 0)
  std::vector<Money> daily_sales;  // one per day of the range (when daily_series)
};

struct Breakdown {
  BreakdownQuery query;
  DayRange compare_range;
  Money total_sales = 0, compare_total_sales = 0;
  Money unattributed_refunds = 0;  // line-level dimensions: refunds naming no order line
  int32_t keys_with_sales = 0;      // how many keys sold in the range (rows may be fewer)
  std::vector<BreakdownRow> rows;
};

Breakdown compute_breakdown(const Dataset& ds, const BreakdownQuery& q);

}  // namespace shopkeeper
