// Planning benchmark (prints figures, asserts nothing; issue #12):
//  1. accuracy on generated monthly retail series (trend + yearly season, 84 months fitted,
//     12 held out): the automatic choice's out-of-sample MASE per series and on average;
//  2. noisy daily series (season 7): the automatic choice against seasonal naive;
//  3. speed: automatic choice with backtest + final forecast for 5,000 SKUs x 104 weeks
//     (season 52, horizon 8), CPU and wall time.
//  4. the planning tables of a demo store with 5,000 products (--store-skus N, 0 = skip): the
//     forecasts behind the reorder table (DemandForecaster) timed apart from the table built from
//     them (reorder_from_forecasts, goal < 100 ms), the portfolio, roles and supplier scorecard,
//     and the bytes those results hold (goal < 50 MB).
// With --out DIR it writes the series (monthly.csv, daily.csv, weekly.csv: id,t,y) and its own
// figures (ours.json) there for tests/bench/planning_peer.py, which fits R's forecast::ets and
// statsmodels' ETS on the same training data and prints both beside these figures.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <string>
#include <vector>

#include "core/base/random.h"
#include "core/demo/generator.h"
#include "core/planning/forecast.h"
#include "core/planning/inventory.h"
#include "core/planning/portfolio.h"
#include "core/planning/series.h"
#include "core/planning/suppliers.h"
#include "core/store/dataset.h"
#include "core/store/store.h"
#include "tests/bench/timing.h"

using namespace shopkeeper;
using namespace shopkeeper::planning;

