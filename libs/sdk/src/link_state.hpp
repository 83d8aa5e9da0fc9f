#pragma once
// The connection life cycle both clients share (private to the SDK): started or stopped, stream
// open or not, when the next open may happen (backoff), and counts of accepted connections.
//
//   stopped --start--> wants open --on_open--> open --closed/failed--> backoff --due--> wants open
//
// It never does I/O: the client tells it what happened and asks it what to do.

#include <cstdint>

#include "backoff.hpp"
#include "roost/sdk/port.hpp"

namespace roost::sdk::detail {

class link_state {
 public:
  link_state(std::uint32_t reconnect_min_ms, std::uint32_t reconnect_max_ms, bool auto_reconnect,
             std::uint32_t seed);

  // Started: the first open is wanted at once. Mixes `now` into the jitter seed.
  void start(millis now);
  // Stopped: no further open is wanted (the stream, if any, is the client's to close).
  void stop();
  bool started() const { return _started; }

  // Every client entry point that gets `now` reports it here.
  void seen(millis now) { _now = now > _now ? now : _now; }
  // The latest time seen.
  millis now() const { return _now; }

  // Started, no stream, and the backoff has elapsed at the last seen time.
  bool wants_open() const { return _started && !_open && _now >= _retry_at; }
  // When the backoff ends (for next_deadline), or never when there is nothing to wait for.
  millis retry_deadline() const;

  void opened(millis now);
  // Opening failed or the stream closed: the next open waits a backoff (or, without automatic
  // reconnect, the link stops).
  void failed(millis now);
  bool is_open() const { return _open; }

  // The protocol accepted the connection: the backoff starts over; counts reconnects.
  void accepted();
  std::uint32_t reconnects() const { return _reconnects; }
  // The last wait drawn (for tests and logs).
  std::uint32_t last_wait() const { return _last_wait; }

 private:
  backoff _backoff;
  bool _auto_reconnect;
  bool _started = false;
  bool _open = false;
  bool _ever_accepted = false;
  millis _now = 0;
  millis _retry_at = 0;
  std::uint32_t _reconnects = 0;
  std::uint32_t _last_wait = 0;
  std::uint32_t _seed;
};

}  // namespace roost::sdk::detail
