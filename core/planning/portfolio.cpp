#include "core/planning/portfolio.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "core/model/entities.h"
#include "core/planning/series.h"
#include "core/store/dataset.h"
#include "core/store/store.h"

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
    l.sold30 = sold30;
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

#include <map>

#include "core/store/db.h"

namespace shopkeeper::planning {

const char* role_name(Role r) {
  static const char* const k[] = {"traffic", "profit", "image", "long_tail", "clearance"};
  return k[static_cast<int>(r)];
}

bool parse_role(std::string_view s, Role& r) {
  for (int i = 0; i < kRoles; ++i)
    if (s == role_name(static_cast<Role>(i))) return r = static_cast<Role>(i), true;
  return false;
}

const char* role_warning_name(RoleWarning w) {
  switch (w) {
    case RoleWarning::traffic_loses_money: return "traffic_loses_money";
    case RoleWarning::no_profit_items: return "no_profit_items";
    case RoleWarning::long_tail_ties_up_stock: return "long_tail_ties_up_stock";
  }
  return "";
}

std::vector<std::string> load_seller_roles(Db& db, const Dataset& ds) {
  std::vector<std::string> out(ds.sku.size());
  std::map<std::string, std::string> m;
  auto st = db.prepare("SELECT sku, role FROM products");
  if (st)
    while (st->step()) m[st->text(0)] = st->text(1);
  for (size_t p = 0; p < ds.sku.size(); ++p) {
    auto it = m.find(ds.sku[p]);
    if (it != m.end()) out[p] = it->second;
  }
  return out;
}

Status save_role(Writer& w, const std::string& sku, std::optional<Role> role) {
  auto n = w.db().prepare("SELECT COUNT(*) FROM products WHERE sku = ?1");
  if (!n) return n.error();
  n->bind(1, sku);
  if (!n->step() || n->i64(0) == 0) return make_error(ErrorCode::not_found, "no product with SKU \"" + sku + "\"");
  auto st = w.db().prepare("UPDATE products SET role = ?1 WHERE sku = ?2");
  if (!st) return st.error();
  st->bind(1, std::string(role ? role_name(*role) : "")).bind(2, sku);
  return st->run();
}

RoleMix compute_roles(const Dataset& ds, const std::vector<std::string>& seller_role, int32_t dead_days,
                      const SkuTrafficTable* traffic) {
  RoleMix mix;
  const size_t np = ds.sku.size();
  PortfolioQuery gq;
  gq.by = AbcBy::gross_profit;
  gq.dead_days = dead_days;
  const Portfolio gp = compute_portfolio(ds, gq);
  std::vector<const PortfolioLine*> by_product(np, nullptr);
  for (const PortfolioLine& l : gp.lines) by_product[static_cast<size_t>(l.product)] = &l;
  // Sales, known-cost sales and gross profit, units, over the last 365 days.
  const DayRange span = ds.order_days();
  std::vector<Money> sales(np, 0), known(np, 0), profit(np, 0);
  std::vector<int64_t> units(np, 0);
  for (size_t o = 0; o < ds.orders(); ++o) {
    if (!is_valid_order(static_cast<OrderStatus>(ds.order_status[o])) || ds.order_day[o] <= span.last - 365) continue;
    for (uint32_t l = ds.order_line_begin[o]; l < ds.order_line_begin[o + 1]; ++l) {
      const int32_t p = ds.line_product[l];
      if (p < 0) continue;
      const Money rev = ds.line_price[l] * ds.line_qty[l] - ds.line_discount[l];
      sales[static_cast<size_t>(p)] += rev;
      units[static_cast<size_t>(p)] += ds.line_qty[l];
      if (ds.line_cost[l] >= 0) known[static_cast<size_t>(p)] += rev, profit[static_cast<size_t>(p)] += rev - ds.line_cost[l] * ds.line_qty[l];
    }
  }
  int64_t total_units = 0;
  for (int64_t u : units) total_units += u;
  std::vector<size_t> order(np);
  for (size_t i = 0; i < np; ++i) order[i] = i;
  // Rule 2's "many": units sold, or the product report's visitors when the store has it.
  std::vector<int64_t> reach = units;
  if (traffic && traffic->any())
    for (size_t i = 0; i < np; ++i) reach[i] = traffic->of(i) ? traffic->of(i)->visitors : 0;
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return reach[a] != reach[b] ? reach[a] > reach[b] : a < b; });
  std::vector<size_t> rank(np);
  for (size_t i = 0; i < np; ++i) rank[order[i]] = i;
  std::vector<Money> prices(ds.product_price);
  std::sort(prices.begin(), prices.end(), std::greater<>());
  const Money price_cut = prices.empty() ? 0 : prices[std::min(prices.size() - 1, static_cast<size_t>(std::ceil(0.05 * np)) - 1)];
  for (size_t p = 0; p < np; ++p) {
    RoleLine r;
    r.product = static_cast<int32_t>(p);
    r.margin = known[p] > 0 ? static_cast<double>(profit[p]) / static_cast<double>(known[p]) : std::numeric_limits<double>::quiet_NaN();
    const PortfolioLine* pl = by_product[p];
    const bool sold = units[p] > 0;
    const bool has_m = !std::isnan(r.margin);
    const double sold30 = pl ? pl->sold30 : 0;
    const double cover = sold30 > 0 ? static_cast<double>(ds.product_stock[p]) / (sold30 / 30.0) : 1e18;
    if (pl && (pl->dead || (pl->stage == Lifecycle::decline && cover > 120))) r.suggested = Role::clearance;
    else if (sold && reach[p] > 0 && static_cast<double>(rank[p]) < 0.10 * static_cast<double>(np) && has_m && r.margin < 0.20)
      r.suggested = Role::traffic;
    else if (sold && ds.product_price[p] >= price_cut && total_units > 0 &&
             static_cast<double>(units[p]) < 0.01 * static_cast<double>(total_units) && has_m && r.margin >= 0.30)
      r.suggested = Role::image;
    else if (has_m && r.margin >= 0.30 && pl && (pl->abc == 'A' || pl->abc == 'B'))
      r.suggested = Role::profit;
    else r.suggested = Role::long_tail;
    r.role = r.suggested;
    Role seller;
    if (p < seller_role.size() && parse_role(seller_role[p], seller)) r.role = seller, r.overridden = true;
    const int k = static_cast<int>(r.role);
    mix.sales[static_cast<size_t>(k)] += sales[p];
    mix.gross_profit[static_cast<size_t>(k)] += profit[p];
    mix.products[static_cast<size_t>(k)]++;
    if (ds.product_cost[p] >= 0) mix.stock_value[static_cast<size_t>(k)] += ds.product_cost[p] * ds.product_stock[p];
    if (r.role == Role::traffic && has_m && r.margin < 0) mix.losing_traffic.push_back(static_cast<int32_t>(p));
    mix.lines.push_back(r);
  }
  // Traffic: the valid orders of the last 365 days that include a product of each role.
  for (size_t o = 0; o < ds.orders(); ++o) {
    if (!is_valid_order(static_cast<OrderStatus>(ds.order_status[o])) || ds.order_day[o] <= span.last - 365) continue;
    std::array<bool, kRoles> in{};
    for (uint32_t l = ds.order_line_begin[o]; l < ds.order_line_begin[o + 1]; ++l)
      if (const int32_t p = ds.line_product[l]; p >= 0) in[static_cast<size_t>(mix.lines[static_cast<size_t>(p)].role)] = true;
    mix.orders_total += 1;
    for (int k = 0; k < kRoles; ++k) mix.orders[static_cast<size_t>(k)] += in[static_cast<size_t>(k)];
  }
  if (!mix.losing_traffic.empty()) mix.warnings.push_back(RoleWarning::traffic_loses_money);
  if (mix.products[static_cast<size_t>(Role::profit)] == 0) mix.warnings.push_back(RoleWarning::no_profit_items);
  Money stock_total = 0;
  for (Money v : mix.stock_value) stock_total += v;
  if (stock_total > 0 && 2 * mix.stock_value[static_cast<size_t>(Role::long_tail)] > stock_total)
    mix.warnings.push_back(RoleWarning::long_tail_ties_up_stock);
  return mix;
}

}  // namespace shopkeeper::planning
