#include "core/analytics/breakdown.h"

#include <algorithm>
#include <limits>
#include <numeric>
#include <optional>

#include "core/analytics/index.h"
#include "core/model/entities.h"

namespace shopkeeper {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// One cache line per key: the line-level pass updates a random key's sums per line, and
// a 72-byte record straddled two lines for most keys (the top products breakdown spent most
// of its time there).
// Gross profit is summed directly (covered sales - covered refunds - cost of net units, over
// the lines with a known cost) so the record stays one cache line.
struct alignas(64) Acc {
  Money sales = 0, refunds = 0;
  Money profit = 0;   // gross profit over the lines with a known cost
  Money covered = 0;  // net sales of the lines with a known cost
  int64_t units = 0, refunded_units = 0;
  int32_t lines_with_cost = 0, lines_without_cost = 0;  // line counts: fewer than 2^31 (32-bit line indices)
  int32_t orders = 0;       // valid orders (fewer than 2^31: order indices are 32-bit)
  int32_t last_order = -1;  // line-level: counts each order once per key
};
static_assert(sizeof(Acc) == 64);

int32_t key_count(const Dataset& ds, Dimension d) {
  switch (d) {
    case Dimension::channel: return ds.channels.size();
    case Dimension::source: return ds.sources.size();
    case Dimension::category: return ds.categories.size();
    case Dimension::product: return static_cast<int32_t>(ds.sku.size());
    case Dimension::region: return ds.regions.size();
  }
  return 0;
}

struct Scope {
  const Dataset& ds;
  DayRange r;
  Filter f;
  bool pass(size_t i) const {
    return (f.channel < 0 || ds.order_channel[i] == f.channel) && (f.source < 0 || ds.order_source[i] == f.source) &&
           is_valid_order(static_cast<OrderStatus>(ds.order_status[i]));
  }
};

// Each key's sales per day of the range, recorded during the range's pass, so that the daily
// series of the rows shown (known only after ranking) need no second pass over the lines: one
// entry per (key, day) with sales, chained per key, newest first. The pass goes in day order,
// so entries are appended sequentially and a key's current entry is found without a search;
// there are at most as many as lines (orders) in the range.
class DailyLog {
 public:
  // `capacity`: the most entries the pass can make (its lines or orders), reserved so that
  // the log is never copied while growing.
  DailyLog(size_t slots, size_t capacity) : newest_(slots, -1), newest_day_(slots, INT32_MIN) { entries_.reserve(capacity); }
  void add(size_t slot, Day day, Money sales) {
    if (newest_day_[slot] != day) {
      newest_day_[slot] = day;
      entries_.push_back(Entry{day, newest_[slot], 0});
      newest_[slot] = static_cast<int32_t>(entries_.size()) - 1;
    }
    entries_[static_cast<size_t>(newest_[slot])].sales += sales;
  }
  // Adds the slot's daily sales into daily[day - first].
  void fill(size_t slot, Day first, std::vector<Money>& daily) const {
    for (int32_t e = newest_[slot]; e >= 0; e = entries_[static_cast<size_t>(e)].prev)
      daily[static_cast<size_t>(entries_[static_cast<size_t>(e)].day - first)] += entries_[static_cast<size_t>(e)].sales;
  }

