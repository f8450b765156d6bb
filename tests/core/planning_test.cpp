// Planning (issue #12): forecast methods with figures derived by hand, metrics, the backtest
// choice, skips with reasons and the series reader. The agreement with R's stats::HoltWinters
// to 1e-9 on generated series is tests/oracle/planning_check.py.
#include <doctest/doctest.h>

#include <cmath>

#include "core/planning/ets.h"
#include "core/planning/forecast.h"
#include "core/planning/series.h"

using namespace shopkeeper;
using namespace shopkeeper::planning;

TEST_CASE("planning: SES with fixed alpha starts at l1 = y1 (R HoltWinters beta = gamma = FALSE)") {
  // y = 10, 20, 30, alpha 0.5: l1 = 10; yhat2 = 10, l2 = 0.5*20 + 0.5*10 = 15; yhat3 = 15,
  // l3 = 0.5*30 + 0.5*15 = 22.5 = every forecast. Residuals 10, 15: sample variance
  // ((-2.5)^2 + 2.5^2) / 1 = 12.5; var_h = 12.5 (1 + (h-1) 0.25); h = 1: lo95 = 22.5 - 1.96 sqrt(12.5).
  Params p;
  p.alpha = 0.5;
  const Forecast f = forecast({10, 20, 30}, 1, 3, Method::ses, p);
  REQUIRE(f.ok());
  CHECK(std::isnan(f.fitted[0]));
  CHECK(f.fitted[1] == doctest::Approx(10));
  CHECK(f.fitted[2] == doctest::Approx(15));
  CHECK(f.mean[0] == doctest::Approx(22.5));
  CHECK(f.mean[2] == doctest::Approx(22.5));
  CHECK(f.lo95[0] == doctest::Approx(22.5 - 1.959963984540054 * std::sqrt(12.5)));
  CHECK(f.hi80[1] == doctest::Approx(22.5 + 1.2815515655446004 * std::sqrt(12.5 * 1.25)));
}

TEST_CASE("planning: Holt with fixed parameters starts at l2 = y2, b2 = y2 - y1") {
  // y = 1, 3, 5, 7, alpha = beta = 0.5: l2 = 3, b2 = 2; yhat3 = 5 = y3 so l3 = 5, b3 = 2;
  // yhat4 = 7, l4 = 7, b4 = 2; forecasts 9, 11. No residual: the intervals collapse.
  Params p;
  p.alpha = 0.5, p.beta = 0.5;
  const Forecast f = forecast({1, 3, 5, 7}, 1, 2, Method::holt, p);
  REQUIRE(f.ok());
  CHECK(f.fitted[2] == doctest::Approx(5));
  CHECK(f.fitted[3] == doctest::Approx(7));
  CHECK(f.mean[0] == doctest::Approx(9));
  CHECK(f.mean[1] == doctest::Approx(11));
  CHECK(f.lo95[1] == doctest::Approx(11));
}

TEST_CASE("planning: additive Holt-Winters classical start values and recursions from t = m + 1") {
  // y = 1,3,2,4,3,5, m = 2, alpha = beta = gamma = 0.5. Start: level = mean(1,3) = 2, trend =
  // (mean(2,4) - 2) / 2 = 0.5, seasonal -1, +1.
  // t3: yhat = 2 + 0.5 - 1 = 1.5; l = 0.5 (2 + 1) + 0.5 (2.5) = 2.75; b = 0.5 (0.75) + 0.5 (0.5) = 0.625;
  //     s = 0.5 (2 - 2.75) + 0.5 (-1) = -0.875.
  // t4: yhat = 2.75 + 0.625 + 1 = 4.375; l = 0.5 (4 - 1) + 0.5 (3.375) = 3.1875;
  //     b = 0.5 (0.4375) + 0.5 (0.625) = 0.53125; s = 0.5 (4 - 3.1875) + 0.5 = 0.90625.
  // t5: yhat = 3.1875 + 0.53125 - 0.875 = 2.84375.
  Params p;
  p.alpha = 0.5, p.beta = 0.5, p.gamma = 0.5;
  const Forecast f = forecast({1, 3, 2, 4, 3, 5}, 2, 2, Method::hw_add, p);
  REQUIRE(f.ok());
  CHECK(std::isnan(f.fitted[1]));
  CHECK(f.fitted[2] == doctest::Approx(1.5));
  CHECK(f.fitted[3] == doctest::Approx(4.375));
  CHECK(f.fitted[4] == doctest::Approx(2.84375));
}

TEST_CASE("planning: multiplicative Holt-Winters seasonal start values are y_i / level") {
  // y = 10, 30, 20, 60, m = 2, alpha = beta = gamma = 0.5 (a single step to check):
  // level = 20, trend = (40 - 20) / 2 = 10, indices 0.5, 1.5. t3: yhat = (20 + 10) * 0.5 = 15.
  Params p;
  p.alpha = 0.5, p.beta = 0.5, p.gamma = 0.5;
  const Forecast f = forecast({10, 30, 20, 60}, 2, 1, Method::hw_mul, p);
  REQUIRE(f.ok());
  CHECK(f.fitted[2] == doctest::Approx(15));
}

TEST_CASE("planning: naive and seasonal naive with their interval growth") {
  // snaive m = 3 on 1..6: forecasts 4, 5, 6, 4; every residual is 3 -> sigma2 = 9;
  // h = 4 is in the second season: var = 9 * 2.
  const Forecast s = forecast({1, 2, 3, 4, 5, 6}, 3, 4, Method::snaive);
  REQUIRE(s.ok());
  CHECK(s.mean[0] == 4);
  CHECK(s.mean[2] == 6);
  CHECK(s.mean[3] == 4);
  CHECK(s.hi95[3] == doctest::Approx(4 + 1.959963984540054 * std::sqrt(18.0)));
  // naive: residuals 1 each -> sigma2 = 1, var_h = h; never negative: lo clipped at 0.
  const Forecast n = forecast({1, 2, 3}, 1, 4, Method::naive);
  CHECK(n.mean[3] == 3);
  CHECK(n.lo95[3] == 0);  // 3 - 1.96 * 2 < 0
}

