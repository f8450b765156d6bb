// Pricing benchmark: unit economics for 5,000 SKUs x 6 channels and elasticity for 5,000 SKUs
// over two years (issue #13: < 50 ms and < 2 s natively).
//   pricing_bench [--db DIR] [--skus N] [--reps R] [--statsmodels] [--economics-only]
// --db DIR: a store directory; when it holds no store a synthetic one is written there first
// (default: a temp folder per N, reused by later runs): N SKUs (default 5,000) in 50 categories,
// two years ending 2025-06-29 (104 whole weeks), each SKU with its own elasticity (-0.5..-3) and
// a price step every 6 weeks; each week's units (Poisson around 2.5 (p/p0)^e with season) are
// single-SKU orders on random days and channels (tmall, taobao, jd, pinduoduo, douyin, shopify),
// about 1,000,000 order lines; ad spend per channel and day. Prints the load time and the median
// / min of each computation. --statsmodels: also exports the weekly series
// (DIR/weekly.csv) and runs tests/bench/pricing_statsmodels.py on it, which times statsmodels OLS
// on the same regressions, and exports the order lines (DIR/economics_*.csv) for
// tests/bench/pricing_pandas.py, which times the economics pass's sums in pandas. --economics-only: stop after the unit economics' times and memory
// (for profiling the pass). Figures only: nothing here passes or fails.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <malloc.h>
#include <new>
#include <fstream>
#include <string>
#include <vector>

#include "core/base/random.h"
#include "core/pricing/economics.h"
#include "core/pricing/elasticity.h"
#include "core/store/dataset.h"
#include "core/store/store.h"
#include "tests/bench/timing.h"

// Heap accounting for the memory figures (issue #13: price history and elasticity inputs add
// at most 8 bytes per order line): every operator new/delete of this process is counted with
// malloc_usable_size, so the peak above a baseline is the computation's working memory.
namespace {
size_t g_heap_now = 0, g_heap_peak = 0;
}
void* operator new(size_t n) {
  void* p = std::malloc(n ? n : 1);
  if (!p) throw std::bad_alloc();
  g_heap_now += malloc_usable_size(p);
  g_heap_peak = std::max(g_heap_peak, g_heap_now);
  return p;
}
void operator delete(void* p) noexcept {
  if (!p) return;
  g_heap_now -= malloc_usable_size(p);
  std::free(p);
}
void operator delete(void* p, size_t) noexcept { operator delete(p); }

using namespace shopkeeper;
using namespace shopkeeper::pricing;

