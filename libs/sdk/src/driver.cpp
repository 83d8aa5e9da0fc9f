// driver: one bounded step of I/O for a session (see session.hpp for the loop it implements).

#include "roost/sdk/driver.hpp"

#include <algorithm>

namespace roost::sdk {
namespace {

// While output is stuck behind a full socket buffer, reads wait at most this long so the rest goes
// out soon.
constexpr std::uint32_t busy_wait_ms = 5;

}  // namespace

driver::driver(session& s, transport_port& t, clock_port& c, std::span<std::uint8_t> scratch)
    : _session(s), _transport(t), _clock(c), _scratch(scratch) {}

void driver::run_once(std::uint32_t max_wait_ms) {
  open_if_wanted();
  flush();
  close_if_wanted();

  const millis now = _clock.now_ms();
  const millis deadline = _session.next_deadline();
  std::uint32_t wait =
      deadline <= now ? 0
                      : static_cast<std::uint32_t>(std::min<millis>(deadline - now, max_wait_ms));
  if (_open) {
    if (!_session.output().empty()) wait = std::min(wait, busy_wait_ms);
    const int n = _transport.read(_scratch, wait);
    if (n > 0) {
      _session.on_received(_scratch.first(static_cast<std::size_t>(n)), _clock.now_ms());
    } else if (n < 0) {
      close_stream();
    }
  } else if (wait > 0 && !_session.wants_open()) {
    _clock.sleep_ms(wait);
  }
  close_if_wanted();

  const millis after = _clock.now_ms();
  if (after >= _session.next_deadline()) _session.on_tick(after);
  flush();
  close_if_wanted();
}

void driver::open_if_wanted() {
  if (_open || !_session.wants_open()) return;
  if (_transport.open(_session.host(), _session.port(), _session.open_timeout_ms()) == 0) {
    _open = true;
    _session.on_open(_clock.now_ms());
  } else {
    _session.on_open_failed(_clock.now_ms());
  }
}

void driver::flush() {
  while (_open) {
    const std::span<const std::uint8_t> out = _session.output();
    if (out.empty()) return;
    const int n = _transport.write(out);
    if (n < 0) {
      close_stream();
      return;
    }
    if (n == 0) return;
    _session.on_sent(static_cast<std::size_t>(n));
  }
}

void driver::close_if_wanted() {
  if (_open && _session.wants_close()) close_stream();
}

void driver::close_stream() {
  _transport.close();
  _open = false;
  _session.on_closed(_clock.now_ms());
}

}  // namespace roost::sdk
