// Exponential backoff with jitter.

#include "backoff.hpp"

#include <algorithm>

namespace roost::sdk::detail {

std::uint32_t jitter_random::next() {
  _x ^= _x << 13;
  _x ^= _x >> 17;
  _x ^= _x << 5;
  return _x;
}

backoff::backoff(std::uint32_t min_ms, std::uint32_t max_ms, std::uint32_t seed)
    : _min(std::max<std::uint32_t>(min_ms, 1)),
      _max(std::max(max_ms, std::max<std::uint32_t>(min_ms, 1))),
      _base(_min),
      _random(seed) {}

std::uint32_t backoff::next_wait() {
  const std::uint32_t w = _base;
  _base = _base > _max / 2 ? _max : std::min(_base * 2, _max);
  const std::uint32_t low = w / 2;
  const std::uint32_t span = w - low;  // draw in [low, w]
  return low + static_cast<std::uint32_t>(_random.next() % (static_cast<std::uint64_t>(span) + 1));
}

void backoff::reset() { _base = _min; }

std::uint32_t hash32(const void* data, std::size_t size, std::uint32_t seed) {
  std::uint32_t h = seed;
  const auto* p = static_cast<const unsigned char*>(data);
  for (std::size_t i = 0; i < size; ++i) {
    h ^= p[i];
    h *= 16777619u;
  }
  return h;
}

}  // namespace roost::sdk::detail
