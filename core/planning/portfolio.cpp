#include "core/planning/portfolio.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "core/model/entities.h"
#include "core/planning/series.h"
#include "core/store/dataset.h"

namespace shopkeeper::planning {

const char* lifecycle_name(Lifecycle l) {
  switch (l) {
    case Lifecycle::none: return "none";
    case Lifecycle::introduction: return "introduction";
    case Lifecycle::growth: return "growth";
    case Lifecycle::maturity: return "maturity";
    case Lifecycle::decline: return "decline";
  }
  return "none";
}

Portfolio compute_portfolio(const Dataset& ds, const PortfolioQuery& q) {
  Portfolio pf;
  pf.query = q;
  const DailyUnits u = daily_units(ds);
  const Day last = u.first + u.days - 1;
  std::vector<Money> value(ds.sku.size(), 0);
  for (size_t o = 0; o < ds.orders(); ++o) {
    if (!is_valid_order(static_cast<OrderStatus>(ds.order_status[o])) || ds.order_day[o] <= last - 365) continue;
    for (uint32_t l = ds.order_line_begin[o]; l < ds.order_line_begin[o + 1]; ++l) {
      const int32_t p = ds.line_product[l];
      if (p < 0) continue;
      const Money rev = ds.line_price[l] * ds.line_qty[l] - ds.line_discount[l];
      if (q.by == AbcBy::sales) value[static_cast<size_t>(p)] += rev;
      else value[static_cast<size_t>(p)] += ds.line_cost[l] >= 0 ? rev - ds.line_cost[l] * ds.line_qty[l] : rev;
    }
  }
  Money total = 0;
  for (Money v : value) total += std::max<Money>(0, v);
  for (size_t p = 0; p < ds.sku.size(); ++p) {
    PortfolioLine l;
    l.product = static_cast<int32_t>(p);
    l.sku = ds.sku[p];
    l.value = value[p];
    l.stock = ds.product_stock[p];
    const auto& v = u.units[p];
    const int weeks = std::min(52, u.days / 7);
    if (!v.empty() && weeks > 0) {
      double s = 0, s2 = 0;
      for (int w = 0; w < weeks; ++w) {
        double x = 0;
        for (int d = u.days - (w + 1) * 7; d < u.days - w * 7; ++d) x += v[static_cast<size_t>(d)];
        s += x, s2 += x * x;
      }
      const double mean = s / weeks;
      l.cv = mean > 0 ? std::sqrt(std::max(0.0, s2 / weeks - mean * mean)) / mean : std::numeric_limits<double>::quiet_NaN();
    } else {
      l.cv = std::numeric_limits<double>::quiet_NaN();
    }
    l.xyz = std::isnan(l.cv) ? 'Z' : l.cv <= 0.5 ? 'X' : l.cv <= 1.0 ? 'Y' : 'Z';
    double sold30 = 0;
    int last_sale = -1, first_sale = -1;
    if (!v.empty()) {
      for (int d = std::max(0, u.days - 30); d < u.days; ++d) sold30 += v[static_cast<size_t>(d)];
      for (int d = 0; d < u.days; ++d)
        if (v[static_cast<size_t>(d)] > 0) {
          if (first_sale < 0) first_sale = d;
          last_sale = d;
        }
    }
    l.sell_through = sold30 + static_cast<double>(l.stock) > 0 ? sold30 / (sold30 + static_cast<double>(l.stock)) : 0.0;
    if (first_sale >= 0) {
      const int age_weeks = (u.days - first_sale) / 7;
      if (age_weeks < 13) {
        l.stage = Lifecycle::introduction;
      } else {
        double recent = 0, before = 0;
        for (int d = u.days - 91; d < u.days; ++d) recent += v[static_cast<size_t>(d)];
        for (int d = std::max(0, u.days - 182); d < u.days - 91; ++d) before += v[static_cast<size_t>(d)];
        const double r = before > 0 ? recent / before : (recent > 0 ? 2.0 : 1.0);
        l.stage = r > 1.2 ? Lifecycle::growth : r < 0.8 ? Lifecycle::decline : Lifecycle::maturity;
      }
    }
    l.dead = l.stock > 0 && (last_sale < 0 || last_sale < u.days - q.dead_days);
    if (l.dead) {
      l.dead_value = ds.product_cost[p] >= 0 ? ds.product_cost[p] * l.stock : 0;
      pf.dead_count++;
      pf.dead_value += l.dead_value;
    }
    pf.lines.push_back(std::move(l));
  }
  std::sort(pf.lines.begin(), pf.lines.end(), [](const PortfolioLine& a, const PortfolioLine& b) {
    return a.value != b.value ? a.value > b.value : a.sku < b.sku;
  });
  double cum = 0;
  for (PortfolioLine& l : pf.lines) {
    const double before = cum;
    l.share = total > 0 ? static_cast<double>(std::max<Money>(0, l.value)) / static_cast<double>(total) : 0.0;
    cum += l.share;
    l.cumulative = cum;
    l.abc = l.value <= 0 ? 'C' : before < q.a - 1e-12 ? 'A' : before < q.a + q.b - 1e-12 ? 'B' : 'C';
    pf.matrix[static_cast<size_t>(l.abc - 'A')][static_cast<size_t>(l.xyz == 'X' ? 0 : l.xyz == 'Y' ? 1 : 2)]++;
  }
  return pf;
}

}  // namespace shopkeeper::planning