TEST_CASE("planning: Croston and SBA on intermittent demand") {
  // y = 0,0,3,0,2, alpha 0.1: first demand at period 3 -> z = 3, interval q = 3, forecast 1;
  // period 5 (demand 2, 2 periods after the last): z = 3 + 0.1 (2 - 3) = 2.9,
  // q = 3 + 0.1 (2 - 3) = 2.9 -> forecast 1.0; SBA = (1 - 0.05) * 1.0 = 0.95.
  const Forecast c = forecast({0, 0, 3, 0, 2}, 1, 2, Method::croston);
  REQUIRE(c.ok());
  CHECK(c.fitted[3] == doctest::Approx(1.0));
  CHECK(c.mean[0] == doctest::Approx(1.0));
  const Forecast s = forecast({0, 0, 3, 0, 2}, 1, 2, Method::sba);
  CHECK(s.mean[1] == doctest::Approx(0.95));
  // TSB: p0 = 2/5, z0 = mean(3, 2) = 2.5; five updates with beta 0.1 on the probability
  // (0,0,1,0,1): p = 0.36, 0.324, 0.3916, 0.35244, 0.417196; z: 2.5 -> 2.55 -> 2.495.
  const Forecast t = forecast({0, 0, 3, 0, 2}, 1, 1, Method::tsb);
  CHECK(t.mean[0] == doctest::Approx(0.417196 * 2.495));
  CHECK(forecast({0, 0, 0, 4}, 1, 1, Method::croston).skip == Skip::no_demand);
}

TEST_CASE("planning: accuracy measures and the MASE scale") {
  // actual 2, 0, 4 vs forecast 1: errors 1, -1, 3: MAE 5/3, RMSE sqrt(11/3), MAPE over the
  // non-zero actuals (1/2 + 3/4) / 2 = 62.5%, MASE with scale 2: 5/6.
  const Accuracy a = accuracy({2, 0, 4}, {1, 1, 1}, 2.0);
  CHECK(a.mae == doctest::Approx(5.0 / 3));
  CHECK(a.rmse == doctest::Approx(std::sqrt(11.0 / 3)));
  CHECK(a.mape == doctest::Approx(62.5));
  CHECK(a.mase == doctest::Approx(5.0 / 6));
  CHECK(std::isnan(accuracy({0, 0}, {1, 1}, 1).mape));
  // Seasonal-naive scale, m = 2: |4-1| + |7-2| = 8 over 2; m = 1: (1 + 2 + 3) / 3.
  CHECK(mase_scale({1, 2, 4, 7}, 2) == doctest::Approx(4));
  CHECK(mase_scale({1, 2, 4, 7}, 1) == doctest::Approx(2));
}

TEST_CASE("planning: methods that cannot run are skipped with their reason") {
  Params p;
  p.alpha = 0.3, p.beta = 0.1, p.gamma = 0.1;
  CHECK(forecast({1, 2, 3, 4, 5}, 4, 3, Method::hw_add, p).skip == Skip::too_short);  // needs 2 seasons
  CHECK(forecast({1, 2, 3, 4, 5}, 4, 3, Method::hw_add, p).needed == 8);
  CHECK(forecast({1, 0, 3, 4, 5, 6, 7, 8}, 4, 3, Method::hw_mul, p).skip == Skip::non_positive);
  CHECK(forecast({1, 2, 3}, 6, 3, Method::snaive).skip == Skip::season_too_long);
  CHECK(forecast({1, 2, 3}, 1, 3, Method::snaive).skip == Skip::no_season);
  CHECK(forecast(std::vector<double>(20, 5.0), 1, 3, Method::ses).skip == Skip::constant);
  Params half;
  half.alpha = 0.3;
  CHECK(forecast({1, 2, 3, 4, 5}, 1, 3, Method::holt, half).skip == Skip::missing_parameter);
}

TEST_CASE("planning: estimated ETS follows a clean trend and a clean season") {
  // y = 10 + 2t: Holt's estimated forecast continues the line (t = 30 -> 70).
  std::vector<double> line;
  for (int t = 0; t < 30; ++t) line.push_back(10 + 2 * t);
  const Forecast h = forecast(line, 1, 1, Method::holt);
  REQUIRE(h.ok());
  CHECK(h.mean[0] == doctest::Approx(70).epsilon(0.01));
  // A repeating season 100, 120, 80, 100 (m = 4) with a slow trend +1 per period: the next period
  // (t = 40, position 0) is about 100 + 40 = 140.
  std::vector<double> seas;
  const double pat[4] = {0, 20, -20, 0};
  for (int t = 0; t < 40; ++t) seas.push_back(100 + t + pat[t % 4]);
  const Forecast s = forecast(seas, 4, 4, Method::hw_add);
  REQUIRE(s.ok());
  CHECK(s.mean[0] == doctest::Approx(140).epsilon(0.01));
  CHECK(s.mean[1] == doctest::Approx(161).epsilon(0.01));
  // Never negative: a falling series forecast far ahead stays at 0 or above.
  std::vector<double> fall;
  for (int t = 0; t < 20; ++t) fall.push_back(40 - 2 * t);
  const Forecast d = forecast(fall, 1, 30, Method::holt);
  REQUIRE(d.ok());
  for (double v : d.mean) CHECK(v >= 0);
  for (double v : d.lo95) CHECK(v >= 0);
}

TEST_CASE("planning: ETS likelihood fit of ETS(A,N,N) moves the start level to the data") {
  // A level shift at the very start is absorbed by l0, not by a large alpha.
  std::vector<double> y;
  for (int t = 0; t < 30; ++t) y.push_back(50 + ((t * 7) % 5) - 2);
  const EtsFit f = ets_fit(y, 1, {EtsError::add, EtsTrend::none, EtsSeason::none});
  REQUIRE(f.ok);
  CHECK(f.l0 == doctest::Approx(50).epsilon(0.05));
  CHECK(f.alpha < 0.5);
  CHECK(f.n_params == 2);
}