namespace {

// CPU ms since c0 = bench::cpu_now_ms() (tests/bench/timing.h: under node, the process's CPU time).
double cpu_ms_since(double c0) { return bench::cpu_now_ms() - c0; }
double ms_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

constexpr double kPi = 3.14159265358979323846;

std::vector<std::vector<double>> monthly_series(int count, int n) {
  demo::Rng r(12, 1);
  std::vector<std::vector<double>> out;
  for (int i = 0; i < count; ++i) {
    const double level = r.uniform(200, 3000);
    const bool mul = i % 2 == 0;
    const double growth = r.uniform(-0.002, 0.012);  // per month
    const double amp = r.uniform(0.1, 0.4);
    const double ph1 = r.uniform(0, 2 * kPi), ph2 = r.uniform(0, 2 * kPi), w2 = r.uniform(0, 0.5);
    const double noise = r.uniform(0.02, 0.08);
    std::vector<double> y;
    double lv = level;
    for (int t = 0; t < n; ++t) {
      lv *= 1 + growth + 0.01 * noise * r.normal();  // a slowly wandering growth path
      const double s = amp * (std::sin(2 * kPi * t / 12 + ph1) + w2 * std::sin(4 * kPi * t / 12 + ph2));
      const double e = noise * r.normal();
      y.push_back(mul ? lv * (1 + s) * (1 + e) : lv + level * s + level * e);
      y.back() = std::max(1.0, std::round(y.back()));
    }
    out.push_back(std::move(y));
  }
  return out;
}

double poisson(demo::Rng& r, double mean) {
  if (mean > 30) return std::max(0.0, std::round(mean + std::sqrt(mean) * r.normal()));
  const double L = std::exp(-mean);
  double p = 1;
  int k = 0;
  do {
    ++k;
    p *= r.uniform();
  } while (p > L);
  return k - 1;
}

std::vector<std::vector<double>> daily_series(int count, int n) {
  demo::Rng r(12, 2);
  std::vector<std::vector<double>> out;
  for (int i = 0; i < count; ++i) {
    const double base = r.uniform(3, 40);
    double wk[7];
    for (double& w : wk) w = r.uniform(0.7, 1.4);
    std::vector<double> y;
    for (int t = 0; t < n; ++t) {
      const double mean = base * wk[t % 7] * (1 + 0.15 * std::sin(2 * kPi * t / 365.0)) * std::max(0.2, 1 + 0.35 * r.normal());
      y.push_back(poisson(r, mean));
    }
    out.push_back(std::move(y));
  }
  return out;
}

std::vector<std::vector<double>> weekly_series(int count, int n) {
  demo::Rng r(12, 3);
  std::vector<std::vector<double>> out;
  for (int i = 0; i < count; ++i) {
    const double u = r.uniform();
    const double base = 0.2 * std::pow(250.0, u);  // 0.2 .. 50 units a week, most of them small
    const double amp = r.uniform(0, 0.5), ph = r.uniform(0, 2 * kPi), trend = r.uniform(-0.004, 0.006);
    std::vector<double> y;
    for (int t = 0; t < n; ++t)
      y.push_back(poisson(r, std::max(0.0, base * (1 + trend * t) * (1 + amp * std::sin(2 * kPi * t / 52 + ph)))));
    out.push_back(std::move(y));
  }
  return out;
}

void write_csv(const std::string& path, const std::vector<std::vector<double>>& s) {
  FILE* f = std::fopen(path.c_str(), "w");
  if (!f) return;
  std::fprintf(f, "id,t,y\n");
  for (size_t i = 0; i < s.size(); ++i)
    for (size_t t = 0; t < s[i].size(); ++t) std::fprintf(f, "%zu,%zu,%.17g\n", i, t + 1, s[i][t]);
  std::fclose(f);
}

struct Eval {
  std::vector<double> mase_auto, mase_snaive, mase_best_single;
  std::vector<std::string> chosen, model;
};

Eval evaluate(const std::vector<std::vector<double>>& all, int m, int test) {
  Eval e;
  for (const auto& y : all) {
    const std::vector<double> train(y.begin(), y.end() - test), act(y.end() - test, y.end());
    const double scale = mase_scale(train, m);
    const Choice c = choose(train, m, test);
    const Forecast& f = c.forecast;
    const Forecast s = forecast(train, m, test, Method::snaive);
    e.mase_auto.push_back(accuracy(act, f.mean, scale).mase);
    e.mase_snaive.push_back(accuracy(act, s.mean, scale).mase);
    e.chosen.push_back(method_name(c.chosen));
    e.model.push_back(f.model);
  }
  return e;
}

double mean(const std::vector<double>& v) {
  double s = 0;
  for (double x : v) s += x;
  return v.empty() ? 0 : s / static_cast<double>(v.size());
}

// Bytes held by the results (vectors by capacity, strings beyond the small-string buffer).
template <class T>
size_t vec_bytes(const std::vector<T>& v) {
  return v.capacity() * sizeof(T);
}
size_t str_bytes(const std::string& s) { return s.capacity() > 15 ? s.capacity() + 1 : 0; }
size_t bytes_of(const DemandPlan& p) {
  size_t b = sizeof p + vec_bytes(p.products);
  for (const DemandForecast& f : p.products) b += vec_bytes(f.weekly);
  return b;
}
size_t bytes_of(const ReorderTable& t) {
  size_t b = sizeof t + vec_bytes(t.lines);
  for (const ReorderLine& l : t.lines) b += str_bytes(l.sku);
  return b;
}
size_t bytes_of(const Portfolio& p) {
  size_t b = sizeof p + vec_bytes(p.lines);
  for (const PortfolioLine& l : p.lines) b += str_bytes(l.sku);
  return b;
}
size_t bytes_of(const RoleMix& m) { return sizeof m + vec_bytes(m.lines) + vec_bytes(m.losing_traffic); }
size_t bytes_of(const PlanningData& d) {
  size_t b = sizeof d + vec_bytes(d.suppliers) + vec_bytes(d.orders) + vec_bytes(d.terms) + vec_bytes(d.product_supplier);
  for (const PurchaseOrder& o : d.orders) b += str_bytes(o.id) + str_bytes(o.sku);
  for (const SupplierInfo& s : d.suppliers) b += str_bytes(s.name);
  for (const SupplyTerms& t : d.terms) b += str_bytes(t.sku);
  return b;
}
size_t bytes_of(const std::vector<SupplierScore>& v) {
  size_t b = vec_bytes(v);
  for (const SupplierScore& s : v) b += str_bytes(s.name) + vec_bytes(s.quarters);
  return b;
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0 : v[v.size() / 2];
}

// Section 4; returns false when the store cannot be made.
bool store_tables(int skus, const std::string& out) {
  auto store = Store::open_memory();
  if (!store) return false;
  DemoOptions opt;
  opt.products = skus;
  opt.order_lines = static_cast<int64_t>(skus) * 120;  // 600,000 lines for 5,000 products
  opt.months = 24;
  opt.end_day = days_from_civil(2026, 11, 22);
  auto t0 = std::chrono::steady_clock::now();
  if (!generate_demo(*store, opt)) return false;
  auto ds = load_dataset(*store);
  if (!ds) return false;
  auto pd = load_planning(store->db(), *ds);
  if (!pd) return false;
  std::printf("demo store: %d products, %zu orders, %zu lines, %zu purchase-order lines (made in %.0f ms)\n", skus, ds->orders(),
              ds->lines(), pd->orders.size(), ms_since(t0));

  auto c0 = bench::cpu_now_ms();
  t0 = std::chrono::steady_clock::now();
  DemandForecaster fc(*ds, *pd, 30);
  const double series_ms = cpu_ms_since(c0);
  fc.step(fc.size());
  const DemandPlan plan = fc.take();
  const double fc_cpu = cpu_ms_since(c0), fc_wall = ms_since(t0);
  std::printf("  forecasts behind the reorder table (weekly series of up to 104 weeks per SKU, auto choice, season 52):\n"
              "    %.0f ms CPU (%.0f ms of it building the series), %.0f ms wall\n", fc_cpu, series_ms, fc_wall);

  std::vector<double> cpu, wall;
  ReorderTable t;
  for (int r = 0; r < 15; ++r) {
    c0 = bench::cpu_now_ms();
    t0 = std::chrono::steady_clock::now();
    t = reorder_from_forecasts(*ds, *pd, plan, ReorderQuery{r % 2 ? 0.95 : 0.99, 30});
    cpu.push_back(cpu_ms_since(c0)), wall.push_back(ms_since(t0));
  }
  int sugg = 0;
  for (const ReorderLine& l : t.lines) sugg += l.suggested > 0;
  std::printf("  reorder table from those forecasts: %zu lines (%d to reorder): median %.1f ms wall, %.1f ms CPU over 15 runs "
              "(goal < 100 ms)\n", t.lines.size(), sugg, median(wall), median(cpu));

  c0 = bench::cpu_now_ms();
  const Portfolio pf = compute_portfolio(*ds, PortfolioQuery{});
  const double pf_ms = cpu_ms_since(c0);
  c0 = bench::cpu_now_ms();
  const RoleMix mix = compute_roles(*ds, load_seller_roles(store->db(), *ds));
  const double roles_ms = cpu_ms_since(c0);
  c0 = bench::cpu_now_ms();
  const auto scores = score_suppliers(*pd);
  const double sc_ms = cpu_ms_since(c0);
  std::printf("  portfolio (ABC x XYZ, lifecycle, dead stock) %.0f ms CPU; roles %.0f ms; supplier scorecard %.1f ms\n", pf_ms,
              roles_ms, sc_ms);
  const size_t b_plan = bytes_of(plan), b_table = bytes_of(t), b_pf = bytes_of(pf), b_mix = bytes_of(mix),
               b_pd = bytes_of(*pd), b_sc = bytes_of(scores);
  const double mb = 1.0 / (1024 * 1024);
  std::printf("  memory of the results: forecasts %.2f MB, reorder table %.2f MB, portfolio %.2f MB, roles %.2f MB, "
              "purchase orders and suppliers %.2f MB, scorecard %.3f MB: total %.2f MB (goal < 50 MB; 64-bit sizes, "
              "wasm32's are smaller)\n",
              b_plan * mb, b_table * mb, b_pf * mb, b_mix * mb, b_pd * mb, b_sc * mb,
              (b_plan + b_table + b_pf + b_mix + b_pd + b_sc) * mb);
  if (bench::wasm_heap_mb() > 0)
    std::printf("  wasm memory (peak so far: the demo store, its dataset and all the above): %.0f MB\n", bench::wasm_heap_mb());
  if (!out.empty()) {
    // The same weekly series for the peer (statsmodels fits on a sample, scaled).
    const DailyUnits u = daily_units(*ds);
    const int weeks = std::min(104, u.days / 7);
    std::vector<std::vector<double>> ws;
    for (size_t p = 0; p < u.units.size(); ++p) {
      if (u.units[p].empty()) continue;
      std::vector<double> y(static_cast<size_t>(weeks), 0.0);
      for (int w = 0; w < weeks; ++w)
        for (int d = u.days - (weeks - w) * 7; d < u.days - (weeks - 1 - w) * 7; ++d) y[static_cast<size_t>(w)] += u.units[p][static_cast<size_t>(d)];
      ws.push_back(std::move(y));
    }
    write_csv(out + "/store_weekly.csv", ws);
    FILE* f = std::fopen((out + "/store.json").c_str(), "w");
    if (f) {
      std::fprintf(f, "{\"skus\": %zu, \"forecast_cpu_ms\": %.1f, \"reorder_ms\": %.2f}\n", ws.size(), fc_cpu, median(wall));
      std::fclose(f);
    }
  }
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  std::string out;
  int skus = 5000, store_skus = 5000;
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--out") && i + 1 < argc) out = argv[++i];
    else if (!std::strcmp(argv[i], "--skus") && i + 1 < argc) skus = std::atoi(argv[++i]);
    else if (!std::strcmp(argv[i], "--store-skus") && i + 1 < argc) store_skus = std::atoi(argv[++i]);
  }
  const auto monthly = monthly_series(40, 96);
  const auto daily = daily_series(20, 728 + 28);
  const auto weekly = weekly_series(skus, 104);

