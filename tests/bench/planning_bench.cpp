// Planning benchmark (prints figures, asserts nothing; issue #12):
//  1. accuracy on generated monthly retail series (trend + yearly season, 84 months fitted,
//     12 held out): the automatic choice's out-of-sample MASE per series and on average;
//  2. noisy daily series (season 7): the automatic choice against seasonal naive;
//  3. speed: automatic choice with backtest + final forecast for 5,000 SKUs x 104 weeks
//     (season 52, horizon 8), CPU and wall time.
// With --out DIR it writes the series (monthly.csv, daily.csv, weekly.csv: id,t,y) and its own
// figures (ours.json) there for tests/bench/planning_peer.py, which fits R's forecast::ets and
// statsmodels' ETS on the same training data and prints both beside these figures.
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <string>
#include <vector>

#include "core/base/random.h"
#include "core/planning/forecast.h"

using namespace shopkeeper;
using namespace shopkeeper::planning;

namespace {

double cpu_ms_since(std::clock_t c0) { return 1000.0 * static_cast<double>(std::clock() - c0) / CLOCKS_PER_SEC; }
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

}  // namespace

int main(int argc, char** argv) {
  std::string out;
  int skus = 5000;
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--out") && i + 1 < argc) out = argv[++i];
    else if (!std::strcmp(argv[i], "--skus") && i + 1 < argc) skus = std::atoi(argv[++i]);
  }
  const auto monthly = monthly_series(40, 96);
  const auto daily = daily_series(20, 728 + 28);
  const auto weekly = weekly_series(skus, 104);

  auto c0 = std::clock();
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

  c0 = std::clock();
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
