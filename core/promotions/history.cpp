#include "core/promotions/history.h"

#include <array>

#include "core/model/entities.h"

namespace shopkeeper::promo {

std::vector<DailySales> daily_sales_from_dataset(const Dataset& ds, DayRange range) {
  std::vector<DailySales> out(static_cast<size_t>(range.length()));
  for (size_t i = 0; i < out.size(); ++i) out[i].day = range.first + static_cast<Day>(i);
  if (out.empty()) return out;
  auto [lo, hi] = ds.orders_in(range);
  for (size_t o = lo; o < hi; ++o) {
    if (!is_valid_order(static_cast<OrderStatus>(ds.order_status[o]))) continue;
    DailySales& d = out[static_cast<size_t>(ds.order_day[o] - range.first)];
    ++d.orders;
    d.sales += ds.order_items[o] - ds.order_discount[o];
    d.discount += ds.order_discount[o];
    for (uint32_t l = ds.order_line_begin[o]; l < ds.order_line_begin[o + 1]; ++l)
      if (ds.line_cost[l] >= 0) d.cost += ds.line_qty[l] * ds.line_cost[l];
  }
  for (Day first : ds.customer_first_order_day)
    if (range.contains(first)) ++out[static_cast<size_t>(first - range.first)].new_customers;
  return out;
}

std::vector<DailySales> carry_forward(std::vector<DailySales> series, Day last_data_day, int weeks) {
  if (weeks < 1) return series;
  const Day first = last_data_day - 7 * weeks + 1;
  std::array<DailySales, 7> sum{};
  for (const DailySales& d : series) {
    if (d.day < first || d.day > last_data_day) continue;
    DailySales& s = sum[static_cast<size_t>(weekday(d.day))];
    s.orders += d.orders;
    s.sales += d.sales;
    s.cost += d.cost;
    s.discount += d.discount;
    s.new_customers += d.new_customers;
  }
  for (DailySales& d : series) {
    if (d.day <= last_data_day) continue;
    const DailySales& s = sum[static_cast<size_t>(weekday(d.day))];
    d.orders = div_round(s.orders, weeks);
    d.sales = div_round(s.sales, weeks);
    d.cost = div_round(s.cost, weeks);
    d.discount = div_round(s.discount, weeks);
    d.new_customers = div_round(s.new_customers, weeks);
  }
  return series;
}

}  // namespace shopkeeper::promo
