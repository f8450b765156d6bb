#include "core/pricing/whatif.h"

#include <algorithm>
#include <cmath>

#include "core/model/entities.h"

namespace shopkeeper::pricing {

const char* whatif_why_name(WhatIfWhy w) {
  switch (w) {
    case WhatIfWhy::ok: return "ok";
    case WhatIfWhy::no_sales: return "no_sales";
    case WhatIfWhy::no_elasticity: return "no_elasticity";
    case WhatIfWhy::no_cost: return "no_cost";
    case WhatIfWhy::bad_price: return "bad_price";
    case WhatIfWhy::empty_bounds: return "empty_bounds";
  }
  return "";
}

WhatIf what_if(const Dataset& ds, const Elasticity& el, const Economics& econ, const WhatIfQuery& q) {
  WhatIf w;
  if (q.product < 0 || static_cast<size_t>(q.product) >= ds.sku.size()) {
    w.why = WhatIfWhy::no_sales;
    return w;
  }
  w.sku = ds.sku[static_cast<size_t>(q.product)];
  if (ds.product_cost[static_cast<size_t>(q.product)] >= 0) w.unit_cost = ds.product_cost[static_cast<size_t>(q.product)];
  if (q.price <= 0) {
    w.why = WhatIfWhy::bad_price;
    return w;
  }
  // Baseline: the last whole weeks of the history.
  DayRange od = ds.order_days();
  if (od.last < od.first) {
    w.why = WhatIfWhy::no_sales;
    return w;
  }
  const Day last_sunday = od.last - (weekday(od.last) + 1) % 7;
  DayRange base{last_sunday - static_cast<Day>(7 * q.baseline_weeks) + 1, last_sunday};
  int64_t units = 0;
  Money revenue = 0;
  auto [lo, hi] = ds.orders_in(base);
  for (size_t o = lo; o < hi; ++o) {
    if (!is_valid_order(static_cast<OrderStatus>(ds.order_status[o]))) continue;
    for (uint32_t l = ds.order_line_begin[o]; l < ds.order_line_begin[o + 1]; ++l) {
      if (ds.line_product[l] != q.product) continue;
      const Money net = static_cast<Money>(ds.line_qty[l]) * ds.line_price[l] - ds.line_discount[l];
      if (ds.line_qty[l] <= 0 || net <= 0) continue;
      units += ds.line_qty[l];
      revenue += net;
    }
  }
  if (units <= 0) {
    w.why = WhatIfWhy::no_sales;
    return w;
  }
  w.baseline_units = static_cast<double>(units) / static_cast<double>(q.baseline_weeks);
  w.baseline_price = div_round(revenue, units);
  const ElasticityRow* er = nullptr;
  for (const auto& r : el.rows)
    if (r.product == q.product) er = &r;
  if (!er || !er->elasticity) {
    w.why = WhatIfWhy::no_elasticity;
    return w;
  }
  w.elasticity = *er->elasticity;
  w.ci_low = *er->ci_low;
  w.ci_high = *er->ci_high;
  w.source = er->source;
  w.usable = er->usable;
  // Cost model over channels, weighted by units.
  double fu = 0, vu = 0, u = 0;
  for (const auto& r : econ.rows)
    if (r.product == q.product && r.unit_cost) {
      fu += r.fixed_per_unit * static_cast<double>(r.units);
      vu += r.price_rate * static_cast<double>(r.units);
      u += static_cast<double>(r.units);
    }
  if (u > 0) {
    w.fixed_per_unit = fu / u;
    w.price_rate = vu / u;
  }
  const double p0 = static_cast<double>(w.baseline_price);
  auto point = [&](Money P) {
    WhatIfPoint pt;
    pt.price = P;
    const double ratio = static_cast<double>(P) / p0;
    const double ua = w.baseline_units * std::pow(ratio, w.ci_low), ub = w.baseline_units * std::pow(ratio, w.ci_high);
    pt.units = {std::min(ua, ub), w.baseline_units * std::pow(ratio, w.elasticity), std::max(ua, ub)};
    const double price = static_cast<double>(P);
    auto scale = [&](double per_unit) {
      Band b{pt.units.low * per_unit, pt.units.mid * per_unit, pt.units.high * per_unit};
      if (b.low > b.high) std::swap(b.low, b.high);
      return b;
    };
    pt.sales = scale(price);
    if (w.unit_cost) pt.gross_profit = scale(price - static_cast<double>(*w.unit_cost));
    if (u > 0) pt.contribution = scale(price * (1 - w.price_rate) - w.fixed_per_unit);
    return pt;
  };
  w.at_price = point(q.price);
  w.at_baseline = point(w.baseline_price);
  w.below_floor = q.floor && q.price < *q.floor;
  if (!w.unit_cost || u <= 0) {
    w.why = WhatIfWhy::no_cost;
    return w;
  }
  double lo_b = p0 * (1 - static_cast<double>(q.max_change_bp) / 10000.0);
  double hi_b = p0 * (1 + static_cast<double>(q.max_change_bp) / 10000.0);
  if (q.floor) lo_b = std::max(lo_b, static_cast<double>(*q.floor));
  if (q.competitor_cheapest)
    hi_b = std::min(hi_b, static_cast<double>(*q.competitor_cheapest) * (1 + static_cast<double>(q.competitor_gap_bp) / 10000.0));
  w.bound_low = static_cast<Money>(std::ceil(lo_b));
  w.bound_high = static_cast<Money>(std::floor(hi_b));
  if (w.bound_low > w.bound_high || w.bound_high <= 0) {
    w.why = WhatIfWhy::empty_bounds;
    return w;
  }
  constexpr int kSteps = 400;
  for (int i = 0; i <= kSteps; ++i) {
    Money P = w.bound_low + static_cast<Money>(std::llround(static_cast<double>(w.bound_high - w.bound_low) * i / kSteps));
    if (P <= 0) continue;
    WhatIfPoint pt = point(P);
    if (!w.best || pt.contribution.mid > w.best->contribution.mid) w.best = pt;
  }
  return w;
}

}  // namespace shopkeeper::pricing
