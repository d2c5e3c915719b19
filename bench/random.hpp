// bench/random.hpp — the generator's pseudo-random numbers, the same on every platform.
//
// std::uniform_*_distribution is not specified bit for bit: libstdc++, libc++ and MSVC
// turn the same engine output into different numbers. A synthetic town must be the same
// town everywhere (a benchmark figure or a failing test names its seed), so every draw
// here is plain integer arithmetic on xoshiro256** (Blackman & Vigna), seeded through
// splitmix64 as its authors recommend.
//
// Interface:
//   splitmix64(state&) -> u64          one step of splitmix64 (advances state)
//   mix(a, b) -> u64                   a seed derived from two numbers (seed, town index)
//   class Rng                          xoshiro256**: next(), below(n), between(lo, hi),
//                                      chance(p), pick(weights)
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

namespace tiaodu::bench {

constexpr std::uint64_t splitmix64(std::uint64_t& state) noexcept {
  std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

// A well-spread seed for stream `b` of seed `a`: towns get independent streams, so a town
// is the same whatever the others are and towns can be generated in parallel.
constexpr std::uint64_t mix(std::uint64_t a, std::uint64_t b) noexcept {
  std::uint64_t s = a;
  const std::uint64_t h = splitmix64(s);
  s = h ^ (b * 0xd1b54a32d192ed03ULL);
  return splitmix64(s);
}

// GCC and Clang have a 128-bit integer; __extension__ keeps -Wpedantic quiet about it.
__extension__ typedef unsigned __int128 uint128;

class Rng {
 public:
  explicit constexpr Rng(std::uint64_t seed) noexcept {
    std::uint64_t s = seed;
    for (auto& word : s_) word = splitmix64(s);
  }
  // The raw state, for the reference test vectors.
  constexpr Rng(std::uint64_t a, std::uint64_t b, std::uint64_t c, std::uint64_t d) noexcept
      : s_{a, b, c, d} {}

  constexpr std::uint64_t next() noexcept {
    const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
    const std::uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 45);
    return result;
  }

  // Uniform in [0, n), n >= 1: the high word of a 64x64 product (Lemire). Its bias,
  // below n / 2^64, is far under anything a benchmark can see, and it has no loop.
  constexpr std::uint64_t below(std::uint64_t n) noexcept {
    return static_cast<std::uint64_t>((static_cast<uint128>(next()) * n) >> 64);
  }
  // Uniform in [lo, hi], lo <= hi.
  constexpr std::int64_t between(std::int64_t lo, std::int64_t hi) noexcept {
    return lo + static_cast<std::int64_t>(below(static_cast<std::uint64_t>(hi - lo) + 1));
  }
  // True with probability p: 53 random bits against p, exact in binary64.
  constexpr bool chance(double p) noexcept {
    return static_cast<double>(next() >> 11) * 0x1.0p-53 < p;
  }
  // An index drawn with probability proportional to its (non-negative) weight.
  std::size_t pick(std::span<const double> weights) noexcept {
    double total = 0;
    for (double w : weights) total += w;
    double u = static_cast<double>(next() >> 11) * 0x1.0p-53 * total;
    for (std::size_t i = 0; i + 1 < weights.size(); ++i) {
      if (u < weights[i]) return i;
      u -= weights[i];
    }
    return weights.size() - 1;
  }

 private:
  static constexpr std::uint64_t rotl(std::uint64_t x, int k) noexcept {
    return (x << k) | (x >> (64 - k));
  }
  std::uint64_t s_[4];
};

}  // namespace tiaodu::bench