TEST_CASE("planning: the backtest falls back to seasonal naive when nothing beats it") {
  // An exact repeating season: seasonal naive's backtest error is 0, nothing is strictly lower.
  std::vector<double> y;
  const double pat[4] = {5, 9, 2, 7};
  for (int t = 0; t < 40; ++t) y.push_back(pat[t % 4]);
  const Choice c = choose(y, 4, 4);
  CHECK(c.chosen == Method::snaive);
  CHECK(c.fallback);
  CHECK(c.origins == 3);
  CHECK(c.window == 4);
  // A clean trend without season: Holt beats seasonal naive.
  std::vector<double> tr;
  for (int t = 0; t < 40; ++t) tr.push_back(10 + 3 * t + (t % 2));
  const Choice d = choose(tr, 4, 4);
  CHECK(d.chosen != Method::snaive);
  CHECK_FALSE(d.fallback);
  // Intermittent methods are offered only when >= 30% of the periods are zero.
  CHECK(d.lines[static_cast<int>(Method::croston)].skip == Skip::not_intermittent);
}

TEST_CASE("planning: series CSV: dates, months, gaps, negatives") {
  auto s = parse_series_csv("ds,y\n2024-01-01,1\n2024-01-08,2\n2024-01-15,3\n", "w.csv", false, Grain::day);
  REQUIRE(s.ok());
  CHECK(s->grain == Grain::week);
  CHECK(s->label(3) == "2024-01-22");
  auto m = parse_series_csv("ds,y\n2024-11,1\n2024-12,2\n", "m.csv", false, Grain::day);
  REQUIRE(m.ok());
  CHECK(m->label(2) == "2025-01");
  auto g = parse_series_csv("ds,y\n2024-01-01,1\n2024-01-02,2\n2024-01-04,3\n", "g.csv", false, Grain::day);
  REQUIRE_FALSE(g.ok());
  CHECK(g.error().message.find("g.csv line 4") != std::string::npos);
  CHECK(g.error().message.find("2024-01-03") != std::string::npos);
  auto n = parse_series_csv("ds,y\n1,1\n2,-3\n", "n.csv", false, Grain::day);
  REQUIRE_FALSE(n.ok());
  CHECK(n.error().message.find("n.csv line 3") != std::string::npos);
  auto i = parse_series_csv("ds,y\n1,1\n3,3\n", "i.csv", false, Grain::day);
  REQUIRE_FALSE(i.ok());
  auto x = parse_series_csv("ds,y\n1,abc\n", "x.csv", false, Grain::day);
  REQUIRE_FALSE(x.ok());
  CHECK(x.error().message.find("field y") != std::string::npos);
}

// ---- inventory and purchase orders -------------------------------------------------------
#include "core/planning/inventory.h"
#include "core/store/dataset.h"
#include "core/store/store.h"

namespace {

// Products A (supplier 1, lead time 10 days, no POs; case pack 12) and B (supplier 2, whose three
// received POs took 8, 10 and 12 days). Both sell exactly 2 units a day on 28 days
// 2025-03-03..2025-03-30 (one order per product per day, price 10.00), so every week is 14 units.
Store inventory_store() {
  auto s = Store::open_memory();
  REQUIRE(s.ok());
  REQUIRE(s->write([](Writer& w) -> Status {
               for (auto [id, lt] : {std::pair{1, 10}, std::pair{2, 5}}) {
                 Supplier sup;
                 sup.id = id, sup.name = "S" + std::to_string(id), sup.lead_time_days = lt;
                 if (auto st = w.put(sup); !st) return st;
               }
               for (auto [sku, sup, stock] : {std::tuple{"A", 1, 15}, std::tuple{"B", 2, 100}}) {
                 Product p;
                 p.sku = sku, p.unit_cost = 400, p.list_price = 1000, p.stock = stock, p.supplier_id = sup;
                 if (auto st = w.put(p); !st) return st;
               }
               const Day d0 = days_from_civil(2025, 3, 3);
               for (int d = 0; d < 28; ++d)
                 for (const char* sku : {"A", "B"}) {
                   Order o;
                   o.id = std::string(sku) + std::to_string(d);
                   o.placed_at = start_of(d0 + d) + 3600;
                   o.status = OrderStatus::completed;
                   o.items_amount = o.paid_amount = 2000;
                   if (auto r = w.add_order(o); !r) return r.error();
                   if (auto st = w.put(OrderLine{o.id, 1, sku, "", 2, 1000, 0, 400}); !st) return st;
                 }
               if (auto st = w.db().exec("INSERT INTO supply_terms(sku, moq, case_pack) VALUES ('A', 0, 12)"); !st) return st;
               const Day p0 = days_from_civil(2024, 6, 1);
               for (int k = 0; k < 3; ++k) {
                 auto st = w.db().exec("INSERT INTO purchase_orders(id, supplier_id, sku, qty, ordered_on, received_on, "
                                       "qty_received) VALUES ('PB" + std::to_string(k) + "', 2, 'B', 50, " +
                                       std::to_string(p0 + 30 * k) + ", " + std::to_string(p0 + 30 * k + 8 + 2 * k) + ", 50)");
                 if (!st) return st;
               }
               return Ok{};
             }).ok());
  return std::move(*s);
}

}  // namespace

