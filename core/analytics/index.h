// The analytics index: accelerators the analyses build from a Dataset, kept with it (issue #17
// item 6). The Dataset holds what the store holds (one loader per table, core/store/dataset.cpp);
// each module keeps its own indexes through Dataset::index<T>(), so a new module adds its index
// without touching this one or the loader. Built on first use, the same for every analysis of
// the snapshot; every analysis gives the same figures without it (its direct pass over the
// orders), which tests/core/analytics_sql_test.cpp checks by installing an empty index.
#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

#include "core/base/date.h"
#include "core/base/money.h"
#include "core/store/dataset.h"

namespace shopkeeper {

// Sums of the orders placed on one day through one (channel, source) pair, precomputed so that
// dashboard totals, daily series, the funnel and the channel/source breakdowns of a range cost
// O(days x cells) instead of a pass over the orders (issue #4: a whole dashboard recompute in
// 20 ms for 1,000,000 order lines). Counting rules as in core/analytics/metrics.h: everything
// but `orders` and `gmv` is about valid orders; refunds count on the placed day of their
// (valid) order. Money in minor units. Distinct-customer counts cannot be summed over days, so
// they are not here (except `acquired`, which is one per customer).
struct DaySums {
  int32_t orders = 0;  // placed, any status
  int32_t valid_orders = 0, guest_valid_orders = 0;
  int32_t lines = 0, lines_without_cost = 0;
  int32_t refund_count = 0;
  int32_t acquired = 0;  // valid orders of a known customer with no earlier valid order (order_prev_day absent)
  int64_t units = 0, units_without_cost = 0, refunded_units = 0, refunded_units_without_cost = 0;
  Money gmv = 0;            // items - discount + shipping, any status
  Money sales = 0;          // paid amount
  Money line_sales = 0;     // sum of line revenue qty x unit_price - line discount (line-level breakdowns)
  Money cost_sold = 0;      // qty x unit cost over lines with a known cost
  Money refunds = 0, cost_refunded = 0;  // refunded qty x unit cost of the refunded line
  // Gross profit covers only the lines with a known cost (issue #10): the part of sales and
  // refunds attributed to them (Dataset::order_covered_paid, refund_covered_amount).
  Money covered_sales = 0, covered_refunds = 0;
  // Line revenue of the lines that are not merchandise (LineKind shipping, fee, adjustment):
  // in sales, under their own heading; in no unit count, product row or margin.
  Money shipping_lines = 0, fee_lines = 0, adjustment_lines = 0;
};

struct AnalyticsIndex {
  // DaySums per (day, channel, source) over the order days: cell (d, c, s) is at
  // day_sums[(d - sums_first_day) * cells + (c + 1) * sums_source_slots + (s + 1)] with
  // cells = sums_channel_slots * sums_source_slots; channel or source -1 (none) is slot 0.
  // Empty when not built (a store too large for them, see build()): analyses then make their
  // own pass over the orders.
  std::vector<DaySums> day_sums;
  Day sums_first_day = 0;
  int32_t sums_days = 0, sums_channel_slots = 0, sums_source_slots = 0;

  // Distinct customers of unfiltered ranges without a pass over the orders: for the valid
  // orders of known customers, their order_prev_day and order_prev2_day grouped by placed day
  // (day d at [customer_day_begin[d - sums_first_day], ...[+1]) ) and sorted within the day.
  // Among a day's orders, those starting their customer's run in a range (or bucket) starting
  // at F are the ones with prev < F, a binary search; see aggregate() in core/analytics/metrics.cpp.
  // Empty when not built (with day_sums).
  std::vector<Day> customer_prev_by_day, customer_prev2_by_day;
  std::vector<uint32_t> customer_day_begin;

  // Sales per (product, day), unfiltered, so that ranking products and their comparison and
  // daily sales need no pass over the lines: slot p + 1 (slot 0 = SKUs not in products) has
  // entries [product_day_begin[slot], product_day_begin[slot + 1]) in day order, with
  // product_day = day - sums_first_day and product_day_sales = the revenue (qty x unit_price -
  // line discount) of its lines in valid orders placed that day. A day with such a line has an
  // entry even when the revenue is 0. Empty when not built (with day_sums, or when too large).
  std::vector<uint16_t> product_day;
  std::vector<Money> product_day_sales;
  std::vector<uint32_t> product_day_begin;

  // Built from the orders, lines and refunds. Leaves the parts empty when they would be large
  // for the store (many channel x source pairs, or a long span with few orders): every
  // analysis then takes its direct pass.
  static AnalyticsIndex build(const Dataset& ds);
  size_t memory_bytes() const;

  bool has_day_sums() const { return !day_sums.empty(); }
  // Calls fn(channel, source, const DaySums&) for each cell of day `d` whose channel and source
  // pass the filter (-1 = any, including none); nothing when `d` is outside the sums.
  template <class Fn>
  void for_day_sums(Day d, int32_t channel, int32_t source, Fn&& fn) const {
    if (d < sums_first_day || d >= sums_first_day + sums_days) return;
    const DaySums* row = day_sums.data() + static_cast<size_t>(d - sums_first_day) *
                                                static_cast<size_t>(sums_channel_slots * sums_source_slots);
    const int32_t c0 = channel < 0 ? 0 : channel + 1, c1 = channel < 0 ? sums_channel_slots : channel + 2;
    const int32_t s0 = source < 0 ? 0 : source + 1, s1 = source < 0 ? sums_source_slots : source + 2;
    if (c1 > sums_channel_slots || s1 > sums_source_slots) return;  // a filter naming no known key
    for (int32_t c = c0; c < c1; ++c)
      for (int32_t s = s0; s < s1; ++s) fn(c - 1, s - 1, row[static_cast<size_t>(c * sums_source_slots + s)]);
  }
};

// The snapshot's analytics index, built on the first call.
inline const AnalyticsIndex& analytics_index(const Dataset& ds) { return ds.index<AnalyticsIndex>(); }

}  // namespace shopkeeper