namespace {

// Heap bytes above the current level while `fn` runs: the peak, and what its result keeps.
struct HeapUse {
  size_t peak = 0, kept = 0;
};
template <class F>
HeapUse heap_use(F&& fn) {
  const size_t base = g_heap_now;
  g_heap_peak = base;
  auto result = fn();
  HeapUse u{g_heap_peak - base, g_heap_now - base};
  return u;
}

using namespace shopkeeper::bench;

constexpr const char* kChannels[] = {"tmall", "taobao", "jd", "pinduoduo", "douyin", "shopify"};

int64_t poisson(demo::Rng& rng, double lam) {
  // Knuth's method (lam is small here).
  const double l = std::exp(-lam);
  int64_t k = 0;
  double p = 1;
  do {
    ++k;
    p *= rng.uniform();
  } while (p > l);
  return k - 1;
}

Status build_store(Store& store, int n_skus) {
  demo::Rng rng{20260113};
  const Day last = days_from_civil(2025, 6, 29), first = last - 7 * 104 + 1;  // Monday .. Sunday
  return store.write([&](Writer& w) -> Status {
    std::vector<Money> base(static_cast<size_t>(n_skus));
    std::vector<double> el(static_cast<size_t>(n_skus));
    for (int p = 0; p < n_skus; ++p) {
      Product pr;
      pr.sku = "P" + std::to_string(p);
      pr.category = "cat" + std::to_string(p % 50);
      pr.list_price = base[static_cast<size_t>(p)] = rng.range(10, 300) * 100 - 1;
      pr.unit_cost = pr.list_price * rng.range(30, 60) / 100;
      pr.weight_g = static_cast<int32_t>(rng.range(100, 2500));
      el[static_cast<size_t>(p)] = -rng.uniform(0.5, 3.0);
      if (auto r = w.put(pr); !r) return r;
    }
    const double steps[] = {1.0, 0.9, 1.1, 0.95, 1.05, 0.85};
    int64_t n = 0;
    for (int p = 0; p < n_skus; ++p) {
      const std::string sku = "P" + std::to_string(p);
      for (int wk = 0; wk < 104; ++wk) {
        const Money price = std::llround(static_cast<double>(base[static_cast<size_t>(p)]) * steps[(wk / 6 + p) % 6]);
        const Day d0 = first + 7 * wk;
        const double season = 0.3 * std::sin(6.283185307 * d0 / 365.25);
        const double lam = 3.7 * std::pow(static_cast<double>(price) / static_cast<double>(base[static_cast<size_t>(p)]),
                                          el[static_cast<size_t>(p)]) *
                           std::exp(season);
        for (int64_t u = poisson(rng, lam); u > 0;) {
          const int64_t q = std::min<int64_t>(u, rng.range(1, 2));
          u -= q;
          Order o;
          o.id = "B" + std::to_string(++n);
          o.placed_at = start_of(d0 + static_cast<Day>(rng.range(0, 6))) + rng.range(28800, 79200);
          o.status = OrderStatus::completed;
          o.channel = kChannels[rng.range(0, 5)];
          o.traffic_source = rng.chance(0.3) ? "ads" : "search";
          o.items_amount = q * price;
          o.paid_amount = o.items_amount;
          if (auto r = w.add_order(o); !r) return r.error();
          if (auto r = w.put(OrderLine{o.id, 1, sku, "", q, price, 0, std::nullopt}); !r) return r;
        }
      }
    }
    // The list-price path in price_history (the price book's log of an edit): it prices the weeks
    // without a sale of the PPML fits.
    auto h = w.db().prepare("INSERT INTO price_history(sku, at, old_price, new_price, source) VALUES(?,?,?,?,'edit')");
    if (!h) return Status(h.error());
    for (int p = 0; p < n_skus; ++p)
      for (int wk = 1; wk < 104; ++wk) {
        const double b = static_cast<double>(base[static_cast<size_t>(p)]);
        const Money was = std::llround(b * steps[((wk - 1) / 6 + p) % 6]), now = std::llround(b * steps[(wk / 6 + p) % 6]);
        if (was == now) continue;
        h->reset();
        h->bind(1, "P" + std::to_string(p)).bind(2, start_of(first + 7 * wk) + 9 * 3600).bind(3, was).bind(4, now);
        if (auto r = h->run(); !r) return r;
      }
    for (Day d = first; d <= last; ++d)
      for (const char* c : kChannels)
        if (auto r = w.put(AdSpend{d, c, rng.range(5000, 50000), 0, 0}); !r) return r;
    return Status(Ok{});
  });
}

}  // namespace

