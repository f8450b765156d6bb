// Import benchmark: generates an Online-Retail-shaped CSV (1,000,000 lines by default), imports it
// natively into an on-disk store and prints the time of each phase. Figures only, no pass/fail.
//   import_bench [--lines N] [--csv PATH] [--csv-only] [--units U] [--keep]
// --csv writes the generated file there (tests/bench/import_duckdb.mjs and import_web.mjs load
// the same file); --csv-only stops after writing it. The commit runs in slices of U units (the
// Data section's per-frame budget, 20000 by default) as the app does; the longest slice is what
// one frame would wait.
#include <algorithm>
#include <chrono>
#include <optional>
#include <ctime>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#ifndef __EMSCRIPTEN__
#include <sys/resource.h>
#endif

#include "core/base/random.h"
#include "core/io/importer.h"
#include "core/store/store.h"
#include "tests/bench/timing.h"

using namespace shopkeeper;

namespace {

// The project's deterministic generator, so every run imports the same file.
using Rng = demo::Rng;

std::string generate(int64_t lines) {
  Rng rng{42};
  std::string out = "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n";
  out.reserve(static_cast<size_t>(lines) * 90);
  const char* countries[] = {"United Kingdom", "France", "Germany", "EIRE", "Spain", "Netherlands"};
  const char* words[] = {"WHITE", "HANGING", "HEART", "T-LIGHT", "HOLDER", "METAL", "LANTERN", "CREAM", "CUPID",
                         "HEARTS", "COAT", "HANGER", "KNITTED", "UNION", "FLAG", "HOT", "WATER", "BOTTLE", "RED",
                         "WOOLLY", "SET", "OF", "3", "BABUSHKA", "NESTING", "BOXES", "GLASS", "STAR", "FROSTED"};
  int64_t written = 0, invoice = 536365;
  Day day = days_from_civil(2010, 12, 1);
  int minute = 8 * 60;
  char buf[256];
  while (written < lines) {
    int64_t n = 1 + rng.below(40);  // lines per invoice, about 20 on average like the UCI data
    bool cancel = rng.below(50) == 0;
    bool guest = rng.below(4) == 0;
    int64_t customer = 12346 + rng.below(4300);
    const char* country = countries[rng.below(6)];
    minute += 1 + static_cast<int>(rng.below(20));
    if (minute >= 20 * 60) minute = 8 * 60, ++day;
    Ymd d = civil_from_days(day);
    for (int64_t i = 0; i < n && written < lines; ++i, ++written) {
      int64_t sku = 20000 + rng.below(4000);
      std::string desc;
      for (int w = 0, k = 2 + static_cast<int>(sku % 4); w < k; ++w) {
        if (w) desc += ' ';
        desc += words[(sku * 7 + w * 13) % 29];
      }
      bool quoted = sku % 17 == 0;  // some descriptions carry a comma and need quotes
      int64_t qty = 1 + rng.below(24);
      int64_t cents = 29 + (sku % 997);
      std::snprintf(buf, sizeof buf, "%s%lld,%lld%s,%s%s%s,%lld,%d/%d/%d %d:%02d,%lld.%02lld,%s,%s\n", cancel ? "C" : "",
                    static_cast<long long>(invoice), static_cast<long long>(sku), sku % 5 == 0 ? "B" : "",
                    quoted ? "\"" : "", (desc + (quoted ? ", ASSORTED" : "")).c_str(), quoted ? "\"" : "",
                    static_cast<long long>(cancel ? -qty : qty), d.m, d.d, d.y, minute / 60, minute % 60,
                    static_cast<long long>(cents / 100), static_cast<long long>(cents % 100),
                    guest ? "" : std::to_string(customer).c_str(), country);
      out += buf;
    }
    ++invoice;
  }
  return out;
}

double secs(std::chrono::steady_clock::time_point a, std::chrono::steady_clock::time_point b) {
  return std::chrono::duration<double>(b - a).count();
}

// Process CPU seconds: on a shared machine the wall clock also counts other processes' turns
// (tests/bench/timing.h: under node, the process's CPU time).
double cpu() { return bench::cpu_now_ms() / 1000.0; }

#ifndef __EMSCRIPTEN__
// CPU seconds (user + system) of the finished child processes so far.
double children_cpu() {
  rusage ru{};
  getrusage(RUSAGE_CHILDREN, &ru);
  return static_cast<double>(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
         static_cast<double>(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

// The peer of issue #16: sqlite3's own shell imports the same CSV into one table of a new
// on-disk database (`.mode csv`, `.import FILE t`: the header names the columns, every value
// text), one transaction as the shell does. Returns {wall, cpu} seconds, or {-1, -1} when the
// shell is missing.
struct Timing {
  double wall = -1, cpu = -1;
};
Timing sqlite3_import(const std::string& csv_path, const std::string& dir) {
  namespace fs = std::filesystem;
  const std::string db = dir + "/sqlite3-import.db";
  std::error_code ec;
  fs::create_directories(dir, ec);
  fs::remove(db, ec);
  const std::string cmd = "sqlite3 -batch '" + db + "' '.mode csv' '.import \"" + csv_path + "\" t' > /dev/null 2>&1";
  auto a = std::chrono::steady_clock::now();
  double c0 = children_cpu();
  int rc = std::system(cmd.c_str());
  double c1 = children_cpu();
  auto b = std::chrono::steady_clock::now();
  fs::remove(db, ec);
  if (rc != 0) return {};
  return {secs(a, b), c1 - c0};
}
#endif

}  // namespace

int main(int argc, char** argv) {
  int64_t lines = 1000000;
  std::string csv_path, input_path;
  bool keep = false, csv_only = false;
  int64_t units = 20000;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--lines" && i + 1 < argc) lines = std::atoll(argv[++i]);
    else if (a == "--csv" && i + 1 < argc) csv_path = argv[++i];
    else if (a == "--keep") keep = true;
    else if (a == "--csv-only") csv_only = true;
    else if (a == "--units" && i + 1 < argc) units = std::atoll(argv[++i]);
    else if (a == "--input" && i + 1 < argc) input_path = argv[++i];
  }
  using clock = std::chrono::steady_clock;
  auto t0 = clock::now();
  std::string csv;
  if (!input_path.empty()) {
    std::ifstream in(input_path, std::ios::binary);
    if (!in) return std::fprintf(stderr, "cannot read %s\n", input_path.c_str()), 1;
    csv.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    lines = static_cast<int64_t>(std::count(csv.begin(), csv.end(), '\n')) - 1;
    csv_path = input_path;
    std::printf("read %s: %lld lines, %.1f MB\n", input_path.c_str(), static_cast<long long>(lines), csv.size() / 1e6);
  } else {
    csv = generate(lines);
    std::printf("generated %lld lines, %.1f MB in %.2f s\n", static_cast<long long>(lines), csv.size() / 1e6,
                secs(t0, clock::now()));
  }
  const std::string dir = (std::filesystem::temp_directory_path() / "sk-import-bench").string();
  std::filesystem::remove_all(dir);
#ifndef __EMSCRIPTEN__
  // The sqlite3 peer reads a file: the one asked for, else a temporary copy.
  std::string peer_csv = csv_path;
  if (peer_csv.empty()) {
    std::filesystem::create_directories(dir);
    peer_csv = dir + "/bench.csv";
    std::ofstream(peer_csv, std::ios::binary) << csv;
  }
#endif
  if (!csv_path.empty() && input_path.empty()) {
    std::ofstream(csv_path, std::ios::binary) << csv;
    std::printf("wrote %s\n", csv_path.c_str());
  }
  if (csv_only) return 0;

  auto store = Store::open(dir + "/store");
  if (!store) return std::fprintf(stderr, "%s\n", store.error().message.c_str()), 1;

  [[maybe_unused]] double first_wall = 0, first_cpu = 0;  // for the sqlite3 peer (native only)
  for (int pass = 1; pass <= 2; ++pass) {
    auto a = clock::now();
    double cpu_a = cpu();
    Importer imp;
    ImportOptions o;
    o.file_name = "bench.csv";
    if (auto st = imp.begin(csv, o); !st) return std::fprintf(stderr, "%s\n", st.error().message.c_str()), 1;
    auto b = clock::now();
    int64_t slices = 0;
    while (!imp.step(50000).done) ++slices;
    auto c = clock::now();
    double cpu_c = cpu();
    if (auto st = imp.begin_commit(*store); !st) return std::fprintf(stderr, "%s\n", st.error().message.c_str()), 1;
    std::optional<ImportReport> rep;
    int64_t commit_slices = 0;
    double longest = 0, last = 0;
    while (!rep) {
      auto s0 = clock::now();
      auto r = imp.commit_step(units);
      last = secs(s0, clock::now());
      longest = std::max(longest, last);
      ++commit_slices;
      if (!r) return std::fprintf(stderr, "%s\n", r.error().message.c_str()), 1;
      rep = std::move(*r);
    }
    auto d = clock::now();
    double cpu_d = cpu();
    std::printf("%s import: begin (decode, detect) %.2f s | parse %.2f s in %lld slices of 50000 rows | "
                "commit %.2f s in %lld slices of %lld units, longest %.0f ms, last (log + COMMIT) %.0f ms | total %.2f s (%.0f rows/s)\n",
                pass == 1 ? "first" : "second (all duplicates)", secs(a, b), secs(b, c),
                static_cast<long long>(slices + 1), secs(c, d), static_cast<long long>(commit_slices),
                static_cast<long long>(units), longest * 1000, last * 1000, secs(a, d), static_cast<double>(rep->rows_read) / secs(a, d));
    std::printf("  CPU time of this import: %.2f s (begin + parse %.2f s, commit %.2f s)\n", cpu_d - cpu_a, cpu_c - cpu_a,
                cpu_d - cpu_c);
    if (pass == 1) first_wall = secs(a, d), first_cpu = cpu_d - cpu_a;
    std::printf("  rows %lld: imported %lld, duplicate %lld, rejected %lld; orders %lld, lines %lld, refunds %lld, "
                "unmatched returns %lld, customers %lld, products %lld\n",
                static_cast<long long>(rep->rows_read), static_cast<long long>(rep->rows_imported),
                static_cast<long long>(rep->rows_skipped_duplicate), static_cast<long long>(rep->rows_rejected),
                static_cast<long long>(rep->orders_imported), static_cast<long long>(rep->lines_imported),
                static_cast<long long>(rep->refunds_imported), static_cast<long long>(rep->returns_unmatched),
                static_cast<long long>(rep->customers_added), static_cast<long long>(rep->products_added));
  }
  std::error_code ec;
  std::printf("store size: %.1f MB (store.db + facts.db)\n",
              (std::filesystem::file_size(dir + "/store/store.db", ec) + std::filesystem::file_size(dir + "/store/facts.db", ec)) / 1e6);
#ifndef __EMSCRIPTEN__
  // Issue #16: the first import within 1.5x sqlite3's own .import of the same file.
  Timing peer = sqlite3_import(peer_csv, dir);
  if (peer.wall < 0) {
    std::printf("sqlite3 .import: not run (no sqlite3 shell on PATH)\n");
  } else {
    std::printf("sqlite3 .import of the same CSV into one table: %.2f s wall, %.2f s CPU\n", peer.wall, peer.cpu);
    std::printf("ratio first import / sqlite3 .import: %.2fx wall, %.2fx CPU (goal <= 1.5x)\n", first_wall / peer.wall,
                first_cpu / peer.cpu);
  }
#endif
  if (!keep) std::filesystem::remove_all(dir, ec);
  return 0;
}
