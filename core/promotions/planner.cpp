#include "core/promotions/planner.h"

#include <array>
#include <cmath>
#include <algorithm>
#include <climits>
#include <map>

namespace shopkeeper::promo {

namespace {

int64_t ratio_bp(Money num, Money den) { return den == 0 ? 0 : div_round(num * 10000, den); }

}  // namespace

namespace {

// Per-weekday mean of the `weeks` weeks before `before`, applied to every day of `range`.
Result<std::vector<DailySales>> weekday_baseline(const std::vector<DailySales>& history, Day before, int weeks,
                                                 DayRange range) {
  if (weeks < 1) return make_error(ErrorCode::invalid_argument, "lookback must be at least one week");
  const Day first = before - 7 * weeks;
  Day earliest = INT32_MAX;
  for (const auto& d : history) earliest = std::min(earliest, d.day);
  if (history.empty() || earliest > first)
    return make_error(ErrorCode::invalid_argument,
                      "history must start by " + format_day(first) + " (" + std::to_string(weeks) +
                          " weeks before the campaign)");
  // Sums per weekday over the lookback; a day absent from the series had no sales.
  std::array<DailySales, 7> sum{};
  for (const auto& d : history) {
    if (d.day < first || d.day >= before) continue;
    DailySales& s = sum[weekday(d.day)];
    s.orders += d.orders;
    s.sales += d.sales;
    s.cost += d.cost;
    s.discount += d.discount;
    s.new_customers += d.new_customers;
  }
  std::vector<DailySales> out;
  for (Day d = range.first; d <= range.last; ++d) {
    const DailySales& s = sum[weekday(d)];
    DailySales b;
    b.day = d;
    b.orders = div_round(s.orders, weeks);
    b.sales = div_round(s.sales, weeks);
    b.cost = div_round(s.cost, weeks);
    b.discount = div_round(s.discount, weeks);
    b.new_customers = div_round(s.new_customers, weeks);
    out.push_back(b);
  }
  return out;
}

}  // namespace

Result<std::vector<DailySales>> baseline(const std::vector<DailySales>& history, DayRange window, int lookback_weeks) {
  if (window.length() == 0) return make_error(ErrorCode::invalid_argument, "campaign window is empty");
  return weekday_baseline(history, window.first, lookback_weeks, window);
}

Result<Simulation> simulate(const std::vector<DailySales>& history, const Campaign& c, int lookback_weeks) {
  auto base = baseline(history, c.window, lookback_weeks);
  if (!base) return base.error();
  if (c.discount_bp < 0 || c.discount_bp > 10000)
    return make_error(ErrorCode::invalid_argument, "discount must be between 0 and 100 %");
  Simulation s;
  const int64_t scale = 10000 + c.uplift_bp;
  Money base_cost = 0;
  std::optional<Money> left = c.discount_budget;
  for (const DailySales& b : *base) {
    DayProjection p;
    p.day = b.day;
    p.baseline_orders = b.orders;
    p.baseline_sales = b.sales;
    p.orders = div_round(b.orders * scale, 10000);
    Money gross = apply_bp(b.sales, scale);
    p.discount = apply_bp(gross, c.discount_bp);
    if (left) p.discount = std::min(p.discount, std::max<Money>(*left, 0)), *left -= p.discount;
    p.sales = gross - p.discount;
    p.cost = apply_bp(b.cost, scale);
    p.profit = p.sales - p.cost;
    s.baseline_orders += b.orders;
    s.baseline_sales += b.sales;
    s.baseline_profit += b.sales - b.cost;
    base_cost += b.cost;
    s.orders += p.orders;
    s.sales += p.sales;
    s.discount_cost += p.discount;
    s.cost += p.cost;
    s.profit += p.profit;
    s.days.push_back(p);
  }
  s.profit -= c.budget;
  s.incremental_profit = s.profit - s.baseline_profit;
  s.meets_target = c.target_sales > 0 && s.sales >= c.target_sales;
  // Break-even: (1+u) * (S*(1-d) - C) = S - C + B.
  const double S = static_cast<double>(s.baseline_sales), C = static_cast<double>(base_cost);
  const double margin = S * (1.0 - c.discount_bp / 10000.0) - C;
  if (margin > 0) {
    double u = (S - C + static_cast<double>(c.budget)) / margin - 1.0;
    s.break_even_uplift_bp = static_cast<int64_t>(std::ceil(u * 10000.0 - 1e-9));
  }
  return s;
}

Result<Evaluation> evaluate_campaign(const std::vector<DailySales>& series, const Campaign& c, int lookback_weeks,
                                     int after_days) {
  auto base = baseline(series, c.window, lookback_weeks);
  if (!base) return base.error();
  Evaluation e;
  std::map<Day, const DailySales*> by_day;
  for (const auto& d : series) by_day[d.day] = &d;
  for (const DailySales& b : *base) {
    e.baseline_sales += b.sales;
    e.baseline_profit += b.sales - b.cost;
    e.baseline_orders += b.orders;
    e.baseline_new_customers += b.new_customers;
    auto it = by_day.find(b.day);
    if (it == by_day.end()) continue;
    e.sales += it->second->sales;
    e.profit += it->second->sales - it->second->cost;
    e.orders += it->second->orders;
    e.discount_cost += it->second->discount;
    e.new_customers += it->second->new_customers;
  }
  e.sales_lift_bp = ratio_bp(e.sales - e.baseline_sales, e.baseline_sales);
  e.incremental_profit = e.profit - e.baseline_profit - c.budget;
  if (e.discount_cost + c.budget > 0) e.roi_bp = ratio_bp(e.incremental_profit, e.discount_cost + c.budget);
  e.new_customers_gained = e.new_customers - e.baseline_new_customers;
  if (after_days > 0) {
    // The days after use the same pre-campaign baseline (the campaign must not inflate it).
    DayRange after{c.window.last + 1, c.window.last + after_days};
    auto ab = weekday_baseline(series, c.window.first, lookback_weeks, after);
    if (!ab) return ab.error();
    for (const auto& b : *ab) {
      e.after_baseline_sales += b.sales;
      auto it = by_day.find(b.day);
      if (it != by_day.end()) e.after_sales += it->second->sales;
    }
    e.after_lift_bp = ratio_bp(e.after_sales - e.after_baseline_sales, e.after_baseline_sales);
  }
  return e;
}

std::optional<Money> discount_budget_left(const std::vector<Promotion>& promotions) {
  Money sum = 0;
  for (const Promotion& p : promotions) {
    if (!p.budget.total) return std::nullopt;
    sum += std::max<Money>(0, *p.budget.total - p.budget.redeemed_amount);
  }
  return sum;
}

}  // namespace shopkeeper::promo