int main(int argc, char** argv) {
  std::string dir;
  int skus = 5000, reps = 5;
  bool statsmodels = false, economics_only = false;
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--db") && i + 1 < argc) dir = argv[++i];
    else if (!std::strcmp(argv[i], "--skus") && i + 1 < argc) skus = std::atoi(argv[++i]);
    else if (!std::strcmp(argv[i], "--reps") && i + 1 < argc) reps = std::atoi(argv[++i]);
    else if (!std::strcmp(argv[i], "--statsmodels")) statsmodels = true;
    else if (!std::strcmp(argv[i], "--economics-only")) economics_only = true;
  }
  if (dir.empty()) dir = (std::filesystem::temp_directory_path() / ("sk_pricing_bench2_" + std::to_string(skus))).string();
  bool fresh = !std::filesystem::exists(dir + "/store.db");
  auto store = Store::open(dir);
  if (!store) return std::fprintf(stderr, "%s\n", store.error().message.c_str()), 1;
  if (fresh) {
    Timer t;
    if (auto st = build_store(*store, skus); !st) return std::fprintf(stderr, "%s\n", st.error().message.c_str()), 1;
    std::printf("built the store in %s: %.1f s\n", dir.c_str(), t.wall_ms() / 1000);
  }
  Timer tl;
  auto ds = load_dataset(*store);
  if (!ds) return std::fprintf(stderr, "%s\n", ds.error().message.c_str()), 1;
  std::printf("dataset: %zu SKUs, %zu orders, %zu lines, %d channels; load %.0f ms\n", ds->sku.size(), ds->orders(), ds->lines(),
              ds->channels.size(), tl.wall_ms());
  auto in = load_economics_inputs(store->db(), *ds);
  auto ein = load_elasticity_inputs(store->db());
  if (!in || !ein) return 1;

  std::vector<double> wall, cpu;
  size_t rows = 0;
  for (int r = 0; r < reps; ++r) {
    Timer t;
    auto e = compute_economics(*ds, *in, EconomicsQuery{});
    wall.push_back(t.wall_ms());
    cpu.push_back(t.cpu_ms());
    rows = e.rows.size();
  }
  std::printf("economics: %zu SKU x channel rows: median %.1f ms, min %.1f ms (cpu median %.1f ms)\n", rows, median(wall),
              minimum(wall), median(cpu));
  // Working memory per order line: the peak heap above the loaded Dataset and inputs during one
  // run, less what the result keeps (rows per SKU x channel or per SKU: independent of the lines),
  // divided by the order lines.
  const double lines = static_cast<double>(ds->lines());
  auto report = [&](const char* what, HeapUse u) {
    std::printf("%s: working memory %.1f MB = %.2f bytes per order line (peak %.1f MB incl. the result's %.1f MB)\n", what,
                (u.peak - u.kept) / 1e6, (u.peak - u.kept) / lines, u.peak / 1e6, u.kept / 1e6);
  };
  if (statsmodels) {
    // The peer of the economics pass: the same sums (units, revenue, orders, shipping by weight,
    // ad cost and fixed payment fee split over the order's units, per SKU and channel) in pandas,
    // from the order lines, products' weights and channels' schedules exported here.
    {
      std::ofstream f(dir + "/economics_lines.csv");
      f << "order,status,channel,source,sku,qty,price,discount\n";
      for (size_t o = 0; o < ds->orders(); ++o)
        for (uint32_t l = ds->order_line_begin[o]; l < ds->order_line_begin[o + 1]; ++l)
          if (ds->line_kind[l] == 0 && ds->line_product[l] >= 0)
            f << o << ',' << int(ds->order_status[o]) << ',' << ds->order_channel[o] << ',' << ds->order_source[o] << ','
              << ds->line_product[l] << ',' << ds->line_qty[l] << ',' << ds->line_price[l] << ',' << ds->line_discount[l] << '\n';
      std::ofstream w(dir + "/economics_products.csv");
      w << "sku,weight_g\n";
      for (size_t p = 0; p < in->weight_g.size(); ++p) w << p << ',' << in->weight_g[p] << '\n';
      std::ofstream c(dir + "/economics_channels.csv");
      c << "channel,name,first_kg,per_extra_kg,payment_fixed,ad_spend\n";
      for (int32_t ch = 0; ch < ds->channels.size(); ++ch) {
        const std::string& name = ds->channels.names[static_cast<size_t>(ch)];
        const ChannelFees fees = effective_fees(in->stored_fees, name);
        Money spend = 0;  // the bench's ad spend rows are named after the channels
        for (size_t a = 0; a < ds->ad_day.size(); ++a)
          if (ds->ad_source[a] >= 0 && ds->sources.names[static_cast<size_t>(ds->ad_source[a])] == name) spend += ds->ad_spend[a];
        c << ch << ',' << name << ',' << fees.shipping_per_order << ',' << fees.shipping_per_extra_kg << ',' << fees.payment_fixed << ','
          << spend << '\n';
      }
    }
    std::fflush(stdout);
    const std::string cmd = "/usr/bin/python3 " + std::string(SK_SOURCE_DIR) + "/tests/bench/pricing_pandas.py " + dir;
    if (std::system(cmd.c_str()) != 0) std::printf("pandas: the script failed\n");
  }
  if (economics_only) {
    report("economics", heap_use([&] { return compute_economics(*ds, *in, EconomicsQuery{}); }));
    return 0;
  }
  for (Grain g : {Grain::week, Grain::day}) {
    wall.clear();
    cpu.clear();
    size_t usable = 0, n = 0, ppml = 0;
    for (int r = 0; r < std::max(1, reps / 2); ++r) {
      Timer t;
      ElasticityQuery q;
      q.grain = g;
      auto e = compute_elasticity(*ds, *ein, q);
      wall.push_back(t.wall_ms());
      cpu.push_back(t.cpu_ms());
      n = e.rows.size();
      usable = static_cast<size_t>(std::count_if(e.rows.begin(), e.rows.end(), [](const ElasticityRow& x) { return x.usable; }));
      ppml = static_cast<size_t>(
          std::count_if(e.rows.begin(), e.rows.end(), [](const ElasticityRow& x) { return x.method == Method::ppml; }));
    }
    std::printf("elasticity (%s): %zu SKUs (%zu usable, %zu by PPML) + %d categories pooled: median %.0f ms, min %.0f ms (cpu median %.0f ms)\n",
                g == Grain::week ? "weekly" : "daily", n, usable, ppml, 50, median(wall), minimum(wall), median(cpu));
  }
  report("economics", heap_use([&] { return compute_economics(*ds, *in, EconomicsQuery{}); }));
  for (Grain g : {Grain::week, Grain::day}) {
    ElasticityQuery q;
    q.grain = g;
    report(g == Grain::week ? "elasticity (weekly)" : "elasticity (daily)", heap_use([&] { return compute_elasticity(*ds, *ein, q); }));
  }
  if (statsmodels) {
    // The weekly series of every SKU, for the statsmodels timing of the same regressions.
    ElasticityQuery q;
    auto e = compute_elasticity(*ds, *ein, q);
    std::ofstream f(dir + "/weekly.csv");
    f << "sku,first_day,week,units,revenue,list\n";
    const Day f0 = e.used.first;
    std::vector<std::vector<std::pair<int64_t, Money>>> agg(ds->sku.size(), std::vector<std::pair<int64_t, Money>>(104));
    auto [lo, hi] = ds->orders_in(e.used);
    for (size_t o = lo; o < hi; ++o)
      for (uint32_t l = ds->order_line_begin[o]; l < ds->order_line_begin[o + 1]; ++l) {
        const int32_t p = ds->line_product[l];
        const size_t wk = static_cast<size_t>((ds->order_day[o] - f0) / 7);
        if (p < 0 || wk >= 104) continue;
        agg[static_cast<size_t>(p)][wk].first += ds->line_qty[l];
        agg[static_cast<size_t>(p)][wk].second += ds->line_qty[l] * ds->line_price[l] - ds->line_discount[l];
      }
    // Every week of each SKU's selling span (weeks without a sale with units 0), with the list price
    // in force (build_store's path): the statsmodels script fits PPML where a week has no sale.
    const double steps[] = {1.0, 0.9, 1.1, 0.95, 1.05, 0.85};
    for (size_t p = 0; p < agg.size(); ++p) {
      size_t a = 104, b = 0;
      for (size_t wk = 0; wk < 104; ++wk)
        if (agg[p][wk].first > 0) a = std::min(a, wk), b = wk;
      const int n = std::atoi(ds->sku[p].c_str() + 1);
      for (size_t wk = a; wk <= b && a < 104; ++wk)
        f << ds->sku[p] << "," << f0 << "," << wk << "," << agg[p][wk].first << "," << agg[p][wk].second << ","
          << std::llround(static_cast<double>(ds->product_price[p]) * steps[(static_cast<int>(wk) / 6 + n) % 6]) << "\n";
    }
    f.close();
    std::fflush(stdout);
    const std::string cmd = "/usr/bin/python3 " + std::string(SK_SOURCE_DIR) + "/tests/bench/pricing_statsmodels.py " + dir + "/weekly.csv";
    if (std::system(cmd.c_str()) != 0) std::printf("statsmodels: the script failed\n");
  }
  return 0;
}
