#include "core/analytics/metrics.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "core/analytics/index.h"
#include "core/model/entities.h"

namespace shopkeeper {

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

double ratio(double num, double den) { return den != 0 ? num / den : kNaN; }

const std::array<MetricDef, kMetricCount> kDefs = {{
    {Metric::visitors, "visitors", MetricUnit::count, true},
    {Metric::page_views, "page_views", MetricUnit::count, true},
    {Metric::pages_per_visit, "pages_per_visit", MetricUnit::ratio, true},
    {Metric::avg_visit_seconds, "avg_visit_seconds", MetricUnit::seconds, true},
    {Metric::orders, "orders", MetricUnit::count, true},
    {Metric::valid_orders, "valid_orders", MetricUnit::count, true},
    {Metric::valid_order_rate, "valid_order_rate", MetricUnit::rate, true},
    {Metric::gmv, "gmv", MetricUnit::money, true},
    {Metric::sales, "sales", MetricUnit::money, true},
    {Metric::refunds, "refunds", MetricUnit::money, false},
    {Metric::net_sales, "net_sales", MetricUnit::money, true},
    {Metric::aov, "aov", MetricUnit::money, true},
    {Metric::units, "units", MetricUnit::count, true},
    {Metric::units_per_order, "units_per_order", MetricUnit::ratio, true},
    {Metric::gross_profit, "gross_profit", MetricUnit::money, true},
    {Metric::gross_margin, "gross_margin", MetricUnit::rate, true},
    {Metric::conversion_rate, "conversion_rate", MetricUnit::rate, true},
    {Metric::customers, "customers", MetricUnit::count, true},
    {Metric::new_customers, "new_customers", MetricUnit::count, true},
    {Metric::returning_customers, "returning_customers", MetricUnit::count, true},
    {Metric::repurchase_rate, "repurchase_rate", MetricUnit::rate, true},
    {Metric::refund_rate_amount, "refund_rate_amount", MetricUnit::rate, false},
    {Metric::refund_rate_units, "refund_rate_units", MetricUnit::rate, false},
    {Metric::gross_profit_coverage, "gross_profit_coverage", MetricUnit::rate, true},
}};

bool is_valid(uint8_t status) { return is_valid_order(static_cast<OrderStatus>(status)); }

}  // namespace

const char* metric_unit_name(MetricUnit u) {
  switch (u) {
    case MetricUnit::money: return "money";
    case MetricUnit::count: return "count";
    case MetricUnit::rate: return "rate";
    case MetricUnit::seconds: return "seconds";
    case MetricUnit::ratio: return "ratio";
  }
  return "count";
}

const std::array<MetricDef, kMetricCount>& metric_definitions() { return kDefs; }

bool find_metric(std::string_view name, Metric& out) {
  for (const auto& d : kDefs)
    if (name == d.name) {
      out = d.metric;
      return true;
    }
  return false;
}

void Totals::add_sums(const Totals& o) {
  visitors += o.visitors;
  page_views += o.page_views;
  visits += o.visits;
  product_views += o.product_views;
  add_to_carts += o.add_to_carts;
  visit_seconds += o.visit_seconds;
  orders += o.orders;
  gmv += o.gmv;
  valid_orders += o.valid_orders;
  guest_valid_orders += o.guest_valid_orders;
  sales += o.sales;
  units += o.units;
  lines += o.lines;
  cost_sold += o.cost_sold;
  lines_without_cost += o.lines_without_cost;
  units_without_cost += o.units_without_cost;
  refund_count += o.refund_count;
  refunds += o.refunds;
  refunded_units += o.refunded_units;
  cost_refunded += o.cost_refunded;
  refunded_units_without_cost += o.refunded_units_without_cost;
  covered_sales += o.covered_sales;
  covered_refunds += o.covered_refunds;
  shipping_lines += o.shipping_lines;
  fee_lines += o.fee_lines;
  adjustment_lines += o.adjustment_lines;
}

