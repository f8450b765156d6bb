#include "core/analytics/funnel.h"

#include <algorithm>
#include <limits>

#include "core/analytics/index.h"
#include "core/model/entities.h"

namespace shopkeeper {

namespace {
const char* kNames[kFunnelSteps] = {"visitors", "product_views", "add_to_carts", "orders", "paid_orders"};
const char* kEn[kFunnelSteps] = {"Visitors", "Product views", "Add to cart", "Orders placed", "Paid orders"};

void finish(FunnelLine& f) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  f.step_rate[0] = 1.0;
  f.overall_rate[0] = f.count[0] ? 1.0 : nan;
  double worst = 0;
  for (int i = 1; i < kFunnelSteps; ++i) {
    const size_t k = static_cast<size_t>(i);
    f.step_rate[k] = f.count[k - 1] ? static_cast<double>(f.count[k]) / static_cast<double>(f.count[k - 1]) : nan;
    f.overall_rate[k] = f.count[0] ? static_cast<double>(f.count[k]) / static_cast<double>(f.count[0]) : nan;
    if (f.count[k - 1] && (f.worst_step < 0 || f.step_rate[k] < worst)) {
      worst = f.step_rate[k];
      f.worst_step = i;
    }
  }
}
}  // namespace

const char* funnel_step_name(int step) { return kNames[step]; }
const char* funnel_step_label_en(int step) { return kEn[step]; }

Funnel compute_funnel(const Dataset& ds, const FunnelQuery& q) {
  Funnel fu;
  fu.query = q;
  const size_t ns = static_cast<size_t>(ds.sources.size());
  std::vector<FunnelLine> per(ns);
  std::vector<bool> active(ns, false);
  // `in_total` false: a traffic row that is a breakdown of its day's whole-shop row counts for
  // its source only (Dataset::traffic_part).
  auto add = [&](int16_t src, size_t step, int64_t n, bool in_total = true) {
    if (in_total) fu.overall.count[step] += n;
    if (src >= 0) {
      per[static_cast<size_t>(src)].count[step] += n;
      active[static_cast<size_t>(src)] = true;
    }
  };
  auto tlo = std::lower_bound(ds.traffic_day.begin(), ds.traffic_day.end(), q.range.first) - ds.traffic_day.begin();
  for (size_t k = static_cast<size_t>(tlo); k < ds.traffic_day.size() && ds.traffic_day[k] <= q.range.last; ++k) {
    const bool in_total = ds.traffic_counts(k, -1);
    add(ds.traffic_source[k], 0, ds.traffic_visitors[k], in_total);
    add(ds.traffic_source[k], 1, ds.traffic_product_views[k], in_total);
    add(ds.traffic_source[k], 2, ds.traffic_add_to_carts[k], in_total);
  }
  const AnalyticsIndex& ix = analytics_index(ds);
  if (ix.has_day_sums()) {  // per-day cells instead of a pass over the orders (AnalyticsIndex::day_sums)
    for (Day d = q.range.first; d <= q.range.last; ++d)
      ix.for_day_sums(d, q.channel, -1, [&](int32_t, int32_t src, const DaySums& c) {
        if (c.orders == 0) return;  // a source is listed only when it has traffic or orders
        add(static_cast<int16_t>(src), 3, c.orders);
        if (c.valid_orders) add(static_cast<int16_t>(src), 4, c.valid_orders);
      });
  } else {
    auto [lo, hi] = ds.orders_in(q.range);
    for (size_t i = lo; i < hi; ++i) {
      if (q.channel >= 0 && ds.order_channel[i] != q.channel) continue;
      add(ds.order_source[i], 3, 1);
      if (is_valid_order(static_cast<OrderStatus>(ds.order_status[i]))) add(ds.order_source[i], 4, 1);
    }
  }
  finish(fu.overall);
  for (size_t s = 0; s < ns; ++s) {
    if (!active[s]) continue;
    per[s].source = static_cast<int16_t>(s);
    per[s].name = ds.sources.names[s];
    finish(per[s]);
    fu.by_source.push_back(std::move(per[s]));
  }
  std::stable_sort(fu.by_source.begin(), fu.by_source.end(),
                   [](const FunnelLine& a, const FunnelLine& b) { return a.count[0] > b.count[0]; });
  return fu;
}

}  // namespace shopkeeper
