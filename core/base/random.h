// Deterministic random numbers for the demo generator: xoshiro256** seeded through splitmix64.
// Every distribution is written here by hand: std::*_distribution give different values under
// libstdc++ (native) and libc++ (wasm), and libm's exp/log/sin may differ in the last bit
// between glibc and the wasm libc. Only + - * / and comparisons are used, so one seed gives
// byte-identical data natively and in the browser.
#pragma once
#include <algorithm>
#include <cstdint>
#include <vector>

namespace shopkeeper::demo {

inline uint64_t splitmix64(uint64_t& state) {
  uint64_t z = (state += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

class Rng {
 public:
  // `stream` separates independent sequences drawn from one seed (catalogue, orders, traffic),
  // so changing how many numbers one part draws does not shift the others.
  explicit Rng(uint64_t seed, uint64_t stream = 0) {
    uint64_t s = seed ^ (stream * 0xD1B54A32D192ED03ull);
    for (auto& x : s_) x = splitmix64(s);
  }

  uint64_t next() {
    const uint64_t result = rotl(s_[1] * 5, 7) * 9;
    const uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 45);
    return result;
  }

  // Uniform in [0, 1) with 53 random bits (exactly representable).
  double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
  double uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }
  // Uniform integer in [0, n) for 0 < n < 2^32 (multiply-shift; bias below 2^-32 per value).
  uint32_t below(uint32_t n) { return static_cast<uint32_t>(((next() >> 32) * n) >> 32); }
  // Uniform integer in [lo, hi] (inclusive).
  int64_t range(int64_t lo, int64_t hi) { return lo + below(static_cast<uint32_t>(hi - lo + 1)); }
  bool chance(double p) { return uniform() < p; }
  // Approximately standard normal: Irwin-Hall sum of 12 uniforms minus 6 (range -6..6), good
  // enough for noise and free of libm.
  double normal() {
    double s = 0;
    for (int i = 0; i < 12; ++i) s += uniform();
    return s - 6.0;
  }
  // Index drawn from non-negative weights given as a running total (cum[i] = w0+..+wi).
  size_t pick(const std::vector<double>& cum) {
    double u = uniform() * cum.back();
    auto it = std::upper_bound(cum.begin(), cum.end(), u);
    return it == cum.end() ? cum.size() - 1 : static_cast<size_t>(it - cum.begin());
  }
  template <class T>
  void shuffle(std::vector<T>& v) {
    for (size_t i = v.size(); i > 1; --i) std::swap(v[i - 1], v[below(static_cast<uint32_t>(i))]);
  }

 private:
  static uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  uint64_t s_[4];
};

// Running totals of `w`, for Rng::pick.
inline std::vector<double> cumulative(const std::vector<double>& w) {
  std::vector<double> c(w.size());
  double s = 0;
  for (size_t i = 0; i < w.size(); ++i) c[i] = (s += w[i]);
  return c;
}

}  // namespace shopkeeper::demo