double metric_value(const Totals& t, Metric m) {
  const double traffic = t.has_traffic ? 1.0 : kNaN;
  switch (m) {
    case Metric::visitors: return traffic * static_cast<double>(t.visitors);
    case Metric::page_views: return traffic * static_cast<double>(t.page_views);
    case Metric::pages_per_visit: return traffic * ratio(static_cast<double>(t.page_views), static_cast<double>(t.visits));
    case Metric::avg_visit_seconds: return traffic * ratio(t.visit_seconds, static_cast<double>(t.visits));
    case Metric::orders: return static_cast<double>(t.orders);
    case Metric::valid_orders: return static_cast<double>(t.valid_orders);
    case Metric::valid_order_rate: return ratio(static_cast<double>(t.valid_orders), static_cast<double>(t.orders));
    case Metric::gmv: return static_cast<double>(t.gmv);
    case Metric::sales: return static_cast<double>(t.sales);
    case Metric::refunds: return static_cast<double>(t.refunds);
    case Metric::net_sales: return static_cast<double>(t.net_sales());
    case Metric::aov: return t.valid_orders ? static_cast<double>(div_round(t.sales, t.valid_orders)) : kNaN;
    case Metric::units: return static_cast<double>(t.units);
    case Metric::units_per_order: return ratio(static_cast<double>(t.units), static_cast<double>(t.valid_orders));
    case Metric::gross_profit: return t.has_gross_profit() ? static_cast<double>(t.gross_profit()) : kNaN;
    case Metric::gross_margin:
      return t.has_gross_profit() ? ratio(static_cast<double>(t.gross_profit()), static_cast<double>(t.covered_net_sales())) : kNaN;
    case Metric::gross_profit_coverage:
      return ratio(static_cast<double>(t.covered_net_sales()), static_cast<double>(t.net_sales()));
    case Metric::conversion_rate: return traffic * ratio(static_cast<double>(t.valid_orders), static_cast<double>(t.visitors));
    case Metric::customers: return static_cast<double>(t.customers);
    case Metric::new_customers: return static_cast<double>(t.new_customers);
    case Metric::returning_customers: return static_cast<double>(t.customers - t.new_customers);
    case Metric::repurchase_rate: return ratio(static_cast<double>(t.repeat_customers), static_cast<double>(t.customers));
    case Metric::refund_rate_amount: return ratio(static_cast<double>(t.refunds), static_cast<double>(t.sales));
    case Metric::refund_rate_units: return ratio(static_cast<double>(t.refunded_units), static_cast<double>(t.units));
  }
  return kNaN;
}

double relative_change(double now, double before) {
  if (std::isnan(now) || std::isnan(before) || before == 0) return kNaN;
  return (now - before) / std::fabs(before);
}

namespace {

// The additive sums of a DaySums cell (AnalyticsIndex::day_sums) into a period's Totals.
void add_day_sums(Totals& t, const DaySums& c) {
  t.orders += c.orders;
  t.gmv += c.gmv;
  t.valid_orders += c.valid_orders;
  t.guest_valid_orders += c.guest_valid_orders;
  t.sales += c.sales;
  t.units += c.units;
  t.lines += c.lines;
  t.cost_sold += c.cost_sold;
  t.lines_without_cost += c.lines_without_cost;
  t.units_without_cost += c.units_without_cost;
  t.refund_count += c.refund_count;
  t.refunds += c.refunds;
  t.refunded_units += c.refunded_units;
  t.cost_refunded += c.cost_refunded;
  t.refunded_units_without_cost += c.refunded_units_without_cost;
  t.covered_sales += c.covered_sales;
  t.covered_refunds += c.covered_refunds;
  t.shipping_lines += c.shipping_lines;
  t.fee_lines += c.fee_lines;
  t.adjustment_lines += c.adjustment_lines;
}

// Bucket index of each day of `r` and the first day of each bucket.
void make_buckets(DayRange r, Grain g, std::vector<int32_t>& of_day, std::vector<Day>& starts) {
  of_day.assign(static_cast<size_t>(r.length()), 0);
  starts.clear();
  for (Day d = r.first; d <= r.last; ++d) {
    bool fresh = d == r.first;
    if (g == Grain::day) fresh = true;
    else if (g == Grain::week) fresh = fresh || weekday(d) == 0;
    else fresh = fresh || civil_from_days(d).d == 1;
    if (fresh) starts.push_back(d);
    of_day[static_cast<size_t>(d - r.first)] = static_cast<int32_t>(starts.size()) - 1;
  }
}

}  // namespace

