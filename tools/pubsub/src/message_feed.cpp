// The messages `roost pub` sends: one payload repeated, or the lines of stdin.

#include "message_feed.hpp"

#include <algorithm>

namespace roost::tools {

namespace {

// The longest the loop waits on the network while stdin may have more lines.
constexpr std::uint32_t stdin_poll_ms = 10;
constexpr std::uint32_t idle_wait_ms = 100;

}  // namespace

repeated_message::repeated_message(std::string payload, int count, sdk::millis delay_ms)
    : _payload(std::move(payload)), _left(count), _delay_ms(delay_ms) {}

const std::string* repeated_message::peek(sdk::millis now) {
  return _left > 0 && now >= _next_at ? &_payload : nullptr;
}

void repeated_message::taken(sdk::millis now) {
  --_left;
  _next_at = now + _delay_ms;
}

std::uint32_t repeated_message::wait_ms(sdk::millis now) const {
  if (_left == 0) return idle_wait_ms;
  if (now >= _next_at) return 0;
  return static_cast<std::uint32_t>(std::min<sdk::millis>(_next_at - now, idle_wait_ms));
}

const std::string* line_messages::peek(sdk::millis) {
  if (!_line) _line = _lines.next();
  if (!_line && !_ended && _failure.empty()) {
    switch (read_available(_fd, 0, _lines)) {
      case read_state::data: _line = _lines.next(); break;
      case read_state::end:
        _ended = true;
        _line = _lines.finish();
        break;
      case read_state::failed: _failure = "reading stdin failed"; break;
      case read_state::nothing: break;
    }
  }
  return _line ? &*_line : nullptr;
}

void line_messages::taken(sdk::millis) { _line.reset(); }

std::uint32_t line_messages::wait_ms(sdk::millis) const {
  return _ended ? idle_wait_ms : stdin_poll_ms;
}

}  // namespace roost::tools