TEST_CASE("planning: reorder point, order-up-to, case pack, stock-out day and lost revenue") {
  Store s = inventory_store();
  auto ds = load_dataset(s);
  REQUIRE(ds.ok());
  auto pd = load_planning(s.db(), *ds);
  REQUIRE(pd.ok());
  const ReorderTable t = compute_reorder(*ds, *pd, ReorderQuery{0.95, 30});
  CHECK(t.today == days_from_civil(2025, 3, 31));
  CHECK(t.z == doctest::Approx(1.6448536269514722).epsilon(1e-9));
  REQUIRE(t.lines.size() == 2);
  // A: weekly demand 14, 14, 14, 14 -> constant: ETS skipped, seasonal naive cannot run (52 > 4
  // weeks) -> naive, error 0. d = 2/day, sigma 0. L = 10 (supplier's days, no POs): ROP = 20,
  // S = 2 (10 + 30) = 80; position 15 <= 20 -> 80 - 15 = 65 -> 6 cases of 12 = 72.
  // Stock 15 lasts 7 days (1 left), day 8 (2025-04-07) runs out: lost 1 + 2 x 22 = 45 units,
  // x 10.00 = 450.00. Cover 15 / 2 = 7.5 days; stock value 15 x 4.00.
  const ReorderLine& a = t.lines[0];
  CHECK(a.sku == "A");
  CHECK(a.method == Method::naive);
  CHECK(a.daily_demand == doctest::Approx(2));
  CHECK(a.lead_time == 10);
  CHECK(a.safety_stock == doctest::Approx(0));
  CHECK(a.reorder_point == doctest::Approx(20));
  CHECK(a.order_up_to == doctest::Approx(80));
  CHECK(a.suggested == 72);
  REQUIRE(a.stockout.has_value());
  CHECK(*a.stockout == days_from_civil(2025, 4, 7));
  CHECK(a.lost_units == doctest::Approx(45));
  CHECK(a.lost_revenue == 45000);
  CHECK(a.days_of_cover == doctest::Approx(7.5));
  CHECK(a.stock_value == 6000);
  // Turnover: 56 units sold in the last 365 days x 4.00 / 60.00 = 3.7333.
  CHECK(a.turnover == doctest::Approx(56.0 * 400 / 6000));
  // B: lead times 8, 10, 12 from its POs: mean 10, sd 2 -> SS = z sqrt(10 x 0 + 2^2 x 2^2) = 4z;
  // ROP = 20 + 6.579 = 26.58; stock 100 is above it: nothing to order, no stock-out in 30 days
  // (needs 60).
  const ReorderLine& b = t.lines[1];
  CHECK(b.lead_time == doctest::Approx(10));
  CHECK(b.lead_time_sd == doctest::Approx(2));
  CHECK(b.safety_stock == doctest::Approx(4 * 1.6448536269514722));
  CHECK(b.suggested == 0);
  CHECK_FALSE(b.stockout.has_value());
}

TEST_CASE("planning: purchase-order import writes all rows and their accepted units to stock, or nothing") {
  Store s = inventory_store();
  const char* good =
      "id,supplier_id,sku,qty,unit_cost,ordered,expected,received,qty_received,qty_rejected\n"
      "P1,1,A,24,400,2025-03-01,2025-03-11,2025-03-12,24,4\n"
      "P2,1,A,12,400,2025-03-20,2025-03-30,,,\n";
  auto r = import_purchase_orders(s, good, "po.csv");
  REQUIRE(r.ok());
  CHECK(r->rows == 2);
  CHECK(r->stock_units_added == 20);  // 24 received - 4 rejected
  CHECK(*s.db().scalar("SELECT stock FROM products WHERE sku='A'") == 35);
  // The same file again adds nothing (the stored rows already had those units).
  auto again = import_purchase_orders(s, good, "po.csv");
  REQUIRE(again.ok());
  CHECK(again->stock_units_added == 0);
  CHECK(*s.db().scalar("SELECT stock FROM products WHERE sku='A'") == 35);
  // Received before ordered on line 3: refused, naming the line and field; nothing written.
  auto bad = import_purchase_orders(s,
                                    "id,supplier_id,sku,qty,ordered,received,qty_received\n"
                                    "P3,1,A,5,2025-03-01,2025-03-05,5\n"
                                    "P4,1,A,5,2025-03-10,2025-03-05,5\n",
                                    "bad.csv");
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().message.find("bad.csv line 3: field received") != std::string::npos);
  CHECK(*s.db().scalar("SELECT COUNT(*) FROM purchase_orders") == 5);  // 3 of B + P1 + P2
  CHECK(*s.db().scalar("SELECT stock FROM products WHERE sku='A'") == 35);
  auto unknown = import_purchase_orders(s, "id,supplier_id,sku,qty,ordered\nP5,9,A,5,2025-03-01\n", "u.csv");
  REQUIRE_FALSE(unknown.ok());
  CHECK(unknown.error().message.find("no supplier with id 9") != std::string::npos);
  // The open PO P2 (12 units, expected 2025-03-30) now counts as on order for A.
  auto ds = load_dataset(s);
  auto pd = load_planning(s.db(), *ds);
  const ReorderTable t = compute_reorder(*ds, *pd, ReorderQuery{});
  CHECK(t.lines[0].on_order == 12);
  CHECK(t.lines[0].on_hand == 35);
}

TEST_CASE("planning: normal quantile") {
  CHECK(normal_quantile(0.5) == doctest::Approx(0.0));
  CHECK(normal_quantile(0.975) == doctest::Approx(1.959963984540054).epsilon(1e-12));
  CHECK(normal_quantile(0.01) == doctest::Approx(-2.3263478740408408).epsilon(1e-12));
  CHECK(std::isnan(normal_quantile(1.0)));
}

#include "core/planning/suppliers.h"

