// Dataset: a columnar, read-only snapshot of the store for analysis (struct of arrays).
// Built after each committed write; every analysis is a pure function of it.
// Orders are sorted by placed time, so a date range is two binary searches. Strings that
// repeat (channel, source, category, region) are dictionary-encoded as small integers.
#pragma once
#include <cstddef>
#include <cstdint>
#include <memory>
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

// The indexes modules build from one Dataset (analytics' per-day sums, core/analytics/index.h,
// is one), one per type, each built on first use and kept with the snapshot. A copy of the
// Dataset shares the indexes built so far (they are immutable).
class DatasetIndexes {
 public:
  template <class T, class Owner>
  const T& get(const Owner& ds) const {
    if (const void* p = find(&key<T>)) return *static_cast<const T*>(p);
    return *static_cast<const T*>(put(&key<T>, std::make_shared<const T>(T::build(ds)), &bytes_of<T>));
  }
  template <class T>
  void set(T value) {
    put(&key<T>, std::make_shared<const T>(std::move(value)), &bytes_of<T>);
  }
  void clear() { slots_.clear(); }
  size_t memory_bytes() const {
    size_t b = 0;
    for (const Slot& s : slots_) b += s.bytes(s.value.get());
    return b;
  }

 private:
  template <class T>
  static constexpr char key = 0;  // its address names the type (no RTTI needed)
  template <class T>
  static size_t bytes_of(const void* p) {
    return static_cast<const T*>(p)->memory_bytes();
  }
  struct Slot {
    const void* key;
    std::shared_ptr<const void> value;
    size_t (*bytes)(const void*);
  };
  const void* find(const void* k) const {
    for (const Slot& s : slots_)
      if (s.key == k) return s.value.get();
    return nullptr;
  }
  const void* put(const void* k, std::shared_ptr<const void> v, size_t (*bytes)(const void*)) const {
    for (Slot& s : slots_)
      if (s.key == k) return (s.value = std::move(v)).get();
    slots_.push_back(Slot{k, std::move(v), bytes});
    return slots_.back().value.get();
  }
  mutable std::vector<Slot> slots_;
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
  // The region of the order: its customer's region, else (guests, customers without one) the
  // region the export gave on the order (orders.region); into regions, -1 = none.
  std::vector<int32_t> order_region;
  std::vector<Money> order_items, order_discount, order_shipping, order_paid;
  std::vector<uint32_t> order_line_begin;  // size orders+1: lines of order i are [begin[i], begin[i+1])
  // Derived from the merchandise lines at load, so order-level passes need not walk them:
  std::vector<int64_t> order_units;          // sum of line qty
  std::vector<int32_t> order_merch_lines;    // merchandise lines of the order
  std::vector<Money> order_shipping_lines, order_fee_lines, order_adjustment_lines;  // non-merchandise line revenue
  std::vector<Money> order_cost;             // sum of qty x unit cost over lines with a known cost
  std::vector<int32_t> order_lines_without_cost, order_units_without_cost;  // lines with an unknown cost
  // The part of paid_amount attributed to the lines with a known cost (gross profit's
  // coverage): all of it when every line has a cost, none when no line has one, otherwise
  // paid x (revenue of the lines with a cost / revenue of all lines), the revenues being
  // qty x unit_price - line discount, the share clamped to [0, 1] and rounded half away from
  // zero (0 when the lines' revenue is not positive). See cost_covered_share().
  std::vector<Money> order_covered_paid;
  // For a valid order of a known customer: the day of that customer's previous valid order in
  // order sequence, and of the one before it; kNoPrevOrder when there is none, and always for
  // guest and invalid orders. Distinct-customer counts of a range follow from these without
  // per-customer state: a valid order starts its customer's run in a range starting at day F
  // when prev < F; the customer has 2+ orders there when prev >= F > prev2; new = prev absent.
  std::vector<Day> order_prev_day, order_prev2_day;

