// Insights benchmark: association rules over the demo store's baskets, customer clustering,
// beside a Python reference (tests/bench/insights_reference.py: a plain FP-growth, sklearn's
// KMeans) on the same data in the same run.
//   insights_bench [--db DIR] [--lines N] [--support NUM/DEN] [--reps R] [--no-python]
// --db DIR: a store; when it holds none, the demo shop with N order lines (default 1,000,000,
// as `shopkeeper demo --orders N`) is generated there first (default DIR: a temp folder per N).
// Prints medians of R runs (default 3) of wall and CPU time, and the peak resident memory of
// the rule mining itself (Linux: the high-water mark is reset before mining via
// /proc/self/clear_refs, so it is the peak while the dataset is loaded plus what mining adds).
// Figures only: nothing here passes or fails.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "core/demo/generator.h"
#include "core/insights/clusters.h"
#include "core/insights/rules.h"
#include "core/insights/titles.h"
#include "core/base/random.h"
#include "core/store/dataset.h"
#include "core/store/store.h"
#include "tests/bench/timing.h"

using namespace shopkeeper;
using namespace shopkeeper::insights;

namespace {

using bench::median;
using bench::proc_mb;
using bench::reset_peak;
using bench::Timer;

}  // namespace

int main(int argc, char** argv) {
  std::string db;
  int64_t lines = 1000000;
  int reps = 3;
  bool python = true;
  Fraction support{1, 1000};
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--db" && i + 1 < argc) db = argv[++i];
    else if (a == "--lines" && i + 1 < argc) lines = std::atoll(argv[++i]);
    else if (a == "--reps" && i + 1 < argc) reps = std::atoi(argv[++i]);
    else if (a == "--support" && i + 1 < argc) {
      std::string s = argv[++i];
      auto slash = s.find('/');
      support = Fraction{std::atoll(s.substr(0, slash).c_str()), std::atoll(s.substr(slash + 1).c_str())};
    } else if (a == "--no-python") python = false;
    else {
      std::fprintf(stderr, "usage: insights_bench [--db DIR] [--lines N] [--support NUM/DEN] [--reps R] [--no-python]\n");
      return 2;
    }
  }
  if (db.empty()) db = (std::filesystem::temp_directory_path() / ("shopkeeper_insights_bench_" + std::to_string(lines))).string();
  std::filesystem::create_directories(db);
  {
    auto s = Store::open(db, false);
    if (!s) return std::fprintf(stderr, "%s\n", s.error().message.c_str()), 1;
    auto have = s->db().scalar("SELECT COUNT(*) FROM order_lines");
    if (!have || *have == 0) {
      std::printf("generating the demo shop with %lld order lines in %s ...\n", static_cast<long long>(lines), db.c_str());
      DemoOptions o;
      o.order_lines = lines;
      o.end_day = days_from_civil(2026, 11, 30);  // fixed, so every run mines the same baskets
      auto r = generate_demo(*s, o);
      if (!r) return std::fprintf(stderr, "%s\n", r.error().message.c_str()), 1;
    }
  }
  auto store = Store::open(db, true);
  if (!store) return std::fprintf(stderr, "%s\n", store.error().message.c_str()), 1;
  Timer tl;
  auto ds = load_dataset(*store);
  if (!ds) return std::fprintf(stderr, "%s\n", ds.error().message.c_str()), 1;
  std::printf("store: %zu orders, %zu lines, %zu products, %zu customers; dataset load %.0f ms, RSS %.0f MB\n", ds->orders(),
              ds->lines(), ds->sku.size(), ds->customer_id.size(), tl.wall_ms(), proc_mb("VmRSS:"));

  // ---- rules -------------------------------------------------------------------------------
  std::printf("\nassociation rules, support %lld/%lld, confidence 0.1, max length 10\n", static_cast<long long>(support.num),
              static_cast<long long>(support.den));
  std::string baskets_file;
  for (BasketLevel level : {BasketLevel::sku, BasketLevel::category}) {
    std::vector<double> wall, cpu;
    size_t rules = 0, sets = 0, baskets = 0;
    const double rss_before = proc_mb("VmRSS:");
    reset_peak();
    for (int r = 0; r < reps; ++r) {
      Timer t;
      BasketQuery bq;
      bq.level = level;
      StoreBaskets sb = store_baskets(*ds, bq);
      RuleQuery q;
      q.min_support = support;
      q.min_confidence = Fraction{1, 10};
      auto res = mine_rules(sb.baskets, q);
      q.rules = false;
      auto its = mine_rules(sb.baskets, q);
      wall.push_back(t.wall_ms());
      cpu.push_back(t.cpu_ms());
      if (!res || !its) return std::fprintf(stderr, "mining failed\n"), 1;
      rules = res->rules.size();
      sets = its->itemsets.size();
      baskets = sb.baskets.size();
      if (level == BasketLevel::sku && r == 0 && python) {
        baskets_file = (std::filesystem::temp_directory_path() / "shopkeeper_insights_baskets.csv").string();
        std::ofstream f(baskets_file, std::ios::binary);
        for (size_t b = 0; b < sb.baskets.size(); ++b) {
          for (uint32_t k = sb.baskets.begin[b]; k < sb.baskets.begin[b + 1]; ++k)
            f << (k > sb.baskets.begin[b] ? "," : "") << sb.baskets.items[static_cast<size_t>(sb.baskets.item[k])];
          f << "\n";
        }
      }
    }
    std::printf("  %-8s %zu baskets -> %zu itemsets, %zu rules: median %.0f ms wall, %.0f ms CPU (baskets + rules + itemsets); "
                "peak RSS %.0f MB (dataset alone %.0f MB)\n",
                level == BasketLevel::sku ? "sku" : "category", baskets, sets, rules, median(wall), median(cpu), proc_mb("VmHWM:"),
                rss_before);
    if (bench::wasm_heap_mb() > 0)
      std::printf("  wasm memory after mining (peak so far, dataset included): %.0f MB of the web build's 2048 MB\n",
                  bench::wasm_heap_mb());
  }

  // ---- clusters ----------------------------------------------------------------------------
  std::printf("\ncustomer clusters (k by silhouette over 2..8, 10 restarts on a 20,000-customer sample, refined over all)\n");
  std::string features_file;
  int chosen_k = 0;
  {
    std::vector<double> wall, cpu;
    ClusterResult last;
    for (int r = 0; r < reps; ++r) {
      Timer t;
      auto res = cluster_customers(*ds, ClusterQuery{});
      wall.push_back(t.wall_ms());
      cpu.push_back(t.cpu_ms());
      if (!res) return std::fprintf(stderr, "%s\n", res.error().message.c_str()), 1;
      last = std::move(*res);
    }
    chosen_k = last.k;
    {
      // The same k fitted the old way, every restart over all customers (fit_sample 0), once.
      ClusterQuery all;
      all.k = last.k;
      all.fit_sample = 0;
      Timer t;
      auto res = cluster_customers(*ds, all);
      if (res)
        std::printf("  (k = %d with every restart over all customers: inertia %.1f, %.0f ms CPU; the sampled fit's inertia is %+.3f %%)\n",
                    last.k, res->inertia, t.cpu_ms(), 100.0 * (last.inertia - res->inertia) / res->inertia);
    }
    std::printf("  %zu customers x %zu features: k = %d, silhouette %.4f (%lld points), inertia %.1f: median %.0f ms wall, %.0f ms CPU\n",
                last.features.rows(), last.features.cols(), last.k, last.silhouette, static_cast<long long>(last.silhouette_points),
                last.inertia, median(wall), median(cpu));
    // 100,000 customers: the first 100k rows, k fixed to the chosen one.
    const size_t n = std::min<size_t>(100000, last.features.rows()), d = last.features.cols();
    std::vector<double> x(last.features.z.begin(), last.features.z.begin() + static_cast<std::ptrdiff_t>(n * d));
    wall.clear();
    cpu.clear();
    double inertia = 0;
    for (int r = 0; r < reps; ++r) {
      Timer t;
      KMeansFit f = kmeans(x, n, d, chosen_k, 1, 10);
      wall.push_back(t.wall_ms());
      cpu.push_back(t.cpu_ms());
      inertia = f.inertia;
    }
    std::printf("  %zu customers, k = %d fixed, 10 restarts: inertia %.1f, median %.0f ms wall, %.0f ms CPU\n", n, chosen_k, inertia,
                median(wall), median(cpu));
    if (python) {
      features_file = (std::filesystem::temp_directory_path() / "shopkeeper_insights_features.csv").string();
      std::ofstream f(features_file);
      char buf[32];
      for (size_t i = 0; i < n; ++i)
        for (size_t j = 0; j < d; ++j) {
          std::snprintf(buf, sizeof buf, "%.17g", x[i * d + j]);
          f << buf << (j + 1 < d ? "," : "\n");
        }
    }
  }


  // ---- titles ------------------------------------------------------------------------------
  std::string titles_file;
  {
    // 5,000 titles: each a store title plus words of other titles (seeded), 20-70 bytes.
    demo::Rng rng(5000);
    std::vector<TitleInput> in;
    for (int i = 0; i < 5000; ++i) {
      const size_t p = static_cast<size_t>(i) % ds->sku.size();
      TitleInput t{"T" + std::to_string(i), ds->product_title[p], ds->product_category[p] >= 0 ? ds->categories.names[static_cast<size_t>(ds->product_category[p])] : ""};
      const int extra = static_cast<int>(rng.range(0, 4));
      for (int e = 0; e < extra; ++e) {
        const std::string& o = ds->product_title[rng.below(static_cast<uint32_t>(ds->sku.size()))];
        size_t cut = std::min<size_t>(12, o.size());
        while (cut > 0 && cut < o.size() && (static_cast<unsigned char>(o[cut]) & 0xC0) == 0x80) --cut;  // a whole character
        t.title += " " + o.substr(0, cut);
      }
      in.push_back(std::move(t));
    }
    const std::vector<std::string> banned = default_banned_terms();
    segment_title("预热");  // the dictionary is built once, on first use: not part of the figure
    std::vector<double> wall, cpu;
    size_t findings = 0;
    for (int r = 0; r < reps; ++r) {
      Timer t;
      auto rep = check_titles(in, {}, banned);
      wall.push_back(t.wall_ms());
      cpu.push_back(t.cpu_ms());
      findings = 0;
      for (const auto& x : rep) findings += x.findings.size();
    }
    std::printf("\ntitles: 5,000 titles, all checks: median %.1f ms wall, %.1f ms CPU, %zu findings\n", median(wall), median(cpu), findings);
    if (python) {
      titles_file = (std::filesystem::temp_directory_path() / "shopkeeper_insights_titles.txt").string();
      std::ofstream f(titles_file);
      for (const auto& t : in) f << t.title << "\n";
    }
  }
  if (python) {
    std::printf("\nPython reference (tests/bench/insights_reference.py, same baskets and matrix) ...\n");
    std::fflush(stdout);
    // The script sits beside this file; __FILE__ is relative to the build directory (ccache
    // base dir), where the bench binary is.
    std::filesystem::path here = std::filesystem::path(__FILE__).parent_path();
    if (here.is_relative()) here = std::filesystem::absolute(argv[0]).parent_path() / here;
    const std::string cmd = "/usr/bin/python3 " + (here / "insights_reference.py").string() + " " + baskets_file + " " +
                            std::to_string(support.num) + " " + std::to_string(support.den) + " " + features_file + " " +
                            std::to_string(chosen_k) + " " + titles_file;
    const int rc = std::system(cmd.c_str());
    if (rc != 0) std::printf("  (the Python reference failed: %d)\n", rc);
  }
  return 0;
}