TEST_CASE("planning: supplier scorecard: quality, on-time, lead time, price index, weights, ranking") {
  // Supplier 1 (rating 80): two POs of SKU X, 100 units each at 5.00, ordered 2025-01-01 and
  // 2025-04-01, received after 10 and 14 days (expected after 12): on time 1 of 2; 10 of 200
  // units rejected -> quality 0.95. Lead time mean 12, sd sqrt(((10-12)^2 + (14-12)^2) / 1) = 2.8284.
  // Supplier 2 (rating 60): one PO of X, 100 units at 7.50, on time, nothing rejected.
  // SKU X mean cost (500*200 + 750*100) / 300 = 583.33: price index 1: 500 / 583.33 = 0.857 -> score 1
  // (clamped); 2: 750 / 583.33 = 1.2857 -> 0.7143.
  // Scores (0.3, 0.3, 0.2, 0.2): 1: 0.3*0.95 + 0.3*0.5 + 0.2*1 + 0.2*0.8 = 0.795;
  // 2: 0.3*1 + 0.3*1 + 0.2*0.7143 + 0.2*0.6 = 0.8629 -> supplier 2 ranks first.
  PlanningData pd;
  pd.suppliers = {{1, "One", 12, 80}, {2, "Two", 5, 60}};
  const Day a = days_from_civil(2025, 1, 1), b = days_from_civil(2025, 4, 1);
  pd.orders.push_back({"P1", 1, "X", 100, 500, a, a + 12, a + 10, 100, 4});
  pd.orders.push_back({"P2", 1, "X", 100, 500, b, b + 12, b + 14, 100, 6});
  pd.orders.push_back({"P3", 2, "X", 100, 750, a, a + 5, a + 5, 100, 0});
  const auto s = score_suppliers(pd);
  REQUIRE(s.size() == 2);
  CHECK(s[0].id == 2);
  CHECK(s[0].rank == 1);
  CHECK(s[0].score == doctest::Approx(0.3 + 0.3 + 0.2 * (2 - 750.0 / (175000.0 / 300)) + 0.12));
  const SupplierScore& one = s[1];
  CHECK(one.quality == doctest::Approx(0.95));
  CHECK(one.on_time == doctest::Approx(0.5));
  CHECK(one.lead_time_mean == doctest::Approx(12));
  CHECK(one.lead_time_sd == doctest::Approx(std::sqrt(8.0)));
  CHECK(one.price_score == doctest::Approx(1.0));
  CHECK(one.score == doctest::Approx(0.795));
  REQUIRE(one.quarters.size() == 2);
  CHECK(one.quarters[1].quarter == 2);
  CHECK(one.quarters[1].quality == doctest::Approx(0.94));
  // Weights set by the seller: price only -> supplier 1 (cheaper) first.
  const auto p = score_suppliers(pd, ScoreWeights{0, 0, 1, 0});
  CHECK(p[0].id == 1);
}

#include "core/planning/portfolio.h"

TEST_CASE("planning: ABC x XYZ, sell-through, lifecycle and dead stock") {
  // inventory_store(): A and B each sell 2 units/day at 10.00 for 28 days -> 560.00 each, equal:
  // sorted by SKU, A's cumulative share before it is 0 -> A class; B's is 0.5 < 0.8 -> A.
  // Weekly units 14, 14, 14, 14 -> CV 0 -> X. Sold in 30 days 56: sell-through A = 56 / (56 + 15).
  // First sale 28 days ago (4 weeks < 13) -> introduction. No dead stock (both sold yesterday).
  Store s = inventory_store();
  auto ds = load_dataset(s);
  REQUIRE(ds.ok());
  Portfolio pf = compute_portfolio(*ds, PortfolioQuery{});
  REQUIRE(pf.lines.size() == 2);
  CHECK(pf.lines[0].sku == "A");
  CHECK(pf.lines[0].value == 56000);
  CHECK(pf.lines[0].abc == 'A');
  CHECK(pf.lines[1].abc == 'A');
  CHECK(pf.lines[0].xyz == 'X');
  CHECK(pf.lines[0].cv == doctest::Approx(0));
  CHECK(pf.lines[0].sell_through == doctest::Approx(56.0 / 71));
  CHECK(pf.lines[0].stage == Lifecycle::introduction);
  CHECK(pf.matrix[0][0] == 2);
  CHECK(pf.dead_count == 0);
  // A 50/50 split with a = 0.4: B's share before it (0.5) is past 0.4 but below 0.4 + 0.15 -> B.
  PortfolioQuery q;
  q.a = 0.4;
  pf = compute_portfolio(*ds, q);
  CHECK(pf.lines[1].abc == 'B');
  // Dead stock = stock and no sale in the last N days: both sold on the last day, so with N = 1
  // neither is dead; with N = 0 (an empty window) both are: 15 x 4.00 + 100 x 4.00 = 460.00.
  q.dead_days = 1;
  CHECK(compute_portfolio(*ds, q).dead_count == 0);
  q.dead_days = 0;
  const Portfolio dead = compute_portfolio(*ds, q);
  CHECK(dead.dead_count == 2);
  CHECK(dead.dead_value == 46000);
}

#include "core/planning/targets.h"

TEST_CASE("planning: yearly target split by last year's months, categories and the pace needed") {
  // inventory_store(): sales only in March 2025 (56 orders x 20.00 = 1,120.00).
  Store s = inventory_store();
  auto ds = load_dataset(s);
  REQUIRE(ds.ok());
  // 2026 by 2025's months: all of it in March.
  const TargetSplit t = split_target(*ds, 2026, 1200000);
  CHECK(t.basis == "last_year");
  CHECK(t.month_target[2] == 1200000);
  CHECK(t.month_target[0] == 0);
  // Every order of the store has no channel: the whole target goes to channel "".
  REQUIRE(t.channels.size() >= 1);
  CHECK(t.channels[0].empty());
  CHECK(t.channel_target[0] == 1200000);
  // 2025: 2024 has no sales and too little history for a forecast -> even: 100,000 a month.
  // As of 2025-03-30: target to date = Jan + Feb + 30/31 of March = 200,000 + 96,774 = 296,774;
  // actual 112,000; 276 days left -> (1,200,000 - 112,000) / 276 = 3,942.03 a day.
  const TargetSplit e = split_target(*ds, 2025, 1200000);
  CHECK(e.basis == "even");
  CHECK(e.month_target[11] == 100000);
  CHECK(e.actual_to_date == 112000);
  CHECK(e.target_to_date == 296774);
  CHECK(e.remaining_days == 276);
  CHECK(e.needed_per_day == doctest::Approx(1088000.0 / 276));
  // Months always add up to the total (remainder on the largest month).
  const TargetSplit odd = split_target(*ds, 2025, 1000001);
  Money sum = 0;
  for (Money m : odd.month_target) sum += m;
  CHECK(sum == 1000001);
}

#include "core/demo/generator.h"

