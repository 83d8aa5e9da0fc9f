// The shared connection life cycle (see link_state.hpp).

#include "link_state.hpp"

namespace roost::sdk::detail {

namespace {
constexpr millis never = ~millis{0};
}

link_state::link_state(std::uint32_t reconnect_min_ms, std::uint32_t reconnect_max_ms,
                       bool auto_reconnect, std::uint32_t seed)
    : _backoff(reconnect_min_ms, reconnect_max_ms, seed),
      _auto_reconnect(auto_reconnect),
      _seed(seed) {}

void link_state::start(millis now) {
  seen(now);
  if (!_started) _backoff.reseed(_seed ^ static_cast<std::uint32_t>(now * 2654435761u));
  _started = true;
  _retry_at = now;
}

void link_state::stop() { _started = false; }

millis link_state::retry_deadline() const {
  return _started && !_open && _retry_at > _now ? _retry_at : never;
}

void link_state::opened(millis now) {
  seen(now);
  _open = true;
}

void link_state::failed(millis now) {
  seen(now);
  _open = false;
  if (!_auto_reconnect) {
    _started = false;
    return;
  }
  _last_wait = _backoff.next_wait();
  _retry_at = now + _last_wait;
}

void link_state::accepted() {
  _backoff.reset();
  if (_ever_accepted) ++_reconnects;
  _ever_accepted = true;
}

}  // namespace roost::sdk::detail
