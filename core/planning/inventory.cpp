#include "core/planning/inventory.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

#include "core/planning/series.h"
#include "core/store/dataset.h"

namespace shopkeeper::planning {

double normal_quantile(double p) {
  if (!(p > 0 && p < 1)) return std::numeric_limits<double>::quiet_NaN();
  // Acklam's rational approximation (relative error 1.15e-9), refined by one Newton step on erfc.
  static const double a[] = {-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
                             1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00};
  static const double b[] = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
                             6.680131188771972e+01, -1.328068155288572e+01};
  static const double c[] = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
                             -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00};
  static const double d[] = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00};
  double x;
  if (p < 0.02425) {
    const double q = std::sqrt(-2 * std::log(p));
    x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  } else if (p > 1 - 0.02425) {
    const double q = std::sqrt(-2 * std::log(1 - p));
    x = -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  } else {
    const double q = p - 0.5, r = q * q;
    x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q /
        (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
  }
  const double e = 0.5 * std::erfc(-x / std::sqrt(2.0)) - p;
  const double u = e * std::sqrt(2 * 3.14159265358979323846) * std::exp(x * x / 2);
  return x - u / (1 + x * u / 2);
}

namespace {

// Per supplier: lead time mean and sample sd of received POs (>= 3), else lead_time_days and 0.
std::map<int64_t, std::pair<double, double>> supplier_lead_times(const PlanningData& pd) {
  std::map<int64_t, std::pair<double, double>> lead;
  std::map<int64_t, std::vector<double>> obs;
  for (const PurchaseOrder& po : pd.orders)
    if (po.received) obs[po.supplier_id].push_back(*po.received - po.ordered);
  for (const SupplierInfo& s : pd.suppliers) {
    std::pair<double, double> lt{static_cast<double>(s.lead_time_days), 0};
    auto it = obs.find(s.id);
    if (it != obs.end() && it->second.size() >= 3) {
      double m = 0;
      for (double v : it->second) m += v;
      m /= static_cast<double>(it->second.size());
      double ss = 0;
      for (double v : it->second) ss += (v - m) * (v - m);
      lt = {m, std::sqrt(ss / static_cast<double>(it->second.size() - 1))};
    }
    lead[s.id] = lt;
  }
  return lead;
}

}  // namespace

DemandForecaster::DemandForecaster(const Dataset& ds, const PlanningData& pd, int32_t horizon_days) {
  const DailyUnits u = daily_units(ds);
  plan_.today = u.first + u.days;
  plan_.horizon_days = std::max(1, horizon_days);
  const auto lead = supplier_lead_times(pd);
  const int weeks = std::min(104, u.days / 7);
  plan_.products.resize(ds.sku.size());
  weekly_.resize(ds.sku.size());
  for (size_t p = 0; p < ds.sku.size(); ++p) {
    DemandForecast& f = plan_.products[p];
    const auto& v = u.units[p];
    f.active = !(v.empty() && ds.product_stock[p] == 0);
    if (!f.active) continue;
    const int64_t sup = p < pd.product_supplier.size() ? pd.product_supplier[p] : 0;
    double L = 0;
    if (auto lt = lead.find(sup); lt != lead.end()) L = lt->second.first;
    f.steps = std::max(1, static_cast<int>(std::ceil((L + plan_.horizon_days) / 7.0)));
    if (!v.empty())
      for (int d = std::max(0, u.days - 365); d < u.days; ++d) f.sold365 += v[static_cast<size_t>(d)];
    // Weekly series: blocks of 7 days ending on the last order day.
    std::vector<double>& y = weekly_[p];
    y.assign(static_cast<size_t>(weeks), 0.0);
    if (!v.empty())
      for (int w = 0; w < weeks; ++w) {
        const int end = u.days - (weeks - 1 - w) * 7;  // exclusive
        double s = 0;
        for (int d = end - 7; d < end; ++d) s += v[static_cast<size_t>(d)];
        y[static_cast<size_t>(w)] = s;
      }
  }
}

int32_t DemandForecaster::step(int32_t n) {
  const auto total = static_cast<int32_t>(plan_.products.size());
  for (int32_t k = 0; k < n && next_ < total; ++k, ++next_) {
    DemandForecast& f = plan_.products[static_cast<size_t>(next_)];
    std::vector<double>& y = weekly_[static_cast<size_t>(next_)];
    if (!f.active) continue;
    const int H = f.steps;
    f.weekly.assign(static_cast<size_t>(H), 0.0);
    if (y.size() >= 2) {
      const Choice c = choose(y, 52, H);
      Forecast fc = c.forecast;
      if (!fc.ok()) fc = forecast(y, 1, H, Method::naive);
      f.method = fc.method;
      if (fc.ok()) {
        f.weekly = fc.mean;
        const double z95 = 1.959963984540054;
        f.sd_week = fc.lo95[0] > 0 ? (fc.hi95[0] - fc.lo95[0]) / (2 * z95) : (fc.hi95[0] - fc.mean[0]) / z95;
      }
    }
    std::vector<double>().swap(y);
  }
  return next_;
}