TEST_CASE("planning: the demo shop has purchase orders, terms, a target and best sellers about to run out") {
  auto s = Store::open_memory();
  REQUIRE(s.ok());
  DemoOptions opt;
  opt.end_day = days_from_civil(2025, 6, 30);
  opt.products = 40;
  opt.order_lines = 6000;
  REQUIRE(generate_demo(*s, opt).ok());
  CHECK(*s->db().scalar("SELECT COUNT(*) FROM purchase_orders") > 100);
  CHECK(*s->db().scalar("SELECT COUNT(*) FROM purchase_orders WHERE received_on > expected_on") > 0);  // late
  CHECK(*s->db().scalar("SELECT COUNT(*) FROM purchase_orders WHERE qty_rejected > 0") > 0);
  CHECK(*s->db().scalar("SELECT COUNT(*) FROM purchase_orders WHERE received_on IS NULL") > 0);      // open
  CHECK(*s->db().scalar("SELECT COUNT(*) FROM supply_terms") == 40);
  CHECK(*s->db().scalar("SELECT COUNT(*) FROM sales_targets WHERE year = 2025 AND month = 0 AND amount > 0") == 1);
  // A best seller runs out within two weeks in the reorder table.
  auto ds = load_dataset(*s);
  auto pd = load_planning(s->db(), *ds);
  const ReorderTable t = compute_reorder(*ds, *pd, ReorderQuery{});
  int soon = 0;
  for (const ReorderLine& l : t.lines)
    if (l.stockout && *l.stockout < t.today + 14 && l.daily_demand > 0.5) ++soon;
  CHECK(soon >= 1);
}

TEST_CASE("planning: product roles by the stated rules, the seller's override and the warnings") {
  // inventory_store(): A and B, 2 units a day each, price 10.00, cost 4.00 -> margin 60%.
  // Units ranks 0 and 1 of 2 products: the top 10% is rank < 0.2 -> A only, but its margin is
  // not < 20% -> not traffic. Prices equal, so both are in the top 5% of prices (the cut is the
  // first price), but each has 50% of the units -> not image. Margin >= 30% and class A by gross
  // profit -> profit for both. No warning.
  Store s = inventory_store();
  auto ds = load_dataset(s);
  REQUIRE(ds.ok());
  RoleMix mix = compute_roles(*ds, load_seller_roles(s.db(), *ds));
  REQUIRE(mix.lines.size() == 2);
  CHECK(mix.lines[0].margin == doctest::Approx(0.6));
  CHECK(mix.lines[0].suggested == Role::profit);
  CHECK(mix.products[static_cast<int>(Role::profit)] == 2);
  CHECK(mix.sales[static_cast<int>(Role::profit)] == 112000);
  CHECK(mix.warnings.empty());
  // The seller marks A as traffic and B as clearance: roles follow, suggestions stay; no profit
  // item is left -> warning.
  mix = compute_roles(*ds, {"traffic", "clearance"});
  CHECK(mix.lines[0].role == Role::traffic);
  CHECK(mix.lines[0].overridden);
  CHECK(mix.lines[0].suggested == Role::profit);
  REQUIRE(mix.warnings.size() == 1);
  CHECK(mix.warnings[0] == RoleWarning::no_profit_items);
}

TEST_CASE("planning: stated adjustments scale the steps their window overlaps, by the share of days") {
  // Three weekly steps of 70 each; a +50% festival on 2 of step 2's 7 days: 70 x (1 + 0.5 x 2/7)
  // = 80; step 1 and 3 untouched; an adjustment outside the horizon is not reported.
  Forecast f = forecast({70, 70, 70}, 1, 3, Method::naive);
  const std::vector<std::pair<int32_t, int32_t>> weeks = {{0, 6}, {7, 13}, {14, 20}};
  const auto used = adjust(f, weeks, {{"F", "fest", 12, 13, 1.5}, {"X", "later", 40, 45, 2.0}});
  REQUIRE(used.size() == 1);
  CHECK(used[0].id == "F");
  CHECK(f.mean[0] == doctest::Approx(70));
  CHECK(f.mean[1] == doctest::Approx(80));
  CHECK(f.mean[2] == doctest::Approx(70));
}

TEST_CASE("planning: stock snapshots import sets stock to each SKU's newest snapshot, or writes nothing") {
  Store s = inventory_store();
  auto r = import_stock_snapshots(s, "day,sku,on_hand\n2025-03-29,A,9\n2025-03-30,A,7\n2025-03-30,B,50\n", "st.csv");
  REQUIRE(r.ok());
  CHECK(r->rows == 3);
  CHECK(r->products_updated == 2);
  CHECK(*s.db().scalar("SELECT stock FROM products WHERE sku='A'") == 7);  // the newest, not the last row read
  CHECK(*s.db().scalar("SELECT stock FROM products WHERE sku='B'") == 50);
  auto bad = import_stock_snapshots(s, "day,sku,on_hand\n2025-03-31,A,3\n2025-03-31,Z,1\n", "bad.csv");
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().message.find("bad.csv line 3: field sku") != std::string::npos);
  CHECK(*s.db().scalar("SELECT stock FROM products WHERE sku='A'") == 7);
  CHECK(*s.db().scalar("SELECT COUNT(*) FROM stock_snapshots") == 3);
}

// ---- second round: forecasts apart from the reorder table, stored targets, roles, PO edits ----
#include "core/planning/portfolio.h"
#include "core/planning/targets.h"

TEST_CASE("planning: the reorder table from forecasts made apart (in slices) equals compute_reorder") {
  Store s = inventory_store();
  auto ds = load_dataset(s);
  REQUIRE(ds.ok());
  auto pd = load_planning(s.db(), *ds);
  REQUIRE(pd.ok());
  DemandForecaster f(*ds, *pd, 30);
  CHECK(f.size() == 2);
  CHECK(f.step(1) == 1);  // one product a slice
  CHECK(f.step(10) == 2);
  const DemandPlan plan = f.take();
  CHECK(plan.today == days_from_civil(2025, 3, 31));
  REQUIRE(plan.products.size() == 2);
  // A: L = 10, R = 30 -> ceil(40 / 7) = 6 weekly steps of 14 units; 56 units in 365 days.
  CHECK(plan.products[0].steps == 6);
  CHECK(plan.products[0].weekly[5] == doctest::Approx(14));
  CHECK(plan.products[0].sold365 == 56);
  const ReorderTable a = reorder_from_forecasts(*ds, *pd, plan, ReorderQuery{0.95, 30});
  const ReorderTable b = compute_reorder(*ds, *pd, ReorderQuery{0.95, 30});
  REQUIRE(a.lines.size() == b.lines.size());
  for (size_t i = 0; i < a.lines.size(); ++i) {
    CHECK(a.lines[i].sku == b.lines[i].sku);
    CHECK(a.lines[i].suggested == b.lines[i].suggested);
    CHECK(a.lines[i].reorder_point == b.lines[i].reorder_point);
    CHECK(a.lines[i].safety_stock == b.lines[i].safety_stock);
    CHECK(a.lines[i].stockout == b.lines[i].stockout);
    CHECK(a.lines[i].lost_revenue == b.lines[i].lost_revenue);
  }
  // Another service level from the same forecasts: B's SS = z99 x sqrt(2^2 x 2^2) = 4 x 2.3263.
  const ReorderTable c = reorder_from_forecasts(*ds, *pd, plan, ReorderQuery{0.99, 30});
  CHECK(c.lines[1].safety_stock == doctest::Approx(4 * 2.3263478740408408).epsilon(1e-9));
}

