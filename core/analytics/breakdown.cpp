#include "core/analytics/breakdown.h"

#include <algorithm>
#include <limits>
#include <numeric>

#include "core/model/entities.h"

namespace shopkeeper {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

struct Acc {
  Money sales = 0, refunds = 0, cost = 0, cost_refunded = 0;
  int64_t orders = 0, units = 0, refunded_units = 0, lines_without_cost = 0;
  int64_t last_order = -1;  // line-level: counts each order once per key
};

bool line_level(Dimension d) { return d == Dimension::category || d == Dimension::product; }

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

int32_t order_key(const Dataset& ds, Dimension d, size_t i) {
  switch (d) {
    case Dimension::channel: return ds.order_channel[i];
    case Dimension::source: return ds.order_source[i];
    case Dimension::region: {
      const int32_t c = ds.order_customer[i];
      return c < 0 ? -1 : ds.customer_region[static_cast<size_t>(c)];
    }
    default: return -1;
  }
}

int32_t line_key(const Dataset& ds, Dimension d, size_t l) {
  const int32_t p = ds.line_product[l];
  if (d == Dimension::product || p < 0) return p;
  return ds.product_category[static_cast<size_t>(p)];
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

// acc[key + 1]; slot 0 is key -1.
void accumulate(const Scope& s, Dimension dim, std::vector<Acc>& acc, Money& unattributed) {
  const Dataset& ds = s.ds;
  auto [lo, hi] = ds.orders_in(s.r);
  const bool by_line = line_level(dim);
  for (size_t i = lo; i < hi; ++i) {
    if (!s.pass(i)) continue;
    if (!by_line) {
      Acc& a = acc[static_cast<size_t>(order_key(ds, dim, i) + 1)];
      a.sales += ds.order_paid[i];
      ++a.orders;
      for (uint32_t l = ds.order_line_begin[i]; l < ds.order_line_begin[i + 1]; ++l) {
        a.units += ds.line_qty[l];
        if (ds.line_cost[l] >= 0) a.cost += ds.line_qty[l] * ds.line_cost[l];
        else ++a.lines_without_cost;
      }
      continue;
    }
    for (uint32_t l = ds.order_line_begin[i]; l < ds.order_line_begin[i + 1]; ++l) {
      Acc& a = acc[static_cast<size_t>(line_key(ds, dim, l) + 1)];
      const int64_t q = ds.line_qty[l];
      a.sales += q * ds.line_price[l] - ds.line_discount[l];
      a.units += q;
      if (ds.line_cost[l] >= 0) a.cost += q * ds.line_cost[l];
      else ++a.lines_without_cost;
      if (a.last_order != static_cast<int64_t>(i)) {
        a.last_order = static_cast<int64_t>(i);
        ++a.orders;
      }
    }
  }
  for (size_t k = 0; k < ds.refund_order.size(); ++k) {
    const int32_t o = ds.refund_order[k];
    if (o < 0 || !s.r.contains(ds.order_day[static_cast<size_t>(o)]) || !s.pass(static_cast<size_t>(o))) continue;
    const int32_t line = ds.refund_line[k];
    int32_t key;
    if (by_line) {
      if (line < 0) {
        unattributed += ds.refund_amount[k];
        continue;
      }
      key = line_key(ds, dim, static_cast<size_t>(line));
    } else {
      key = order_key(ds, dim, static_cast<size_t>(o));
    }
    Acc& a = acc[static_cast<size_t>(key + 1)];
    a.refunds += ds.refund_amount[k];
    a.refunded_units += ds.refund_qty[k];
    if (line >= 0 && ds.line_cost[static_cast<size_t>(line)] >= 0)
      a.cost_refunded += ds.refund_qty[k] * ds.line_cost[static_cast<size_t>(line)];
  }
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
  accumulate(Scope{ds, q.range, f}, q.dimension, cur, b.unattributed_refunds);
  if (q.compare != Compare::none) {
    Money ignored = 0;
    accumulate(Scope{ds, b.compare_range, f}, q.dimension, cmp, ignored);
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
    r.gross_profit = a.sales - a.refunds - (a.cost - a.cost_refunded);
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
    auto [lo, hi] = ds.orders_in(q.range);
    const bool by_line = line_level(q.dimension);
    for (size_t i = lo; i < hi; ++i) {
      if (!sc.pass(i)) continue;
      const size_t day = static_cast<size_t>(ds.order_day[i] - q.range.first);
      if (!by_line) {
        const int32_t row = row_of[static_cast<size_t>(order_key(ds, q.dimension, i) + 1)];
        if (row >= 0) b.rows[static_cast<size_t>(row)].daily_sales[day] += ds.order_paid[i];
        continue;
      }
      for (uint32_t l = ds.order_line_begin[i]; l < ds.order_line_begin[i + 1]; ++l) {
        const int32_t row = row_of[static_cast<size_t>(line_key(ds, q.dimension, l) + 1)];
        if (row >= 0) b.rows[static_cast<size_t>(row)].daily_sales[day] += ds.line_qty[l] * ds.line_price[l] - ds.line_discount[l];
      }
    }
  }
  return b;
}

}  // namespace shopkeeper
