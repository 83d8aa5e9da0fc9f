#pragma once
// The one clock of the tool: the steady clock in nanoseconds, also the timestamp in payloads.

#include <chrono>
#include <cstdint>

namespace roost::bench {

// Nanoseconds of std::chrono::steady_clock.
inline std::int64_t now_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

inline constexpr std::int64_t ns_per_s = 1'000'000'000;

// Seconds as nanoseconds.
inline std::int64_t to_ns(double seconds) { return static_cast<std::int64_t>(seconds * 1e9); }

}  // namespace roost::bench
