#pragma once
// Verdicts remembered for a while, so that a client reconnecting in a loop does not cost a round
// trip to the authentication hook each time. Keys are digests of every input of the verdict (the
// password among them), so the cache never holds a password. Thread-safe.
//
//   auth_cache cache{10000};
//   cache.put(key, decision, seconds(30), now);
//   cache.find(key, now + seconds(29)) -> decision;  cache.find(key, now + seconds(30)) -> nullopt

#include <cstddef>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "roost/base/clock.hpp"
#include "roost/broker/authenticator.hpp"

namespace roost::auth {

class auth_cache {
 public:
  // Holds at most `capacity` verdicts; when full, expired ones go first, then everything.
  explicit auth_cache(std::size_t capacity) : _capacity(capacity) {}

  // The verdict stored under `key` if it has not expired at `now`.
  std::optional<broker::auth_decision> find(std::string_view key, time_point now) const;

  // Remembers `decision` under `key` until `now + ttl` (a ttl of zero or less stores nothing).
  void put(std::string key, const broker::auth_decision& decision, duration ttl, time_point now);

  // Forgets everything (e.g. when the hook's configuration changes).
  void clear();

  std::size_t size() const;

 private:
  struct entry {
    broker::auth_decision decision;
    time_point expires;
  };
  const std::size_t _capacity;
  mutable std::mutex _mutex;
  std::unordered_map<std::string, entry> _entries;
};

// The cache key of a set of inputs: a SHA-256 digest (hex) of each part, length-prefixed.
std::string cache_key(std::initializer_list<std::string_view> parts);

}  // namespace roost::auth