TEST_CASE("planning: zero lead time: no lead-time demand or safety stock, the order covers the review period") {
  // Supplier 1's stated lead time set to 0 and no POs: A's L = 0 -> ROP = 0, SS = 0; position
  // 15 > 0 -> nothing suggested although stock runs out on day 8 (the table says so).
  Store s = inventory_store();
  REQUIRE(s.write([](Writer& w) { return w.db().exec("UPDATE suppliers SET lead_time_days = 0 WHERE id = 1"); }).ok());
  auto ds = load_dataset(s);
  auto pd = load_planning(s.db(), *ds);
  const ReorderTable t = compute_reorder(*ds, *pd, ReorderQuery{0.95, 30});
  const ReorderLine& a = t.lines[0];
  CHECK_FALSE(a.lead_time_known);
  CHECK(a.lead_time_demand == 0);
  CHECK(a.safety_stock == 0);
  CHECK(a.reorder_point == 0);
  CHECK(a.order_up_to == doctest::Approx(60));  // 2 x (0 + 30)
  CHECK(a.suggested == 0);
  REQUIRE(a.stockout.has_value());
  CHECK(*a.stockout == days_from_civil(2025, 4, 7));
}

TEST_CASE("planning: stored targets: written with their months, read back, progress over a period") {
  Store s = inventory_store();
  auto ds = load_dataset(s);
  REQUIRE(ds.ok());
  auto none = load_target(s.db(), 2025);
  REQUIRE(none.ok());
  CHECK_FALSE(none->has_value());
  // 2025 split evenly (no 2024 history): 100,000 a month.
  const TargetSplit t = split_target(*ds, 2025, 1200000);
  REQUIRE(s.write([&](Writer& w) { return save_target(w, t); }).ok());
  CHECK(*s.db().scalar("SELECT COUNT(*) FROM sales_targets WHERE year = 2025") == 13);  // total + 12 months
  auto st = load_target(s.db(), 2025);
  REQUIRE(st.ok());
  REQUIRE(st->has_value());
  CHECK((*st)->total == 1200000);
  REQUIRE((*st)->months.size() == 12);
  CHECK((*st)->months[6] == 100000);
  const TargetSplit back = split_stored_target(*ds, **st);
  CHECK(back.basis == "stored");
  CHECK(back.target_to_date == 296774);  // as split_target's test: Jan + Feb + 30/31 of March
  // Saving again replaces (no duplicate rows).
  REQUIRE(s.write([&](Writer& w) { return save_target(w, split_target(*ds, 2025, 600000)); }).ok());
  CHECK(*s.db().scalar("SELECT COUNT(*) FROM sales_targets WHERE year = 2025") == 13);
  CHECK(*s.db().scalar("SELECT amount FROM sales_targets WHERE year = 2025 AND month = 4") == 50000);
  // A total stored alone (as the demo does): no months, split by last year when read.
  REQUIRE(s.write([](Writer& w) {
             return w.db().exec("INSERT INTO sales_targets(year, month, scope, amount) VALUES (2026, 0, '', 1200000)");
           }).ok());
  auto d = load_target(s.db(), 2026);
  REQUIRE(d.ok());
  REQUIRE(d->has_value());
  CHECK((*d)->months.empty());
  CHECK(split_stored_target(*ds, **d).basis == "last_year");
  CHECK(split_stored_target(*ds, **d).month_target[2] == 1200000);

  // Progress over March 2025 against 100,000 a month: target 31 x 100,000 / 31 = 100,000;
  // actual 28 days x 2 orders x 20.00 = 112,000 (the sales of 2025-03-03..30); the last order day
  // is 2025-03-30, so 1 day (the 31st) remains and nothing more is needed (target passed).
  const TargetProgress m = target_progress(*ds, t, {days_from_civil(2025, 3, 1), days_from_civil(2025, 3, 31)});
  CHECK(m.target == doctest::Approx(100000));
  CHECK(m.target_money == 100000);
  CHECK(m.actual == 112000);
  CHECK(m.share == doctest::Approx(1.12));
  CHECK(m.remaining_days == 1);
  CHECK(m.needed_per_day == 0);
  // 2025-03-25..2025-04-05: target 7 x 100,000 / 31 + 5 x 100,000 / 30 = 39,247.31; actual
  // 6 days (25th-30th) x 4,000 = 24,000; 6 days remain (the 31st and April 1-5):
  // (39,247.31 - 24,000) / 6 = 2,541.22 a day.
  const TargetProgress x = target_progress(*ds, t, {days_from_civil(2025, 3, 25), days_from_civil(2025, 4, 5)});
  CHECK(x.target == doctest::Approx(700000.0 / 31 + 500000.0 / 30));
  CHECK(x.actual == 24000);
  CHECK(x.remaining_days == 6);
  CHECK(x.needed_per_day == doctest::Approx((700000.0 / 31 + 500000.0 / 30 - 24000) / 6));
  // Days outside the target's year count for nothing.
  const TargetProgress y = target_progress(*ds, t, {days_from_civil(2024, 12, 1), days_from_civil(2024, 12, 31)});
  CHECK(y.days_in_year == 0);
  CHECK(std::isnan(y.share));
}