// Long on purpose (over ~120 lines): the one pass over orders, lines, refunds and traffic that every
// metric comes from; kept in one loop (no per-line calls) because it is the hot path the
// analytics bench measures.
Aggregate aggregate(const Dataset& ds, DayRange r, const Filter& f, Grain g) {
  Aggregate a;
  a.range = r;
  a.filter = f;
  a.grain = g;
  std::vector<int32_t> bucket_of;
  make_buckets(r, g, bucket_of, a.bucket_start);
  a.buckets.assign(a.bucket_start.size(), Totals{});
  const bool has_traffic = f.channel < 0;
  a.total.has_traffic = has_traffic;
  for (auto& b : a.buckets) b.has_traffic = has_traffic;
  if (r.length() <= 0) return a;

  auto pass = [&f](int16_t channel, int16_t source) {
    return (f.channel < 0 || channel == f.channel) && (f.source < 0 || source == f.source);
  };

  // Distinct customers. Unfiltered, they follow from each order's previous valid orders of
  // the same customer (Dataset::order_prev_day, order_prev2_day), with no per-customer state.
  // With a channel or source filter only the orders passing it count, so per customer: the
  // last bucket it was seen in and how many valid orders it has there (saturating at 2), and
  // the same for the whole range. Orders are sorted by day and buckets are monotone in day, so
  // "last bucket" suffices. The three are packed per customer so one order touches one cache
  // line of state.
  const bool filtered = f.channel >= 0 || f.source >= 0;
  struct Seen {
    int32_t bucket = -1;
    uint8_t in_bucket = 0, in_total = 0;
  };
  std::vector<Seen> seen(filtered ? ds.customer_id.size() : 0);

  // The additive sums come from the per-day cells when the Dataset has them; the pass over
  // the orders then only counts distinct customers (which cannot be summed over days), reading
  // 4 columns instead of 15. Without them the pass computes the sums as well.
  const AnalyticsIndex& ix = analytics_index(ds);
  const bool from_cells = ix.has_day_sums();
  if (from_cells) {
    for (Day d = r.first; d <= r.last; ++d) {
      Totals& t = a.buckets[static_cast<size_t>(bucket_of[static_cast<size_t>(d - r.first)])];
      ix.for_day_sums(d, f.channel, f.source, [&t](int32_t, int32_t, const DaySums& c) { add_day_sums(t, c); });
    }
  }
  // Unfiltered, with the sums from cells, the distinct customers need no pass either: per day,
  // the orders starting their customer's run in a bucket (range) starting at F are those with
  // prev < F, and the repeaters those with prev2 < F <= prev (prev2 <= prev), counted by binary
  // search in the day's sorted prev / prev2 (AnalyticsIndex::customer_prev_by_day).
  const bool customers_by_day = from_cells && !filtered && !ix.customer_day_begin.empty();
  if (customers_by_day) {
    const Day first = std::max(r.first, ix.sums_first_day), last = std::min(r.last, ix.sums_first_day + ix.sums_days - 1);
    for (Day d = first; d <= last; ++d) {
      const size_t k = static_cast<size_t>(d - ix.sums_first_day);
      const auto p0 = ix.customer_prev_by_day.begin() + ix.customer_day_begin[k];
      const auto p1 = ix.customer_prev_by_day.begin() + ix.customer_day_begin[k + 1];
      const auto q0 = ix.customer_prev2_by_day.begin() + ix.customer_day_begin[k];
      const auto q1 = ix.customer_prev2_by_day.begin() + ix.customer_day_begin[k + 1];
      if (p0 == p1) continue;
      auto below = [](auto b, auto e, Day x) { return static_cast<int64_t>(std::lower_bound(b, e, x) - b); };
      const int64_t fresh = below(p0, p1, Dataset::kNoPrevOrder + 1);  // no previous valid order at all
      const size_t b = static_cast<size_t>(bucket_of[static_cast<size_t>(d - r.first)]);
      Totals& t = a.buckets[b];
      const Day bf = a.bucket_start[b];
      const int64_t starts = below(p0, p1, bf);
      t.customers += starts;
      t.new_customers += fresh;
      t.repeat_customers += below(q0, q1, bf) - starts;
      const int64_t range_starts = below(p0, p1, r.first);
      a.total.customers += range_starts;
      a.total.new_customers += fresh;
      a.total.repeat_customers += below(q0, q1, r.first) - range_starts;
    }
  }
  // Otherwise one pass over the orders of the range (empty when neither is needed).
  auto [lo, hi] = customers_by_day ? std::pair<size_t, size_t>{0, 0} : ds.orders_in(r);
  for (size_t i = lo; i < hi; ++i) {
    if (filtered && !pass(ds.order_channel[i], ds.order_source[i])) continue;
    const int32_t b = bucket_of[static_cast<size_t>(ds.order_day[i] - r.first)];
    Totals& t = a.buckets[static_cast<size_t>(b)];
    if (!from_cells) {
      ++t.orders;
      t.gmv += ds.order_items[i] - ds.order_discount[i] + ds.order_shipping[i];
    }
    if (!is_valid(ds.order_status[i])) continue;
    if (!from_cells) {
      ++t.valid_orders;
      t.sales += ds.order_paid[i];
      t.units += ds.order_units[i];
      t.cost_sold += ds.order_cost[i];
      t.covered_sales += ds.order_covered_paid[i];
      t.shipping_lines += ds.order_shipping_lines[i];
      t.fee_lines += ds.order_fee_lines[i];
      t.adjustment_lines += ds.order_adjustment_lines[i];
      t.lines += ds.order_merch_lines[i];
      t.lines_without_cost += ds.order_lines_without_cost[i];
      t.units_without_cost += ds.order_units_without_cost[i];
    }
    const int32_t c = ds.order_customer[i];
    if (c < 0) {
      if (!from_cells) ++t.guest_valid_orders;
      continue;
    }
    const Day bucket_first = a.bucket_start[static_cast<size_t>(b)];
    if (!filtered) {
      // First valid order of its customer in the bucket / range when the previous one is before
      // it; the second when the one before that is; new when there is no previous one at all.
      const Day prev = ds.order_prev_day[i], prev2 = ds.order_prev2_day[i];
      if (prev < bucket_first) {
        ++t.customers;
        if (prev == Dataset::kNoPrevOrder) ++t.new_customers;
      } else if (prev2 < bucket_first) {
        ++t.repeat_customers;
      }
      if (prev < r.first) {
        ++a.total.customers;
        if (prev == Dataset::kNoPrevOrder) ++a.total.new_customers;
      } else if (prev2 < r.first) {
        ++a.total.repeat_customers;
      }
      continue;
    }
    const size_t cu = static_cast<size_t>(c);
    const Day first = ds.customer_first_order_day[cu];
    Seen& sn = seen[cu];
    if (sn.bucket != b) {
      sn.bucket = b;
      sn.in_bucket = 1;
      ++t.customers;
      if (first >= bucket_first) ++t.new_customers;
    } else if (sn.in_bucket == 1) {
      sn.in_bucket = 2;
      ++t.repeat_customers;
    }
    if (sn.in_total == 0) {
      sn.in_total = 1;
      ++a.total.customers;
      if (first >= r.first) ++a.total.new_customers;
    } else if (sn.in_total == 1) {
      sn.in_total = 2;
      ++a.total.repeat_customers;
    }
  }

  // Refunds: on the placed day of their (valid) order, whenever they happened.
  auto [ra, rb] = from_cells ? std::pair<size_t, size_t>{0, 0} : ds.refunds_of_orders(lo, hi);
  for (size_t j = ra; j < rb; ++j) {
    const size_t k = static_cast<size_t>(ds.refund_by_order[j]);
    const size_t oi = static_cast<size_t>(ds.refund_order[k]);
    const Day d = ds.order_day[oi];
    if (!is_valid(ds.order_status[oi]) || !pass(ds.order_channel[oi], ds.order_source[oi])) continue;
    Totals& t = a.buckets[static_cast<size_t>(bucket_of[static_cast<size_t>(d - r.first)])];
    const int64_t q = ds.refund_qty[k];
    ++t.refund_count;
    t.refunds += ds.refund_amount[k];
    t.covered_refunds += ds.refund_covered_amount[k];
    t.refunded_units += q;
    const Money c = ds.refund_unit_cost[k];
    if (c >= 0) t.cost_refunded += q * c;
    else t.refunded_units_without_cost += q;
  }

  if (has_traffic) {
    auto tlo = std::lower_bound(ds.traffic_day.begin(), ds.traffic_day.end(), r.first) - ds.traffic_day.begin();
    for (size_t k = static_cast<size_t>(tlo); k < ds.traffic_day.size() && ds.traffic_day[k] <= r.last; ++k) {
      if (!ds.traffic_counts(k, f.source)) continue;  // a breakdown row adds to no total (docs/shops.md)
      Totals& t = a.buckets[static_cast<size_t>(bucket_of[static_cast<size_t>(ds.traffic_day[k] - r.first)])];
      const int64_t visits = ds.traffic_sessions[k] > 0 ? ds.traffic_sessions[k] : ds.traffic_visitors[k];
      t.visitors += ds.traffic_visitors[k];
      t.page_views += ds.traffic_page_views[k];
      t.visits += visits;
      t.product_views += ds.traffic_product_views[k];
      t.add_to_carts += ds.traffic_add_to_carts[k];
      t.visit_seconds += ds.traffic_avg_seconds[k] * static_cast<double>(visits);
    }
  }

  for (const auto& b : a.buckets) a.total.add_sums(b);
  return a;
}

}  // namespace shopkeeper
