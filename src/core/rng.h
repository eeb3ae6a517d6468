// Seeded randomness shared by the models (k-means++ init, isolation forest) and synthetic data:
// xoshiro256** seeded by splitmix64. Hand-written, distributions included, rather than taken from
// <random>, whose distributions differ between standard libraries, so a seed gives the same numbers
// everywhere.
#pragma once

#include <cmath>
#include <cstdint>

#include "core/hash.h"

namespace xf {

inline uint64_t SplitMix64(uint64_t* state) {
  uint64_t z = (*state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

class Rng {
 public:
  explicit Rng(uint64_t seed) {
    uint64_t s = seed;
    for (uint64_t& w : s_) w = SplitMix64(&s);
  }
  // An independent stream per (seed, index): per tree, per restart.
  Rng(uint64_t seed, uint64_t index) : Rng(HashCombine(seed, HashInt64(index + 1))) {}

  uint64_t Next() {
    const uint64_t result = Rotl(s_[1] * 5, 7) * 9;
    const uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = Rotl(s_[3], 45);
    return result;
  }
  // [0, 1) with 53 random bits.
  double Uniform() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }
  double Uniform(double lo, double hi) { return lo + (hi - lo) * Uniform(); }
  // [0, n); the modulo bias is below n / 2^64.
  int64_t Below(int64_t n) {
    return n <= 1 ? 0 : static_cast<int64_t>(Next() % static_cast<uint64_t>(n));
  }
  // Inclusive [lo, hi]; the modulo bias is below 2^-40 for any span used here.
  int64_t UniformInt(int64_t lo, int64_t hi) {
    if (hi <= lo) return lo;
    const uint64_t span = static_cast<uint64_t>(hi - lo) + 1;
    return lo + static_cast<int64_t>(Next() % span);
  }
  bool Bernoulli(double p) { return Uniform() < p; }
  // Standard normal by Box–Muller (one value per call; the pair's second half is dropped so a
  // value depends only on how many draws came before it).
  double Normal() {
    double u1 = Uniform();
    if (u1 < 1e-300) u1 = 1e-300;
    const double u2 = Uniform();
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * M_PI * u2);
  }
  double Normal(double mean, double sd) { return mean + sd * Normal(); }
  // Median `median`, log-space standard deviation `sigma`.
  double LogNormal(double median, double sigma) { return median * std::exp(sigma * Normal()); }
  double Exponential(double rate) { return -std::log(1.0 - Uniform()) / rate; }
  // Knuth's method for small means, a rounded normal approximation for large ones.
  int64_t Poisson(double mean) {
    if (mean <= 0) return 0;
    if (mean > 50) {
      const double v = std::round(Normal(mean, std::sqrt(mean)));
      return v < 0 ? 0 : static_cast<int64_t>(v);
    }
    const double limit = std::exp(-mean);
    int64_t k = 0;
    double p = Uniform();
    while (p > limit) {
      ++k;
      p *= Uniform();
    }
    return k;
  }

 private:
  static uint64_t Rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  uint64_t s_[4];
};

}  // namespace xf