 private:
  struct Entry {
    Day day;
    int32_t prev;  // the slot's previous entry, -1 none
    Money sales;
  };
  std::vector<Entry> entries_;
  std::vector<int32_t> newest_;  // per slot
  std::vector<Day> newest_day_;  // per slot: its newest entry's day (a small array that stays in cache)
};

// acc[key + 1]; slot 0 is key -1. `key_of` maps an order (order-level dimensions) or a line
// (line-level) to its key; a template parameter, so each dimension gets its own tight loop.
// SalesOnly (the comparison period, of which only sales and "has orders" are used): sales, and
// orders = 1 for a key with any valid order; nothing else. `log` (optional, not with SalesOnly)
// records the daily sales per key. `index` (optional, not with SalesOnly): sums slot s into
// acc[index[s]] instead of acc[s] (the rows shown get their own records and all other keys
// share one scratch record: no branch per line, and the few records stay in cache).
template <bool ByLine, bool SalesOnly, class KeyOf>
void accumulate_by(const Scope& s, KeyOf key_of, std::vector<Acc>& acc, Money& unattributed, DailyLog* log,
                   const std::vector<int32_t>* index) {
  const int32_t* const slot_index = index ? index->data() : nullptr;
  auto at = [slot_index](int32_t key) { return static_cast<size_t>(slot_index ? slot_index[key + 1] : key + 1); };
  const Dataset& ds = s.ds;
  // The line columns as plain pointers: stores into `acc` could alias the vectors' own
  // members as far as the compiler knows, so it reloaded every column's address per line.
  const int32_t* const qty = ds.line_qty.data();
  const Money *const price = ds.line_price.data(), *const discount = ds.line_discount.data(), *const line_cost = ds.line_cost.data();
  const uint8_t* const kind = ds.line_kind.data();
  auto [lo, hi] = ds.orders_in(s.r);
  for (size_t i = lo; i < hi; ++i) {
    if (!s.pass(i)) continue;
    const uint32_t lb = ds.order_line_begin[i], le = ds.order_line_begin[i + 1];
    if constexpr (SalesOnly && !ByLine) {
      Acc& a = acc[static_cast<size_t>(key_of(i) + 1)];
      a.sales += ds.order_paid[i];
      a.orders = 1;
    } else if constexpr (SalesOnly) {
      for (uint32_t l = lb; l < le; ++l) {
        if (kind[l] != 0) continue;
        Acc& a = acc[static_cast<size_t>(key_of(l) + 1)];
        a.sales += qty[l] * price[l] - discount[l];
        a.orders = 1;
      }
    } else if constexpr (!ByLine) {
      const size_t slot = at(key_of(i));
      Acc& a = acc[slot];
      if (log) log->add(slot, ds.order_day[i], ds.order_paid[i]);
      a.sales += ds.order_paid[i];
      ++a.orders;
      a.units += ds.order_units[i];
      a.profit += ds.order_covered_paid[i] - ds.order_cost[i];
      a.covered += ds.order_covered_paid[i];
      a.lines_without_cost += ds.order_lines_without_cost[i];
      a.lines_with_cost += ds.order_merch_lines[i] - ds.order_lines_without_cost[i];
    } else {
      const Day day = ds.order_day[i];
      for (uint32_t l = lb; l < le; ++l) {
        if (kind[l] != 0) continue;  // postage, fees, adjustments: not a product
        const size_t slot = at(key_of(l));
        Acc& a = acc[slot];
        const int64_t q = qty[l];
        const Money sales = q * price[l] - discount[l];
        if (log) log->add(slot, day, sales);
        a.sales += sales;
        a.units += q;
        const Money c = line_cost[l];
        const bool known = c >= 0;  // branch-free: one line in ten has no cost, at random
        a.profit += known ? sales - q * c : 0;
        a.covered += known ? sales : 0;
        a.lines_with_cost += known;
        a.lines_without_cost += !known;
        if (a.last_order != static_cast<int32_t>(i)) {
          a.last_order = static_cast<int32_t>(i);
          ++a.orders;
        }
      }
    }
  }
  if constexpr (SalesOnly) return;
  auto [ra, rb] = ds.refunds_of_orders(lo, hi);
  for (size_t j = ra; j < rb; ++j) {
    const size_t k = static_cast<size_t>(ds.refund_by_order[j]);
    const int32_t o = ds.refund_order[k];
    if (!s.pass(static_cast<size_t>(o))) continue;
    const int32_t line = ds.refund_line[k];
    int32_t key;
    if constexpr (ByLine) {
      if (line < 0 || kind[line] != 0) {  // no line, or a refund of postage / a fee
        unattributed += ds.refund_amount[k];
        continue;
      }
      key = key_of(static_cast<size_t>(line));
    } else {
      key = key_of(static_cast<size_t>(o));
    }
    Acc& a = acc[at(key)];
    a.refunds += ds.refund_amount[k];
    a.refunded_units += ds.refund_qty[k];
    a.covered -= ds.refund_covered_amount[k];
    a.profit -= ds.refund_covered_amount[k];
    if (ds.refund_unit_cost[k] >= 0) a.profit += ds.refund_qty[k] * ds.refund_unit_cost[k];
  }
}

// Channel and source are the axes of AnalyticsIndex::day_sums: their breakdowns add up per-day cells
// instead of passing over the orders (same fields as accumulate_by's order-level branches).
bool by_cells(const Dataset& ds, Dimension d) {
  return analytics_index(ds).has_day_sums() && (d == Dimension::channel || d == Dimension::source);
}

template <bool SalesOnly>
void accumulate_cells(const Scope& s, Dimension dim, std::vector<Acc>& acc) {
  const AnalyticsIndex& ix = analytics_index(s.ds);
  for (Day d = s.r.first; d <= s.r.last; ++d)
    ix.for_day_sums(d, s.f.channel, s.f.source, [&](int32_t ch, int32_t src, const DaySums& x) {
      if (x.valid_orders == 0) return;  // no valid order, so no refund either
      Acc& a = acc[static_cast<size_t>((dim == Dimension::channel ? ch : src) + 1)];
      a.sales += x.sales;
      if constexpr (SalesOnly) {
        a.orders = 1;
      } else {
        a.orders += x.valid_orders;
        a.units += x.units;
        a.covered += x.covered_sales - x.covered_refunds;
        a.profit += x.covered_sales - x.covered_refunds - (x.cost_sold - x.cost_refunded);
        a.lines_with_cost += x.lines - x.lines_without_cost;
        a.lines_without_cost += x.lines_without_cost;
        a.refunds += x.refunds;
        a.refunded_units += x.refunded_units;
      }
    });
}

void daily_cells(const Scope& s, Dimension dim, const std::vector<int32_t>& row_of, std::vector<BreakdownRow>& rows) {
  const AnalyticsIndex& ix = analytics_index(s.ds);
  for (Day d = s.r.first; d <= s.r.last; ++d)
    ix.for_day_sums(d, s.f.channel, s.f.source, [&](int32_t ch, int32_t src, const DaySums& x) {
      const int32_t row = row_of[static_cast<size_t>((dim == Dimension::channel ? ch : src) + 1)];
      if (row >= 0 && x.valid_orders) rows[static_cast<size_t>(row)].daily_sales[static_cast<size_t>(d - s.r.first)] += x.sales;
    });
}

// Calls fn(day, sales) for each entry of slot (product + 1) in AnalyticsIndex::product_day within `r`
// (unfiltered sales of the product's lines in valid orders, per day).
template <class Fn>
void for_product_days(const Dataset& ds, DayRange r, size_t slot, Fn&& fn) {
  const AnalyticsIndex& ix = analytics_index(ds);
  const int64_t a = std::max<int64_t>(r.first - ix.sums_first_day, 0);
  const int64_t z = std::min<int64_t>(r.last - ix.sums_first_day, ix.sums_days - 1);
  if (a > z) return;
  const auto b = ix.product_day.begin() + ix.product_day_begin[slot], e = ix.product_day.begin() + ix.product_day_begin[slot + 1];
  const auto from = std::lower_bound(b, e, static_cast<uint16_t>(a)), to = std::upper_bound(from, e, static_cast<uint16_t>(z));
  for (auto it = from; it != to; ++it)
    fn(ix.sums_first_day + *it, ix.product_day_sales[static_cast<size_t>(it - ix.product_day.begin())]);
}

// Every product's sales over `r` as accumulate_sales computes them (sales; orders = 1 when the
// product has a line in a valid order there), from the per-day entries.
void product_sales_by_day(const Dataset& ds, DayRange r, std::vector<Acc>& acc) {
  for (size_t slot = 0; slot < acc.size(); ++slot)
    for_product_days(ds, r, slot, [&](Day, Money sales) {
      acc[slot].sales += sales;
      acc[slot].orders = 1;
    });
}

// Calls fn.template operator()<ByLine>(key_of) with the dimension's key function.
template <class Fn>
void with_key(const Dataset& ds, Dimension d, Fn&& fn) {
  switch (d) {
    case Dimension::channel: return fn.template operator()<false>([&ds](size_t i) -> int32_t { return ds.order_channel[i]; });
    case Dimension::source: return fn.template operator()<false>([&ds](size_t i) -> int32_t { return ds.order_source[i]; });
    case Dimension::region:  // the customer's region, else the order's (guests keep theirs)
      return fn.template operator()<false>([region = ds.order_region.data()](size_t i) -> int32_t { return region[i]; });
    // Line-level keys read through plain pointers (see accumulate_by: no reload per line).
    case Dimension::product:
      return fn.template operator()<true>([product = ds.line_product.data()](size_t l) -> int32_t { return product[l]; });
    case Dimension::category:
      return fn.template operator()<true>(
          [product = ds.line_product.data(), category = ds.product_category.data()](size_t l) -> int32_t {
            const int32_t p = product[l];
            return p < 0 ? -1 : category[static_cast<size_t>(p)];
          });
  }
}

void accumulate(const Scope& s, Dimension dim, std::vector<Acc>& acc, Money& unattributed, DailyLog* log,
                const std::vector<int32_t>* index = nullptr) {
  with_key(s.ds, dim, [&]<bool ByLine>(auto key_of) { accumulate_by<ByLine, false>(s, key_of, acc, unattributed, log, index); });
}

void accumulate_sales(const Scope& s, Dimension dim, std::vector<Acc>& acc) {
  Money ignored = 0;
  with_key(s.ds, dim, [&]<bool ByLine>(auto key_of) { accumulate_by<ByLine, true>(s, key_of, acc, ignored, nullptr, nullptr); });
}

std::string key_name(const Dataset& ds, Dimension d, int32_t key) {
  if (key < 0) return {};
  const size_t k = static_cast<size_t>(key);
  switch (d) {
    case Dimension::channel: return ds.channels.names[k];
    case Dimension::source: return ds.sources.names[k];
    case Dimension::category: return ds.categories.names[k];
    case Dimension::product: return ds.sku[k];
    case Dimension::region: return ds.regions.names[k];
  }
  return {};
}

}  // namespace

