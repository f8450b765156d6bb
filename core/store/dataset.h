// Dataset: a columnar, read-only snapshot of the store for analysis (struct of arrays).
// Built after each committed write; every analysis is a pure function of it.
// Orders are sorted by placed time, so a date range is two binary searches. Strings that
// repeat (channel, source, category, region) are dictionary-encoded as small integers.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "core/base/date.h"
#include "core/base/money.h"
#include "core/base/result.h"

namespace shopkeeper {

class Store;

// A string dictionary: index -> string, with lookup by string at build time only.
struct Dict {
  std::vector<std::string> names;
  int32_t size() const { return static_cast<int32_t>(names.size()); }
};

// Sums of the orders placed on one day through one (channel, source) pair, precomputed at load
// so that dashboard totals, daily series, the funnel and the channel/source breakdowns of a
// range cost O(days x cells) instead of a pass over the orders (issue #4: a whole dashboard
// recompute in 20 ms for 1,000,000 order lines). Counting rules as in core/analytics/metrics.h:
// everything but `orders` and `gmv` is about valid orders; refunds count on the placed day of
// their (valid) order. Money in minor units. Distinct-customer counts cannot be summed over
// days, so they are not here (except `acquired`, which is one per customer).
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
};

struct Dataset {
  static constexpr Day kNoPrevOrder = INT32_MIN;
  // The Workspace revision this snapshot was loaded at (tells whether a write reloaded it).
  // Cache on Workspace::revision(), the one revision counter, not on this.
  int64_t revision = 0;

  Dict channels, sources, categories, regions, tiers;

  // Products (index = product id within this snapshot).
  std::vector<std::string> sku, product_title;
  std::vector<int32_t> product_category;  // into categories
  std::vector<Money> product_cost;        // -1 = unknown
  std::vector<Money> product_price;
  std::vector<int64_t> product_stock;

  // Customers.
  std::vector<std::string> customer_id;
  std::vector<int32_t> customer_region;  // into regions, -1 = none
  std::vector<int32_t> customer_tier;    // into tiers, -1 = none
  std::vector<Day> customer_first_order_day;  // first valid order ever, INT32_MAX if none

  // Orders, sorted by (placed_at, id).
  std::vector<std::string> order_id;
  std::vector<Timestamp> order_placed_at;
  std::vector<Day> order_day;        // day placed
  std::vector<uint8_t> order_status;  // OrderStatus
  std::vector<int16_t> order_channel, order_source;  // -1 = none
  std::vector<int32_t> order_customer;               // -1 = guest
  std::vector<Money> order_items, order_discount, order_shipping, order_paid;
  std::vector<uint32_t> order_line_begin;  // size orders+1: lines of order i are [begin[i], begin[i+1])
  // Derived from the lines at load, so order-level passes need not walk them:
  std::vector<int64_t> order_units;          // sum of line qty
  std::vector<Money> order_cost;             // sum of qty x unit cost over lines with a known cost
  std::vector<int32_t> order_lines_without_cost, order_units_without_cost;  // lines with an unknown cost
  // For a valid order of a known customer: the day of that customer's previous valid order in
  // order sequence, and of the one before it; kNoPrevOrder when there is none, and always for
  // guest and invalid orders. Distinct-customer counts of a range follow from these without
  // per-customer state: a valid order starts its customer's run in a range starting at day F
  // when prev < F; the customer has 2+ orders there when prev >= F > prev2; new = prev absent.
  std::vector<Day> order_prev_day, order_prev2_day;

  // Order lines, grouped by order in order sequence.
  std::vector<int32_t> line_product;  // -1 = SKU not in products
  std::vector<int32_t> line_qty;
  std::vector<Money> line_price, line_discount, line_cost;  // cost -1 = unknown

  // Refunds.
  std::vector<int32_t> refund_order;    // -1 = order not found
  std::vector<int32_t> refund_product;  // -1 = whole order / unknown sku
  // The order line a refund returns units of: the first line (lowest line_no) of the refunded
  // order with the refund's SKU; -1 when the refund names no SKU or no line of the order has it.
  // Lets analyses cost refunded units exactly, also for SKUs missing from products.
  std::vector<int32_t> refund_line;
  std::vector<int32_t> refund_qty;
  std::vector<Money> refund_amount;
  std::vector<Day> refund_day;
  // The refunds of known orders as refund indices sorted by order index (then refund index),
  // so the refunds of a range of orders are one slice (refunds_of_orders) visited in order
  // sequence, instead of a scan of all refunds with a random access per refund.
  std::vector<int32_t> refund_by_order;
  // Unit cost of the refunded line (line_cost[refund_line]); -1 when unknown or no line.
  std::vector<Money> refund_unit_cost;

  // Traffic per (day, source), sorted by day.
  std::vector<Day> traffic_day;
  std::vector<int16_t> traffic_source;
  std::vector<int64_t> traffic_visitors, traffic_page_views, traffic_sessions, traffic_product_views,
      traffic_add_to_carts;
  std::vector<double> traffic_avg_seconds;

  // Ad spend per (day, channel), sorted by day; channel is in `sources` (ads buy traffic).
  std::vector<Day> ad_day;
  std::vector<int16_t> ad_source;
  std::vector<Money> ad_spend;
  std::vector<int64_t> ad_impressions, ad_clicks;

  // DaySums per (day, channel, source) over the order days: cell (d, c, s) is at
  // day_sums[(d - sums_first_day) * cells + (c + 1) * sums_source_slots + (s + 1)] with
  // cells = sums_channel_slots * sums_source_slots; channel or source -1 (none) is slot 0.
  // Empty when not built (see build_day_sums): analyses then make their own pass over the orders.
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

  size_t orders() const { return order_id.size(); }
  size_t lines() const { return line_product.size(); }
  // First and last order day; {0,-1} when there are no orders.
  DayRange order_days() const;
  // Index range [lo, hi) of orders placed within `r`.
  std::pair<size_t, size_t> orders_in(DayRange r) const;
  // Slice [a, b) of refund_by_order holding the refunds of orders [lo, hi).
  std::pair<size_t, size_t> refunds_of_orders(size_t lo, size_t hi) const;
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

// Fills ds.day_sums, the customer_*_by_day and product_day* columns from the orders, lines and refunds
// (load_dataset calls it last). Leaves them empty when the sums would be large for the store
// (many channel x source pairs, or a long span with few orders): every analysis then takes
// its direct pass.
void build_day_sums(Dataset& ds);

Result<Dataset> load_dataset(Store& store, int64_t revision = 0);

}  // namespace shopkeeper