DemandPlan DemandForecaster::take() {
  weekly_.clear();
  return std::move(plan_);
}

ReorderTable reorder_from_forecasts(const Dataset& ds, const PlanningData& pd, const DemandPlan& plan, const ReorderQuery& q) {
  ReorderTable t;
  t.query = q;
  t.z = normal_quantile(q.service_level);
  t.today = plan.today;
  const int R = std::max(1, q.horizon_days);
  const auto lead = supplier_lead_times(pd);
  std::map<std::string, const SupplyTerms*> terms;
  for (const SupplyTerms& s : pd.terms) terms[s.sku] = &s;
  std::map<std::string, std::vector<const PurchaseOrder*>> open;
  for (const PurchaseOrder& po : pd.orders)
    if (!po.received && po.qty > po.qty_received) open[po.sku].push_back(&po);

  for (size_t p = 0; p < ds.sku.size() && p < plan.products.size(); ++p) {
    const DemandForecast& f = plan.products[p];
    if (!f.active) continue;
    ReorderLine l;
    l.product = static_cast<int32_t>(p);
    l.sku = ds.sku[p];
    l.supplier_id = p < pd.product_supplier.size() ? pd.product_supplier[p] : 0;
    l.on_hand = ds.product_stock[p];
    auto ot = open.find(l.sku);
    if (ot != open.end())
      for (const PurchaseOrder* po : ot->second) l.on_order += po->qty - po->qty_received;
    auto lt = lead.find(l.supplier_id);
    if (lt != lead.end()) l.lead_time = lt->second.first, l.lead_time_sd = lt->second.second;
    l.lead_time_known = l.lead_time > 0;
    l.method = f.method;
    const int H = f.steps;
    double total = 0;
    for (double w : f.weekly) total += w;
    l.daily_demand = H > 0 && !f.weekly.empty() ? total / (7.0 * H) : 0;
    l.sigma_daily = f.sd_week / std::sqrt(7.0);
    const double L = l.lead_time;
    l.lead_time_demand = l.daily_demand * L;
    l.safety_stock = t.z * std::sqrt(L * l.sigma_daily * l.sigma_daily +
                                     l.daily_demand * l.daily_demand * l.lead_time_sd * l.lead_time_sd);
    l.reorder_point = l.lead_time_demand + l.safety_stock;
    l.order_up_to = l.daily_demand * (L + R) + l.safety_stock;
    const double position = static_cast<double>(l.on_hand + l.on_order);
    if (position <= l.reorder_point && l.order_up_to > position) {
      int64_t qty = static_cast<int64_t>(std::ceil(l.order_up_to - position - 1e-9));
      auto tt = terms.find(l.sku);
      if (tt != terms.end()) {
        qty = std::max(qty, tt->second->moq);
        const int64_t pack = std::max<int64_t>(1, tt->second->case_pack);
        qty = (qty + pack - 1) / pack * pack;
      }
      l.suggested = qty;
    }
    l.days_of_cover = l.daily_demand > 0 ? static_cast<double>(l.on_hand) / l.daily_demand
                                         : std::numeric_limits<double>::infinity();
    // Day by day over the horizon: demand against stock plus open POs expected by then.
    double avail = static_cast<double>(l.on_hand);
    for (int d = 0; d < R; ++d) {
      const Day day = t.today + d;
      if (ot != open.end())
        for (const PurchaseOrder* po : ot->second) {
          const Day arrive = std::max(t.today, po->expected.value_or(static_cast<Day>(po->ordered + L)));
          if (arrive == day) avail += static_cast<double>(po->qty - po->qty_received);
        }
      const size_t step = static_cast<size_t>(std::min(H - 1, d / 7));
      const double dem = step < f.weekly.size() ? f.weekly[step] / 7.0 : 0.0;
      if (dem > avail + 1e-12) {
        if (!l.stockout) l.stockout = day;
        l.lost_units += dem - avail;
        avail = 0;
      } else {
        avail -= dem;
      }
    }
    l.lost_revenue = static_cast<Money>(std::llround(l.lost_units * static_cast<double>(ds.product_price[p])));
    const Money cost = ds.product_cost[p];
    l.stock_value = cost >= 0 ? cost * l.on_hand : -1;
    l.turnover = l.stock_value > 0 ? f.sold365 * static_cast<double>(cost) / static_cast<double>(l.stock_value)
                                   : std::numeric_limits<double>::quiet_NaN();
    t.lines.push_back(std::move(l));
  }
  std::sort(t.lines.begin(), t.lines.end(), [](const ReorderLine& a, const ReorderLine& b) { return a.sku < b.sku; });
  return t;
}

ReorderTable compute_reorder(const Dataset& ds, const PlanningData& pd, const ReorderQuery& q) {
  DemandForecaster f(ds, pd, q.horizon_days);
  f.step(f.size());
  return reorder_from_forecasts(ds, pd, f.take(), q);
}

}  // namespace shopkeeper::planning