  // Order lines, grouped by order in order sequence.
  std::vector<int32_t> line_product;  // -1 = SKU not in products
  std::vector<int32_t> line_qty;
  std::vector<Money> line_price, line_discount, line_cost;  // cost -1 = unknown (always for non-merchandise)
  // LineKind (core/model/entities.h): 0 merchandise. Lines that are not merchandise count in
  // no unit count, cost split, product or category row; the per-order columns below and the
  // line-level breakdowns cover merchandise lines only.
  std::vector<uint8_t> line_kind;

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
  // The part of the refund attributed to lines with a known cost: all of it when its line has a
  // cost, none when its line has none; a refund naming no line takes its order's covered share
  // (amount x order_covered_paid / paid_amount, rounded half away from zero). 0 for refunds of
  // unknown orders.
  std::vector<Money> refund_covered_amount;

  // Traffic per (day, shop, source), sorted by day, then shop and source.
  std::vector<Day> traffic_day;
  std::vector<int16_t> traffic_source;
  std::vector<int64_t> traffic_visitors, traffic_page_views, traffic_sessions, traffic_product_views,
      traffic_add_to_carts;
  std::vector<double> traffic_avg_seconds;
  // The shop of each traffic row (core/shops; 0 = the store's own) and whether it is a
  // breakdown (issue #16, docs/shops.md "Visitors counted once"): 1 = a per-source row of a day
  // and shop that also has its whole-shop row (source "all", the 生意参谋 shop daily report). A
  // breakdown row shows per source (a source filter, the sources and funnel-by-source tables)
  // and never adds to a total, which is the whole-shop row's. 0 for every row otherwise.
  std::vector<uint8_t> traffic_shop, traffic_part;
  // Whether traffic row k counts for source filter `source` (-1 = every source: the total).
  bool traffic_counts(size_t k, int32_t source) const {
    return source < 0 ? k >= traffic_part.size() || traffic_part[k] == 0 : traffic_source[k] == source;
  }

  // Ad spend per (day, channel), sorted by day; channel is in `sources` (ads buy traffic).
  std::vector<Day> ad_day;
  std::vector<int16_t> ad_source;
  std::vector<Money> ad_spend;
  std::vector<int64_t> ad_impressions, ad_clicks;

  size_t orders() const { return order_id.size(); }
  size_t lines() const { return line_product.size(); }
  // First and last order day; {0,-1} when there are no orders.
  DayRange order_days() const;
  // Index range [lo, hi) of orders placed within `r`.
  std::pair<size_t, size_t> orders_in(DayRange r) const;
  // Slice [a, b) of refund_by_order holding the refunds of orders [lo, hi).
  std::pair<size_t, size_t> refunds_of_orders(size_t lo, size_t hi) const;
  // The columns' bytes plus those of the indexes built so far.
  size_t memory_bytes() const;
  // Fills customer_first_order_day, order_prev_day and order_prev2_day from the order columns
  // (each known customer's valid orders in order sequence). The loader calls it, and so does any
  // view that builds a Dataset from a subset of the orders (core/shops/shop_view.cpp).
  void link_customer_orders();

  // A module's index of this snapshot (T::build(const Dataset&), T::memory_bytes()): built on
  // the first call, then kept. New modules add theirs without touching the loader or analytics.
  template <class T>
  const T& index() const {
    return indexes_.get<T>(*this);
  }
  // Puts `value` in place of T's index (tests: an empty analytics index makes every analysis
  // take its direct pass). clear_indexes() drops them all, e.g. after changing a copy's columns.
  template <class T>
  void set_index(T value) {
    indexes_.set<T>(std::move(value));
  }
  void clear_indexes() { indexes_.clear(); }

 private:
  DatasetIndexes indexes_;
};

// Reads every table of the store into a Dataset: one loader per table (core/store/dataset.cpp).
Result<Dataset> load_dataset(Store& store, int64_t revision = 0);

// amount x part / whole rounded half away from zero, with part/whole clamped to [0, 1]:
// `amount` when part >= whole, 0 when part <= 0 or whole <= 0. The one rule splitting an
// order's paid amount (and a refund naming no line) between lines with and without a cost.
Money cost_covered_share(Money amount, Money part, Money whole);

}  // namespace shopkeeper