TEST_CASE("planning: the seller's role is stored in products.role, cleared back to the suggestion") {
  Store s = inventory_store();
  auto ds = load_dataset(s);
  REQUIRE(ds.ok());
  REQUIRE(s.write([](Writer& w) { return save_role(w, "A", Role::traffic); }).ok());
  CHECK(load_seller_roles(s.db(), *ds) == std::vector<std::string>{"traffic", ""});
  RoleMix mix = compute_roles(*ds, load_seller_roles(s.db(), *ds));
  CHECK(mix.lines[0].overridden);
  CHECK(mix.lines[0].role == Role::traffic);
  // Traffic: every one of the 56 orders has one product: A's 28 orders are traffic's, B's 28 profit's.
  CHECK(mix.orders_total == 56);
  CHECK(mix.orders[static_cast<int>(Role::traffic)] == 28);
  CHECK(mix.orders[static_cast<int>(Role::profit)] == 28);
  REQUIRE(s.write([](Writer& w) { return save_role(w, "A", std::nullopt); }).ok());
  CHECK(load_seller_roles(s.db(), *ds)[0].empty());
  Status bad = s.write([](Writer& w) { return save_role(w, "NOPE", Role::profit); });
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().code == ErrorCode::not_found);
}

TEST_CASE("planning: a PO line edited or received in one write: stock follows its accepted units") {
  Store s = inventory_store();  // A has 15 in stock
  PurchaseOrder po;
  po.id = "E1", po.supplier_id = 1, po.sku = "A", po.qty = 24, po.unit_cost = 400;
  po.ordered = days_from_civil(2025, 3, 1);
  CHECK(check_purchase_order(po) == PoProblem::none);
  REQUIRE(s.write([&](Writer& w) { return save_purchase_order(w, po); }).ok());
  CHECK(*s.db().scalar("SELECT stock FROM products WHERE sku='A'") == 15);  // open: nothing yet
  // Received with 2 rejected: +22.
  po.received = days_from_civil(2025, 3, 12), po.qty_received = 24, po.qty_rejected = 2;
  int64_t added = 0;
  REQUIRE(s.write([&](Writer& w) { return save_purchase_order(w, po, &added); }).ok());
  CHECK(added == 22);
  CHECK(*s.db().scalar("SELECT stock FROM products WHERE sku='A'") == 37);
  // Corrected to 4 rejected: -2.
  po.qty_rejected = 4;
  REQUIRE(s.write([&](Writer& w) { return save_purchase_order(w, po, &added); }).ok());
  CHECK(added == -2);
  CHECK(*s.db().scalar("SELECT stock FROM products WHERE sku='A'") == 35);
  // Each bad edit has its code and is refused whole.
  PurchaseOrder b = po;
  b.received = days_from_civil(2025, 2, 20);
  CHECK(check_purchase_order(b) == PoProblem::received_before_ordered);
  CHECK_FALSE(s.write([&](Writer& w) { return save_purchase_order(w, b); }).ok());
  CHECK(*s.db().scalar("SELECT received_on FROM purchase_orders WHERE id='E1'") == days_from_civil(2025, 3, 12));
  b = po, b.qty_rejected = 30;
  CHECK(check_purchase_order(b) == PoProblem::rejected_over_received);
  b = po, b.received.reset();
  CHECK(check_purchase_order(b) == PoProblem::received_without_date);
  b = po, b.expected = days_from_civil(2025, 2, 1);
  CHECK(check_purchase_order(b) == PoProblem::expected_before_ordered);
  b = po, b.qty = 0;
  CHECK(check_purchase_order(b) == PoProblem::qty_not_positive);
  b = po, b.unit_cost = -1;
  CHECK(check_purchase_order(b) == PoProblem::negative);
  b = po, b.id.clear();
  CHECK(check_purchase_order(b) == PoProblem::empty_id);
  CHECK(*s.db().scalar("SELECT stock FROM products WHERE sku='A'") == 35);
}

TEST_CASE("planning: bad series in the automatic choice: all zeros, a season longer than the series, under two seasons") {
  // All zeros (a SKU that never sold in the window): nothing to estimate, yet a forecast of 0
  // with intervals >= 0; the intermittent methods say why they did not run.
  const Choice z = choose(std::vector<double>(30, 0.0), 7, 5);
  REQUIRE(z.forecast.ok());
  for (size_t h = 0; h < 5; ++h) {
    CHECK(z.forecast.mean[h] == 0);
    CHECK(z.forecast.lo95[h] >= 0);
    CHECK(z.forecast.hi95[h] >= 0);
  }
  for (const BacktestLine& l : z.lines) {
    if (l.method == Method::croston || l.method == Method::sba || l.method == Method::tsb) CHECK(l.skip == Skip::no_demand);
    if (l.method == Method::ses || l.method == Method::holt) CHECK(l.skip == Skip::constant);
  }
  // Season 52 on 20 weekly points: the seasonal methods are skipped with season_too_long and
  // the choice falls back to the non-seasonal baseline; nothing negative.
  std::vector<double> y;
  for (int t = 0; t < 20; ++t) y.push_back(10 + (t % 3));
  const Choice s = choose(y, 52, 4);
  REQUIRE(s.forecast.ok());
  for (const BacktestLine& l : s.lines)
    if (l.method == Method::snaive || l.method == Method::hw_add || l.method == Method::hw_mul)
      CHECK(l.skip == Skip::season_too_long);
  CHECK(s.chosen != Method::snaive);
  for (double v : s.forecast.lo95) CHECK(v >= 0);
  // Season 12 on 20 points (one season and a bit): estimated Holt-Winters needs two seasons and
  // two points (2 x 12 + 2 = 26), so it is skipped as too short while seasonal naive runs.
  const Choice h = choose(y, 12, 4);
  for (const BacktestLine& l : h.lines) {
    if (l.method == Method::hw_add || l.method == Method::hw_mul) CHECK(l.skip == Skip::too_short);
    if (l.method == Method::snaive) CHECK(l.skip == Skip::none);
  }
  CHECK(forecast(y, 12, 4, Method::hw_add).skip == Skip::too_short);
  CHECK(forecast(y, 12, 4, Method::hw_add).needed == 26);
}
