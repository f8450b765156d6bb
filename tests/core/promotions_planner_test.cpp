// Festival calendar, campaign simulation and evaluation (hand-computed figures).
#include <doctest/doctest.h>

#include "core/promotions/calendar.h"
#include "core/promotions/planner.h"

using namespace shopkeeper;
using namespace shopkeeper::promo;

namespace {

Day ymd(int y, int m, int d) { return days_from_civil(y, m, d); }

const Festival* find(const std::vector<Festival>& v, const std::string& id) {
  for (const auto& f : v)
    if (f.id == id) return &f;
  return nullptr;
}

// 28 flat days before `start`: 10 orders, 1000.00 sales, 600.00 cost, 50.00 discount, 2 new.
std::vector<DailySales> flat_history(Day start) {
  std::vector<DailySales> h;
  for (Day d = start - 28; d < start; ++d) h.push_back({d, 10, 100000, 60000, 5000, 2});
  return h;
}

}  // namespace

TEST_SUITE("promotions") {
  TEST_CASE("lunar festivals: table dates, including the near-midnight new moons") {
    CHECK(*lunar_new_year(2020) == ymd(2020, 1, 25));
    CHECK(*lunar_new_year(2025) == ymd(2025, 1, 29));
    CHECK(*lunar_new_year(2027) == ymd(2027, 2, 6));  // new moon 23:56 Beijing time
    CHECK(*lunar_new_year(2030) == ymd(2030, 2, 3));  // new moon 00:07 Beijing time
    CHECK(*lunar_new_year(2035) == ymd(2035, 2, 8));
    CHECK(*qixi(2025) == ymd(2025, 8, 29));
    CHECK(*qixi(2033) == ymd(2033, 8, 1));
    CHECK(*mid_autumn(2025) == ymd(2025, 10, 6));
    CHECK(*mid_autumn(2031) == ymd(2031, 10, 1));
    CHECK_FALSE(lunar_new_year(2019).has_value());
    CHECK_FALSE(qixi(2036).has_value());
    // Every table date is a plausible one: New Year Jan 21 - Feb 20, Qixi in August, Mid-Autumn
    // Sep 7 - Oct 8 (the ranges the lunisolar rules allow).
    for (int y = kLunarFirstYear; y <= kLunarLastYear; ++y) {
      CAPTURE(y);
      CHECK(*lunar_new_year(y) >= ymd(y, 1, 21));
      CHECK(*lunar_new_year(y) <= ymd(y, 2, 20));
      CHECK(civil_from_days(*qixi(y)).m == 8);
      CHECK(*mid_autumn(y) >= ymd(y, 9, 7));
      CHECK(*mid_autumn(y) <= ymd(y, 10, 8));
      // Qixi (7/7) to Mid-Autumn (8/15) is one lunar month plus 8 days: 37 or 38 days.
      int gap = *mid_autumn(y) - *qixi(y);
      CHECK((gap == 37 || gap == 38));
    }
  }

  TEST_CASE("Western and fixed-date festivals") {
    CHECK(black_friday(2024) == ymd(2024, 11, 29));
    CHECK(black_friday(2025) == ymd(2025, 11, 28));
    CHECK(black_friday(2026) == ymd(2026, 11, 27));
    auto f = festivals(2025);
    CHECK(f.size() == 10);
    CHECK(find(f, "cyber_monday")->day == ymd(2025, 12, 1));
    CHECK(find(f, "double_11")->day == ymd(2025, 11, 11));
    CHECK(find(f, "618")->day == ymd(2025, 6, 18));
    CHECK(find(f, "520")->day == ymd(2025, 5, 20));
    CHECK(find(f, "womens_day_38")->day == ymd(2025, 3, 8));
    CHECK(find(f, "double_12")->day == ymd(2025, 12, 12));
    CHECK(find(f, "cny_shopping")->window.last < *lunar_new_year(2025));
    for (size_t i = 1; i < f.size(); ++i) CHECK(f[i - 1].window.first <= f[i].window.first);
    CHECK(festivals(2040).size() == 7);  // no lunar table beyond 2035
    // The 2026 New Year festival window starts in January 2026; asking for December 2025
    // to January 2026 finds it and Double 12.
    auto between = festivals_between({ymd(2025, 12, 10), ymd(2026, 1, 20)});
    CHECK(find(between, "double_12"));
    CHECK(find(between, "cny_shopping"));
  }

  TEST_CASE("simulation: projection and break-even uplift") {
    Campaign c;
    c.window = {ymd(2025, 6, 1), ymd(2025, 6, 7)};
    c.uplift_bp = 3000, c.discount_bp = 1000, c.budget = 50000, c.target_sales = 800000;
    auto s = simulate(flat_history(c.window.first), c);
    REQUIRE(s.ok());
    // Per day: 13 orders, gross 1300.00, discount 130.00, sales 1170.00, cost 780.00.
    REQUIRE(s->days.size() == 7);
    CHECK(s->days[0].orders == 13);
    CHECK(s->days[0].sales == 117000);
    CHECK(s->sales == 7 * 117000);
    CHECK(s->discount_cost == 7 * 13000);
    CHECK(s->profit == 7 * 39000 - 50000);
    CHECK(s->baseline_profit == 7 * 40000);
    CHECK(s->incremental_profit == 7 * 39000 - 50000 - 7 * 40000);
    CHECK(s->meets_target);
    // S = 7000, C = 4200, d = 10 %, B = 500: u = (2800 + 500) / (6300 - 4200) - 1 = 0.571428..
    REQUIRE(s->break_even_uplift_bp.has_value());
    CHECK(*s->break_even_uplift_bp == 5715);
    // A 45 % discount can never pay: 7000 * 0.55 = 3850 < 4200.
    c.discount_bp = 4500;
    CHECK_FALSE(simulate(flat_history(c.window.first), c)->break_even_uplift_bp.has_value());
    // Not enough history.
    CHECK_FALSE(simulate(flat_history(c.window.first + 3), c).ok());
  }

  TEST_CASE("baseline follows the weekly rhythm") {
    Day start = ymd(2025, 6, 2);  // a Monday
    std::vector<DailySales> h;
    for (Day d = start - 28; d < start; ++d) h.push_back({d, 1, weekday(d) == 5 ? 30000 : 10000, 0, 0, 0});
    auto b = baseline(h, {start, start + 6});
    REQUIRE(b.ok());
    CHECK((*b)[0].sales == 10000);
    CHECK((*b)[5].sales == 30000);  // Saturday
  }

  TEST_CASE("evaluation: lift, ROI, new customers and the dip after") {
    Campaign c;
    c.window = {ymd(2025, 6, 1), ymd(2025, 6, 7)};
    c.budget = 100000;
    auto series = flat_history(c.window.first);
    for (Day d = c.window.first; d <= c.window.last; ++d) series.push_back({d, 16, 150000, 90000, 20000, 5});
    for (Day d = c.window.last + 1; d <= c.window.last + 14; ++d) series.push_back({d, 8, 80000, 48000, 4000, 1});
    auto e = evaluate_campaign(series, c);
    REQUIRE(e.ok());
    CHECK(e->sales == 7 * 150000);
    CHECK(e->baseline_sales == 7 * 100000);
    CHECK(e->sales_lift_bp == 5000);
    CHECK(e->profit == 7 * 60000);
    CHECK(e->baseline_profit == 7 * 40000);
    CHECK(e->discount_cost == 7 * 20000);
    // Incremental: 4200 - 2800 - 1000 = 400.00; ROI = 400 / (1400 + 1000) = 16.67 %.
    CHECK(e->incremental_profit == 40000);
    CHECK(*e->roi_bp == 1667);
    CHECK(e->new_customers_gained == 7 * 5 - 7 * 2);
    // After: 14 days at 800.00 against 1000.00: -20 %.
    CHECK(e->after_sales == 14 * 80000);
    CHECK(e->after_baseline_sales == 14 * 100000);
    CHECK(e->after_lift_bp == -2000);
  }
}
