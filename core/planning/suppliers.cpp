#include "core/planning/suppliers.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

namespace shopkeeper::planning {

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

struct Acc {
  int64_t pos = 0, received = 0, on_time = 0, units = 0, rejected = 0;
};

bool on_time(const PurchaseOrder& po, int32_t lead_days) {
  const Day due = po.expected ? *po.expected : po.ordered + lead_days;
  return *po.received <= due;
}
}  // namespace

std::vector<SupplierScore> score_suppliers(const PlanningData& pd, const ScoreWeights& w) {
  // Mean unit cost per SKU over all PO lines (units-weighted).
  std::map<std::string, std::pair<double, double>> sku_cost;  // sum cost x qty, sum qty
  for (const PurchaseOrder& po : pd.orders) {
    auto& c = sku_cost[po.sku];
    c.first += static_cast<double>(po.unit_cost) * static_cast<double>(po.qty);
    c.second += static_cast<double>(po.qty);
  }
  std::vector<SupplierScore> out;
  for (const SupplierInfo& s : pd.suppliers) {
    SupplierScore r;
    r.id = s.id;
    r.name = s.name;
    Acc a;
    std::map<int, Acc> q;
    std::vector<double> lead;
    double pi_sum = 0, pi_w = 0;
    for (const PurchaseOrder& po : pd.orders) {
      if (po.supplier_id != s.id) continue;
      const Ymd ymd = civil_from_days(po.ordered);
      Acc& qa = q[ymd.y * 4 + (ymd.m - 1) / 3];
      a.pos++, qa.pos++;
      const auto& c = sku_cost[po.sku];
      if (c.first > 0 && c.second > 0) {
        pi_sum += static_cast<double>(po.unit_cost) / (c.first / c.second) * static_cast<double>(po.qty);
        pi_w += static_cast<double>(po.qty);
      }
      if (!po.received) continue;
      const bool ot = on_time(po, s.lead_time_days);
      for (Acc* x : {&a, &qa}) {
        x->received++;
        x->on_time += ot;
        x->units += po.qty_received;
        x->rejected += po.qty_rejected;
      }
      lead.push_back(static_cast<double>(*po.received - po.ordered));
    }
    r.pos = a.pos, r.received_pos = a.received, r.units_received = a.units, r.units_rejected = a.rejected;
    r.quality = a.units > 0 ? 1.0 - static_cast<double>(a.rejected) / static_cast<double>(a.units) : kNaN;
    r.on_time = a.received > 0 ? static_cast<double>(a.on_time) / static_cast<double>(a.received) : kNaN;
    if (!lead.empty()) {
      double m = 0;
      for (double v : lead) m += v;
      m /= static_cast<double>(lead.size());
      double ss = 0;
      for (double v : lead) ss += (v - m) * (v - m);
      r.lead_time_mean = m;
      r.lead_time_sd = lead.size() > 1 ? std::sqrt(ss / static_cast<double>(lead.size() - 1)) : 0.0;
    } else {
      r.lead_time_mean = s.lead_time_days, r.lead_time_sd = kNaN;
    }
    r.price_index = pi_w > 0 ? pi_sum / pi_w : kNaN;
    r.price_score = std::isnan(r.price_index) ? kNaN : std::clamp(2.0 - r.price_index, 0.0, 1.0);
    r.service = s.score_service / 100.0;
    double num = 0, den = 0;
    for (auto [v, wt] : {std::pair{r.quality, w.quality}, std::pair{r.on_time, w.delivery},
                         std::pair{r.price_score, w.price}, std::pair{r.service, w.service}})
      if (!std::isnan(v)) num += v * wt, den += wt;
    r.score = den > 0 ? num / den : kNaN;
    for (const auto& [key, qa] : q) {
      QuarterScore qs;
      qs.year = key / 4, qs.quarter = key % 4 + 1, qs.pos = qa.pos;
      qs.quality = qa.units > 0 ? 1.0 - static_cast<double>(qa.rejected) / static_cast<double>(qa.units) : kNaN;
      qs.on_time = qa.received > 0 ? static_cast<double>(qa.on_time) / static_cast<double>(qa.received) : kNaN;
      r.quarters.push_back(qs);
    }
    out.push_back(std::move(r));
  }
  std::sort(out.begin(), out.end(), [](const SupplierScore& x, const SupplierScore& y) {
    const double a = std::isnan(x.score) ? -1 : x.score, b = std::isnan(y.score) ? -1 : y.score;
    return a != b ? a > b : x.id < y.id;
  });
  for (size_t i = 0; i < out.size(); ++i) out[i].rank = static_cast<int>(i + 1);
  return out;
}

}  // namespace shopkeeper::planning
