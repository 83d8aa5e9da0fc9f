#pragma once
// Reconnect waits: exponential backoff with jitter (private to the SDK).
//
// The n-th wait after a success is w = min(min_ms * 2^n, max_ms), drawn uniformly in [w/2, w].
// The randomness is a xorshift32 generator seeded by the caller (clients are Sans-I/O and get no
// clock_port, so they carry their own generator).

#include <cstddef>
#include <cstdint>

namespace roost::sdk::detail {

// xorshift32: small, fast, good enough for jitter. A zero seed is replaced by a fixed constant.
class jitter_random {
 public:
  explicit jitter_random(std::uint32_t seed) : _x(seed != 0 ? seed : 0x9E3779B9u) {}
  std::uint32_t next();

 private:
  std::uint32_t _x;
};

class backoff {
 public:
  backoff(std::uint32_t min_ms, std::uint32_t max_ms, std::uint32_t seed);
  // The wait before the next attempt; doubles the base for the one after (up to max_ms).
  std::uint32_t next_wait();
  // After a success: the next wait starts again from min_ms.
  void reset();
  // Reseeds the jitter (a client mixes in its start time).
  void reseed(std::uint32_t seed) { _random = jitter_random{seed}; }

 private:
  std::uint32_t _min;
  std::uint32_t _max;
  std::uint32_t _base;
  jitter_random _random;
};

// FNV-1a of `data`, for seeds derived from client ids.
std::uint32_t hash32(const void* data, std::size_t size, std::uint32_t seed = 2166136261u);

}  // namespace roost::sdk::detail
