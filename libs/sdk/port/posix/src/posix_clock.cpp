// posix_clock: CLOCK_MONOTONIC milliseconds and a seeded PRNG for reconnect jitter.

#include <time.h>
#include <unistd.h>

#include <cerrno>

#include "roost/sdk/posix.hpp"

namespace roost::sdk {
namespace {

std::uint64_t clock_ns(clockid_t id) {
  timespec ts{};
  ::clock_gettime(id, &ts);
  return static_cast<std::uint64_t>(ts.tv_sec) * 1'000'000'000u +
         static_cast<std::uint64_t>(ts.tv_nsec);
}

std::uint32_t fresh_seed() {
  const std::uint64_t mixed = clock_ns(CLOCK_REALTIME) ^ (clock_ns(CLOCK_MONOTONIC) << 7) ^
                              (static_cast<std::uint64_t>(::getpid()) << 32);
  return static_cast<std::uint32_t>(mixed ^ (mixed >> 32));
}

}  // namespace

posix_clock::posix_clock() : _random(fresh_seed()) {}

posix_clock::posix_clock(std::uint32_t seed) : _random(seed) {}

millis posix_clock::now_ms() { return clock_ns(CLOCK_MONOTONIC) / 1'000'000u; }

std::uint32_t posix_clock::random32() { return static_cast<std::uint32_t>(_random()); }

void posix_clock::sleep_ms(std::uint32_t ms) {
  timespec ts{static_cast<time_t>(ms / 1000), static_cast<long>(ms % 1000) * 1'000'000L};
  while (::nanosleep(&ts, &ts) != 0 && errno == EINTR) {
  }
}

}  // namespace roost::sdk
