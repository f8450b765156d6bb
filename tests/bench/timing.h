// Timing helpers shared by the benchmark programs.
#pragma once
#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <fstream>
#include <string>
#include <vector>
#ifdef __EMSCRIPTEN__
#include <emscripten.h>
#include <emscripten/heap.h>
#endif

namespace shopkeeper::bench {

using Clock = std::chrono::steady_clock;
inline double ms_since(Clock::time_point t) { return std::chrono::duration<double, std::milli>(Clock::now() - t).count(); }

// This process's CPU time in ms: natively std::clock; in the web build under node
// process.cpuUsage() (emscripten's clock() follows the wall clock, which on a loaded machine
// counts other processes' turns); in a browser, which has no CPU clock, the wall clock.
inline double cpu_now_ms() {
#ifdef __EMSCRIPTEN__
  return EM_ASM_DOUBLE({
    if (typeof process !== 'undefined' && process.cpuUsage) {
      const u = process.cpuUsage();
      return (u.user + u.system) / 1000;
    }
    return performance.now();
  });
#else
  return 1000.0 * static_cast<double>(std::clock()) / CLOCKS_PER_SEC;
#endif
}

// Wall and CPU time of one piece of work. The machine is shared, so wall time includes waiting
// for a core; CPU time (cpu_now_ms) does not, except in a browser.
struct Timer {
  Clock::time_point wall = Clock::now();
  double cpu = cpu_now_ms();
  double wall_ms() const { return ms_since(wall); }
  double cpu_ms() const { return cpu_now_ms() - cpu; }
};

inline double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0 : v[v.size() / 2];
}
// VmRSS / VmHWM of this process in MB (-1 when /proc is not there, e.g. under node).
inline double proc_mb(const char* key) {
  std::ifstream f("/proc/self/status");
  std::string line;
  while (std::getline(f, line))
    if (line.rfind(key, 0) == 0) return std::atof(line.c_str() + std::strlen(key)) / 1024.0;
  return -1;
}
// Resets the VmHWM high-water mark (Linux), so a later proc_mb("VmHWM:") is the peak since.
inline void reset_peak() {
  std::ofstream f("/proc/self/clear_refs");
  if (f) f << "5";
}

// The web build's linear memory in MB: it only grows, so it is the peak so far (dataset and all);
// the web app may grow it to 2048 MB. -1 natively.
inline double wasm_heap_mb() {
#ifdef __EMSCRIPTEN__
  return static_cast<double>(emscripten_get_heap_size()) / (1024.0 * 1024.0);
#else
  return -1;
#endif
}

inline double minimum(const std::vector<double>& v) { return v.empty() ? 0 : *std::min_element(v.begin(), v.end()); }

}  // namespace shopkeeper::bench
