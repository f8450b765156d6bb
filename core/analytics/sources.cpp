#include "core/analytics/sources.h"

#include <algorithm>
#include <limits>

#include "core/analytics/index.h"
#include "core/model/entities.h"

namespace shopkeeper {

namespace {
void finish(SourceRow& r) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  r.conversion_rate = r.visitors ? static_cast<double>(r.valid_orders) / static_cast<double>(r.visitors) : nan;
  r.roas = r.spend ? static_cast<double>(r.sales) / static_cast<double>(r.spend) : nan;
  r.cost_per_order = r.valid_orders ? static_cast<double>(div_round(r.spend, r.valid_orders)) : nan;
  r.cost_per_new_customer = r.new_customers ? static_cast<double>(div_round(r.spend, r.new_customers)) : nan;
}

// Names the active rows, adds them up into the total (visitors: set by the caller, breakdown
// rows left out), derives the ratios, sorts by sales.
void finish_report(const Dataset& ds, SourcesReport& rep, std::vector<SourceRow>& rows, const std::vector<bool>& active) {
  const size_t ns = static_cast<size_t>(ds.sources.size());
  rep.total.source = -2;
  for (size_t s = 0; s <= ns; ++s) {
    if (!active[s]) continue;
    SourceRow& r = rows[s];
    r.source = static_cast<int16_t>(static_cast<int32_t>(s) - 1);
    if (r.source >= 0) r.name = ds.sources.names[static_cast<size_t>(r.source)];
    rep.total.valid_orders += r.valid_orders;
    rep.total.new_customers += r.new_customers;
    rep.total.sales += r.sales;
    rep.total.refunds += r.refunds;
    rep.total.spend += r.spend;
    rep.total.impressions += r.impressions;
    rep.total.clicks += r.clicks;
    finish(r);
    rep.rows.push_back(std::move(r));
  }
  finish(rep.total);
  std::stable_sort(rep.rows.begin(), rep.rows.end(), [](const SourceRow& a, const SourceRow& b) { return a.sales > b.sales; });
}

}  // namespace

SourcesReport compute_sources(const Dataset& ds, const SourcesQuery& q) {
  SourcesReport rep;
  rep.query = q;
  const size_t ns = static_cast<size_t>(ds.sources.size());
  std::vector<SourceRow> rows(ns + 1);  // [0] = no source
  std::vector<bool> active(ns + 1, false);
  auto row = [&](int16_t s) -> SourceRow& {
    active[static_cast<size_t>(s + 1)] = true;
    return rows[static_cast<size_t>(s + 1)];
  };

  auto tlo = std::lower_bound(ds.traffic_day.begin(), ds.traffic_day.end(), q.range.first) - ds.traffic_day.begin();
  for (size_t k = static_cast<size_t>(tlo); k < ds.traffic_day.size() && ds.traffic_day[k] <= q.range.last; ++k) {
    row(ds.traffic_source[k]).visitors += ds.traffic_visitors[k];
    if (ds.traffic_counts(k, -1)) rep.total.visitors += ds.traffic_visitors[k];  // a breakdown row: its source only
  }
  auto alo = std::lower_bound(ds.ad_day.begin(), ds.ad_day.end(), q.range.first) - ds.ad_day.begin();
  for (size_t k = static_cast<size_t>(alo); k < ds.ad_day.size() && ds.ad_day[k] <= q.range.last; ++k) {
    SourceRow& r = row(ds.ad_source[k]);
    r.spend += ds.ad_spend[k];
    r.impressions += ds.ad_impressions[k];
    r.clicks += ds.ad_clicks[k];
  }

  // A customer is acquired by the source of their first valid order ever, when that order is in
  // the range (before the channel filter): the valid order with no previous valid order.
  const AnalyticsIndex& ix = analytics_index(ds);
  if (ix.has_day_sums()) {  // per-day cells instead of a pass over the orders (AnalyticsIndex::day_sums)
    for (Day d = q.range.first; d <= q.range.last; ++d)
      ix.for_day_sums(d, q.channel, -1, [&](int32_t, int32_t src, const DaySums& c) {
        if (c.valid_orders == 0) return;  // listed only with valid orders (refunds imply them)
        SourceRow& r = row(static_cast<int16_t>(src));
        r.valid_orders += c.valid_orders;
        r.sales += c.sales;
        r.new_customers += c.acquired;
        r.refunds += c.refunds;
      });
    finish_report(ds, rep, rows, active);
    return rep;
  }
  auto [lo, hi] = ds.orders_in(q.range);
  for (size_t i = lo; i < hi; ++i) {
    if (!is_valid_order(static_cast<OrderStatus>(ds.order_status[i]))) continue;
    const bool acquired = ds.order_customer[i] >= 0 && ds.order_prev_day[i] == Dataset::kNoPrevOrder;
    if (q.channel >= 0 && ds.order_channel[i] != q.channel) continue;
    SourceRow& r = row(ds.order_source[i]);
    ++r.valid_orders;
    r.sales += ds.order_paid[i];
    if (acquired) ++r.new_customers;
  }
  auto [ra, rb] = ds.refunds_of_orders(lo, hi);
  for (size_t j = ra; j < rb; ++j) {
    const size_t k = static_cast<size_t>(ds.refund_by_order[j]);
    const size_t oi = static_cast<size_t>(ds.refund_order[k]);
    if (!is_valid_order(static_cast<OrderStatus>(ds.order_status[oi])) ||
        (q.channel >= 0 && ds.order_channel[oi] != q.channel))
      continue;
    row(ds.order_source[oi]).refunds += ds.refund_amount[k];
  }
  finish_report(ds, rep, rows, active);
  return rep;
}


}  // namespace shopkeeper
