#include "roost/tools/sim/connect_pacer.hpp"

#include <algorithm>

namespace roost::tools::sim {

connect_pacer::connect_pacer(std::uint32_t per_second, std::uint32_t burst)
    : _per_second(std::max<std::uint32_t>(1, per_second)),
      _capacity(std::uint64_t{std::max<std::uint32_t>(1, burst)} * 1000),
      _tokens(_capacity) {}

void connect_pacer::refill(millis now) {
  if (now <= _last) return;
  // per_second tokens per 1000 ms = per_second thousandths of a token per ms.
  _tokens = std::min(_capacity, _tokens + (now - _last) * _per_second);
  _last = now;
}

bool connect_pacer::try_take(millis now) {
  refill(now);
  if (_tokens < 1000) return false;
  _tokens -= 1000;
  return true;
}

millis connect_pacer::next_token(millis now) {
  refill(now);
  if (_tokens >= 1000) return now;
  const std::uint64_t missing = 1000 - _tokens;
  return now + (missing + _per_second - 1) / _per_second;
}

}  // namespace roost::tools::sim
