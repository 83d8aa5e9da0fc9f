#include "rate_limiter.hpp"

#include <algorithm>

namespace roost::web {

bool rate_limiter::allow(std::string_view key, std::int64_t now_ms) {
  if (_rate <= 0) return true;
  std::lock_guard guard{_mutex};
  sweep(now_ms);
  auto [it, added] = _buckets.try_emplace(std::string(key), bucket{_burst, now_ms});
  bucket& b = it->second;
  if (!added) {
    const double elapsed = static_cast<double>(std::max<std::int64_t>(0, now_ms - b.at_ms)) / 1000.0;
    b.tokens = std::min(_burst, b.tokens + elapsed * _rate);
    b.at_ms = now_ms;
  }
  if (b.tokens < 1) return false;
  b.tokens -= 1;
  return true;
}

void rate_limiter::sweep(std::int64_t now_ms) {
  static constexpr std::int64_t every_ms = 60'000;
  if (now_ms - _last_sweep_ms < every_ms) return;
  _last_sweep_ms = now_ms;
  const auto refill_ms = static_cast<std::int64_t>(_burst / _rate * 1000.0);
  std::erase_if(_buckets, [&](const auto& kv) { return now_ms - kv.second.at_ms > refill_ms; });
}

}  // namespace roost::web
