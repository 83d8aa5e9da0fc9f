#pragma once
// Per-key token buckets: `burst` requests at once, refilled at `per_second`. Keys are private
// keys (or client addresses for requests without one). Thread-safe; idle buckets are forgotten.
//
//   rate_limiter l{20, 40};
//   if (!l.allow(key, now_ms)) -> answer code 40007 / HTTP 429

#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace roost::web {

class rate_limiter {
 public:
  // per_second == 0: every request is allowed.
  rate_limiter(double per_second, double burst) : _rate(per_second), _burst(burst < 1 ? 1 : burst) {}

  // Takes one token from `key`'s bucket; false when it is empty.
  bool allow(std::string_view key, std::int64_t now_ms);

 private:
  struct bucket {
    double tokens;
    std::int64_t at_ms;
  };
  // Drops buckets that have been full for a while, so the table stays small.
  void sweep(std::int64_t now_ms);

  double _rate;
  double _burst;
  std::mutex _mutex;
  std::unordered_map<std::string, bucket> _buckets;
  std::int64_t _last_sweep_ms = 0;
};

}  // namespace roost::web