const char* dimension_name(Dimension d) {
  switch (d) {
    case Dimension::channel: return "channel";
    case Dimension::source: return "source";
    case Dimension::category: return "category";
    case Dimension::product: return "product";
    case Dimension::region: return "region";
  }
  return "product";
}

bool parse_dimension(std::string_view s, Dimension& out) {
  for (Dimension d : {Dimension::channel, Dimension::source, Dimension::category, Dimension::product, Dimension::region})
    if (s == dimension_name(d)) {
      out = d;
      return true;
    }
  return false;
}

Breakdown compute_breakdown(const Dataset& ds, const BreakdownQuery& q) {
  Breakdown b;
  b.query = q;
  b.compare_range = comparison_range(q.range, q.compare);
  const Filter f{q.channel, q.source};
  const size_t slots = static_cast<size_t>(key_count(ds, q.dimension)) + 1;
  std::vector<Acc> cur(slots), cmp(slots);
  const bool cells = by_cells(ds, q.dimension);
  // Products have thousands of keys, so summing everything per line costs a cache miss on a
  // random key's record for every line. Rank by sales alone first, then sum everything only
  // for the rows shown (a pass where all other keys share one scratch record). Unfiltered, the
  // sales of the range, of the comparison range and per day come from AnalyticsIndex::product_day.
  const bool product_days = q.dimension == Dimension::product && f.channel < 0 && f.source < 0 && !analytics_index(ds).product_day_begin.empty();
  const bool rank_first = q.dimension == Dimension::product && (product_days || q.top_n > 0);
  std::optional<DailyLog> log;
  if (q.daily_series && !cells && !product_days) {
    auto [lo, hi] = ds.orders_in(q.range);
    const bool by_line = q.dimension == Dimension::product || q.dimension == Dimension::category;
    log.emplace(slots + 1, by_line ? ds.order_line_begin[hi] - ds.order_line_begin[lo] : hi - lo);  // + 1: scratch
  }
  if (cells) accumulate_cells<false>(Scope{ds, q.range, f}, q.dimension, cur);
  else if (product_days) product_sales_by_day(ds, q.range, cur);
  else if (rank_first) accumulate_sales(Scope{ds, q.range, f}, q.dimension, cur);
  else accumulate(Scope{ds, q.range, f}, q.dimension, cur, b.unattributed_refunds, log ? &*log : nullptr);
  if (q.compare != Compare::none) {
    if (cells) accumulate_cells<true>(Scope{ds, b.compare_range, f}, q.dimension, cmp);
    else if (product_days) product_sales_by_day(ds, b.compare_range, cmp);
    else accumulate_sales(Scope{ds, b.compare_range, f}, q.dimension, cmp);
  }

  std::vector<int32_t> keys;  // slot indices with activity
  for (size_t s = 0; s < slots; ++s) {
    b.total_sales += cur[s].sales;
    b.compare_total_sales += cmp[s].sales;
    if (cur[s].orders > 0) ++b.keys_with_sales;
    if (cur[s].orders > 0 || cmp[s].orders > 0) keys.push_back(static_cast<int32_t>(s));
  }
  // Sales descending (bottom: ascending); ties by key so the order is stable across runs.
  auto by_sales = [&](int32_t x, int32_t y) {
    const Money sx = cur[static_cast<size_t>(x)].sales, sy = cur[static_cast<size_t>(y)].sales;
    if (sx != sy) return q.bottom ? sx < sy : sx > sy;
    return x < y;
  };
  const size_t n = q.top_n > 0 ? std::min(keys.size(), static_cast<size_t>(q.top_n)) : keys.size();
  std::partial_sort(keys.begin(), keys.begin() + static_cast<std::ptrdiff_t>(n), keys.end(), by_sales);
  keys.resize(n);
  if (rank_first) {  // the full sums of the rows shown: row i into shown[i], the rest into shown[n]
    std::vector<int32_t> index(slots, static_cast<int32_t>(n));
    for (size_t i = 0; i < n; ++i) index[static_cast<size_t>(keys[i])] = static_cast<int32_t>(i);
    std::vector<Acc> shown(n + 1);
    accumulate(Scope{ds, q.range, f}, q.dimension, shown, b.unattributed_refunds, log ? &*log : nullptr, &index);
    for (size_t i = 0; i < n; ++i) cur[static_cast<size_t>(keys[i])] = shown[i];
  }

  std::vector<int32_t> row_of(slots, -1);
  for (int32_t s : keys) {
    const Acc& a = cur[static_cast<size_t>(s)];
    BreakdownRow r;
    r.key = s - 1;
    r.name = key_name(ds, q.dimension, r.key);
    if (q.dimension == Dimension::product && r.key >= 0) r.title = ds.product_title[static_cast<size_t>(r.key)];
    r.sales = a.sales;
    r.orders = a.orders;
    r.units = a.units;
    r.refunds = a.refunds;
    r.refunded_units = a.refunded_units;
    r.has_gross_profit = a.lines_with_cost > 0 && a.covered != 0;
    r.gross_profit = r.has_gross_profit ? a.profit : 0;
    r.covered_net_sales = a.covered;
    r.gross_profit_coverage = a.sales - a.refunds != 0 ? static_cast<double>(a.covered) / static_cast<double>(a.sales - a.refunds) : kNaN;
    r.lines_without_cost = a.lines_without_cost;
    r.share = b.total_sales ? static_cast<double>(a.sales) / static_cast<double>(b.total_sales) : kNaN;
    r.compare_sales = cmp[static_cast<size_t>(s)].sales;
    r.change = q.compare != Compare::none ? relative_change(static_cast<double>(r.sales), static_cast<double>(r.compare_sales)) : kNaN;
    if (q.daily_series) r.daily_sales.assign(static_cast<size_t>(q.range.length()), 0);
    row_of[static_cast<size_t>(s)] = static_cast<int32_t>(b.rows.size());
    b.rows.push_back(std::move(r));
  }

  if (q.daily_series && !b.rows.empty()) {
    const Scope sc{ds, q.range, f};
    if (cells) {
      daily_cells(sc, q.dimension, row_of, b.rows);
    } else if (product_days) {
      for (BreakdownRow& r : b.rows)
        for_product_days(ds, q.range, static_cast<size_t>(r.key + 1),
                         [&](Day d, Money sales) { r.daily_sales[static_cast<size_t>(d - q.range.first)] += sales; });
    } else {  // the log is by row index when ranked first, else by slot
      for (size_t i = 0; i < b.rows.size(); ++i)
        log->fill(rank_first ? i : static_cast<size_t>(b.rows[i].key + 1), q.range.first, b.rows[i].daily_sales);
    }
  }
  return b;
}

}  // namespace shopkeeper