  auto c0 = bench::cpu_now_ms();
  const Eval em = evaluate(monthly, 12, 12);
  const double monthly_ms = cpu_ms_since(c0);
  std::printf("monthly retail: 40 series, 84 months fitted, 12 held out (%.0f ms CPU)\n", monthly_ms);
  std::printf("  automatic choice: mean MASE %.4f (seasonal naive %.4f)\n", mean(em.mase_auto), mean(em.mase_snaive));
  int counts[kMethods] = {};
  for (const auto& c : em.chosen) counts[static_cast<int>(*parse_method(c))]++;
  std::printf("  chosen:");
  for (int i = 0; i < kMethods; ++i)
    if (counts[i]) std::printf(" %s %d", method_name(static_cast<Method>(i)), counts[i]);
  std::printf("\n");

  const Eval ed = evaluate(daily, 7, 28);
  std::printf("noisy daily: 20 series, 728 days fitted, 28 held out\n");
  std::printf("  automatic choice: mean MASE %.4f, seasonal naive %.4f (ratio %.3f)\n", mean(ed.mase_auto),
              mean(ed.mase_snaive), mean(ed.mase_auto) / mean(ed.mase_snaive));

  c0 = bench::cpu_now_ms();
  const auto w0 = std::chrono::steady_clock::now();
  int wcounts[kMethods] = {};
  double checksum = 0;
  for (const auto& y : weekly) {
    const Choice c = choose(y, 52, 8);
    const Forecast& f = c.forecast;
    wcounts[static_cast<int>(c.chosen)]++;
    checksum += f.mean[0];
  }
  const double wcpu = cpu_ms_since(c0), wwall = ms_since(w0);
  std::printf("weekly SKUs: %d x 104 weeks, season 52, horizon 8: automatic choice (backtest) + forecast\n", skus);
  std::printf("  %.0f ms CPU, %.0f ms wall (goal < 5000 ms for 5,000 SKUs); checksum %.3f\n", wcpu, wwall, checksum);
  std::printf("  chosen:");
  for (int i = 0; i < kMethods; ++i)
    if (wcounts[i]) std::printf(" %s %d", method_name(static_cast<Method>(i)), wcounts[i]);
  std::printf("\n");

  if (store_skus > 0 && !store_tables(store_skus, out)) std::printf("demo store: could not be made\n");

  if (!out.empty()) {
    write_csv(out + "/monthly.csv", monthly);
    write_csv(out + "/daily.csv", daily);
    write_csv(out + "/weekly.csv", weekly);
    FILE* f = std::fopen((out + "/ours.json").c_str(), "w");
    if (f) {
      std::fprintf(f, "{\"monthly\": [");
      for (size_t i = 0; i < em.mase_auto.size(); ++i)
        std::fprintf(f, "%s{\"mase\": %.10g, \"chosen\": \"%s\", \"model\": \"%s\"}", i ? ", " : "", em.mase_auto[i],
                     em.chosen[i].c_str(), em.model[i].c_str());
      std::fprintf(f, "], \"daily_auto\": %.10g, \"daily_snaive\": %.10g, \"weekly_cpu_ms\": %.1f, \"weekly_skus\": %d}\n",
                   mean(ed.mase_auto), mean(ed.mase_snaive), wcpu, skus);
      std::fclose(f);
    }
  }
  return 0;
}
