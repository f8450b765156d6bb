// Campaign planning and evaluation: pure functions over daily series. Money is int64 minor
// units, rates basis points. The caller (Workspace / Dataset) builds the series; missing days
// of a series are days with no sales.
//
// Baseline: for each campaign day, the mean of the same weekday over the `lookback_weeks`
// weeks before the window starts (weekly shopping rhythm, no campaign days in it).
// Simulation per day: orders, list-price sales and cost scale by (1 + uplift); the campaign
// discount is discount_bp of that; profit = sales after discount - cost, minus the budget once.
// Break-even uplift u solves (1+u) * (S*(1-d) - C) - B = S - C with baseline S (sales), C (cost),
// d (discount) and B (budget); none exists when S*(1-d) <= C.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/base/date.h"
#include "core/base/money.h"
#include "core/base/result.h"
#include "core/promotions/promotion.h"

namespace shopkeeper::promo {

struct DailySales {
  Day day = 0;
  int64_t orders = 0;
  Money sales = 0;     // paid for goods (after discounts)
  Money cost = 0;      // cost of the goods sold
  Money discount = 0;  // discounts given
  int64_t new_customers = 0;
};

struct Campaign {
  std::string id, name;
  DayRange window;
  Money budget = 0;        // fixed spend (ads, gifts bought, fees), outside the series
  Money target_sales = 0;  // 0 = none
  int64_t uplift_bp = 0;   // assumed extra orders, e.g. 3000 = +30 %
  int64_t discount_bp = 0; // average campaign discount on list-price sales
  // Discount money the campaign's promotions may still give (their budgets left; see
  // discount_budget_left): the simulated discount stops there, day by day. Unset = no cap.
  std::optional<Money> discount_budget;
};

struct DayProjection {
  Day day = 0;
  int64_t baseline_orders = 0, orders = 0;
  Money baseline_sales = 0, sales = 0, discount = 0, cost = 0, profit = 0;
};

struct Simulation {
  std::vector<DayProjection> days;
  int64_t baseline_orders = 0, orders = 0;
  Money baseline_sales = 0, baseline_profit = 0;
  Money sales = 0, discount_cost = 0, cost = 0;
  Money profit = 0;              // after the budget
  Money incremental_profit = 0;  // profit - baseline_profit
  std::optional<int64_t> break_even_uplift_bp;  // unset: no uplift pays for the discount
  bool meets_target = false;
};

// Per-day baseline for `window` from `history` (see above). Error when some weekday has no
// history in the lookback.
Result<std::vector<DailySales>> baseline(const std::vector<DailySales>& history, DayRange window, int lookback_weeks = 4);

Result<Simulation> simulate(const std::vector<DailySales>& history, const Campaign& c, int lookback_weeks = 4);

// The discount money `promotions` may still give in total: the sum of budget.total -
// budget.redeemed_amount (at least 0); unset when any of them has no total budget.
std::optional<Money> discount_budget_left(const std::vector<Promotion>& promotions);

struct Evaluation {
  Money sales = 0, baseline_sales = 0;
  Money profit = 0, baseline_profit = 0;  // sales - cost
  int64_t orders = 0, baseline_orders = 0;
  int64_t sales_lift_bp = 0;              // (sales - baseline) / baseline
  Money discount_cost = 0;                // discounts given in the window
  Money incremental_profit = 0;           // profit - baseline_profit - budget
  std::optional<int64_t> roi_bp;          // incremental_profit / (discount_cost + budget)
  int64_t new_customers = 0, baseline_new_customers = 0, new_customers_gained = 0;
  // The `after_days` after the window against their own baseline: negative = a dip.
  Money after_sales = 0, after_baseline_sales = 0;
  int64_t after_lift_bp = 0;
};

// `series` covers the lookback before the window, the window and `after_days` after it.
Result<Evaluation> evaluate_campaign(const std::vector<DailySales>& series, const Campaign& c, int lookback_weeks = 4,
                                     int after_days = 14);

}  // namespace shopkeeper::promo
