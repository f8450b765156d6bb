// The analytics index (core/analytics/index.h): per-day sums, customers by day and product
// sales by day, built once per Dataset from its orders, lines and refunds.
#include "core/analytics/index.h"

#include <algorithm>
#include <climits>

#include "core/model/entities.h"

namespace shopkeeper {

AnalyticsIndex AnalyticsIndex::build(const Dataset& ds) {
  AnalyticsIndex ix;
  const DayRange span = ds.order_days();
  if (span.length() <= 0) return ix;
  const int32_t cs = ds.channels.size() + 1, ss = ds.sources.size() + 1;
  const size_t cells = static_cast<size_t>(cs) * static_cast<size_t>(ss);
  const size_t n = static_cast<size_t>(span.length()) * cells;
  // Budget: at most 64 (channel, source) cells (a query sums up to all of them per day) and
  // about 4 bytes per order line (at least 4 MB, for small stores with a long span), so a big
  // Dataset stays under its 100 bytes per line; the 1,000,000-line benchmark store needs ~2.
  if (cells > 64 || n * sizeof(DaySums) > std::max<size_t>(size_t{4} << 20, 4 * ds.lines())) return ix;
  ix.day_sums.assign(n, DaySums{});
  ix.sums_first_day = span.first;
  ix.sums_days = static_cast<int32_t>(span.length());
  ix.sums_channel_slots = cs;
  ix.sums_source_slots = ss;
  auto cell = [&](size_t i) -> DaySums& {
    return ix.day_sums[static_cast<size_t>(ds.order_day[i] - span.first) * cells +
                       static_cast<size_t>((ds.order_channel[i] + 1) * ss + ds.order_source[i] + 1)];
  };
  for (size_t i = 0; i < ds.orders(); ++i) {
    DaySums& c = cell(i);
    ++c.orders;
    c.gmv += ds.order_items[i] - ds.order_discount[i] + ds.order_shipping[i];
    if (!is_valid_order(static_cast<OrderStatus>(ds.order_status[i]))) continue;
    ++c.valid_orders;
    if (ds.order_customer[i] < 0) ++c.guest_valid_orders;
    else if (ds.order_prev_day[i] == Dataset::kNoPrevOrder) ++c.acquired;
    c.sales += ds.order_paid[i];
    c.units += ds.order_units[i];
    c.cost_sold += ds.order_cost[i];
    c.covered_sales += ds.order_covered_paid[i];
    c.shipping_lines += ds.order_shipping_lines[i];
    c.fee_lines += ds.order_fee_lines[i];
    c.adjustment_lines += ds.order_adjustment_lines[i];
    c.lines += ds.order_merch_lines[i];
    c.lines_without_cost += ds.order_lines_without_cost[i];
    c.units_without_cost += ds.order_units_without_cost[i];
    for (uint32_t l = ds.order_line_begin[i]; l < ds.order_line_begin[i + 1]; ++l)
      if (ds.line_kind[l] == 0) c.line_sales += ds.line_qty[l] * ds.line_price[l] - ds.line_discount[l];
  }
  for (size_t k = 0; k < ds.refund_order.size(); ++k) {
    if (ds.refund_order[k] < 0) continue;
    const size_t i = static_cast<size_t>(ds.refund_order[k]);
    if (!is_valid_order(static_cast<OrderStatus>(ds.order_status[i]))) continue;
    DaySums& c = cell(i);
    const int64_t q = ds.refund_qty[k];
    ++c.refund_count;
    c.refunds += ds.refund_amount[k];
    c.covered_refunds += ds.refund_covered_amount[k];
    c.refunded_units += q;
    if (ds.refund_unit_cost[k] >= 0) c.cost_refunded += q * ds.refund_unit_cost[k];
    else c.refunded_units_without_cost += q;
  }

  // Orders are in day order, so grouping by day is a scan; then sort each day's slice.
  const size_t days = static_cast<size_t>(span.length());
  ix.customer_day_begin.assign(days + 1, 0);
  for (size_t i = 0; i < ds.orders(); ++i) {
    if (ds.order_customer[i] < 0 || !is_valid_order(static_cast<OrderStatus>(ds.order_status[i]))) continue;
    ix.customer_prev_by_day.push_back(ds.order_prev_day[i]);
    ix.customer_prev2_by_day.push_back(ds.order_prev2_day[i]);
    ++ix.customer_day_begin[static_cast<size_t>(ds.order_day[i] - span.first) + 1];
  }
  ix.customer_prev_by_day.shrink_to_fit();
  ix.customer_prev2_by_day.shrink_to_fit();
  for (size_t d = 0; d < days; ++d) {
    const uint32_t b = ix.customer_day_begin[d], e = b + ix.customer_day_begin[d + 1];
    ix.customer_day_begin[d + 1] = e;
    std::sort(ix.customer_prev_by_day.begin() + b, ix.customer_prev_by_day.begin() + e);
    std::sort(ix.customer_prev2_by_day.begin() + b, ix.customer_prev2_by_day.begin() + e);
  }

  // Sales per (product, day): count each slot's days, then fill (orders are in day order, so
  // each slot's entries come out in day order). 10 bytes an entry; the benchmark store has
  // about one entry per 2 lines. Skipped above ~6 bytes per line (at least 4 MB), e.g. many
  // products each selling once a day, and for spans beyond uint16 days.
  if (days > 65535) return ix;
  const size_t slots = ds.sku.size() + 1;
  std::vector<Day> last(slots, INT32_MIN);
  ix.product_day_begin.assign(slots + 1, 0);
  auto each_valid_line = [&ds](auto&& fn) {
    for (size_t i = 0; i < ds.orders(); ++i) {
      if (!is_valid_order(static_cast<OrderStatus>(ds.order_status[i]))) continue;
      for (uint32_t l = ds.order_line_begin[i]; l < ds.order_line_begin[i + 1]; ++l)
        if (ds.line_kind[l] == 0) fn(static_cast<size_t>(ds.line_product[l] + 1), ds.order_day[i], l);
    }
  };
  each_valid_line([&](size_t slot, Day d, uint32_t) {
    if (last[slot] != d) {
      last[slot] = d;
      ++ix.product_day_begin[slot + 1];
    }
  });
  for (size_t k = 0; k < slots; ++k) ix.product_day_begin[k + 1] += ix.product_day_begin[k];
  const size_t entries = ix.product_day_begin[slots];
  if (entries * (sizeof(uint16_t) + sizeof(Money)) > std::max<size_t>(size_t{4} << 20, 6 * ds.lines())) {
    ix.product_day_begin = {};
    return ix;
  }
  ix.product_day.resize(entries);
  ix.product_day_sales.assign(entries, 0);
  std::vector<uint32_t> next(ix.product_day_begin.begin(), ix.product_day_begin.end() - 1);
  std::fill(last.begin(), last.end(), INT32_MIN);
  each_valid_line([&](size_t slot, Day d, uint32_t l) {
    if (last[slot] != d) {
      last[slot] = d;
      ix.product_day[next[slot]++] = static_cast<uint16_t>(d - span.first);
    }
    ix.product_day_sales[next[slot] - 1] += ds.line_qty[l] * ds.line_price[l] - ds.line_discount[l];
  });
  return ix;
}

size_t AnalyticsIndex::memory_bytes() const {
  size_t b = 0;
  auto add = [&b](const auto& v) { b += v.capacity() * sizeof(v[0]); };
  add(day_sums); add(customer_prev_by_day); add(customer_prev2_by_day); add(customer_day_begin);
  add(product_day); add(product_day_sales); add(product_day_begin);
  return b;
}

}  // namespace shopkeeper
