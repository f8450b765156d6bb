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

namespace shopkeeper::bench {

using Clock = std::chrono::steady_clock;
inline double ms_since(Clock::time_point t) { return std::chrono::duration<double, std::milli>(Clock::now() - t).count(); }

// Wall and CPU time of one piece of work. The machine is shared, so wall time includes waiting
// for a core; CPU time (std::clock: this process's CPU time natively; under node it is
// derived from the wall clock, so the two agree there) does not.
struct Timer {
  Clock::time_point wall = Clock::now();
  std::clock_t cpu = std::clock();
  double wall_ms() const { return ms_since(wall); }
  double cpu_ms() const { return 1000.0 * static_cast<double>(std::clock() - cpu) / CLOCKS_PER_SEC; }
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

inline double minimum(const std::vector<double>& v) { return v.empty() ? 0 : *std::min_element(v.begin(), v.end()); }

}  // namespace shopkeeper::bench
