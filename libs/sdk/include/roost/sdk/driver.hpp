#pragma once
// driver: runs a session over a transport_port and a clock_port, one bounded step at a time.
// Suits a FreeRTOS task or a plain thread:
//
//   roost::sdk::driver d{client, transport, clock, scratch};
//   while (running) d.run_once(100);   // waits at most 100 ms, then returns
//
// run_once opens the stream when the session wants one, writes pending output, waits for bytes
// until the session's next deadline (at most max_wait_ms), hands them over, closes when asked or
// when the peer closed, and ticks the session's timers. `scratch` is the read buffer (a few hundred
// bytes suffice: the session assembles frames in its own rx memory).

#include <cstdint>
#include <span>

#include "roost/sdk/port.hpp"
#include "roost/sdk/session.hpp"

namespace roost::sdk {

class driver {
 public:
  driver(session& s, transport_port& t, clock_port& c, std::span<std::uint8_t> scratch);
  // One step; never blocks longer than max_wait_ms (plus an open's timeout when opening).
  void run_once(std::uint32_t max_wait_ms);
  // Runs steps until `done()` is true or `timeout_ms` passed; returns done().
  template <class Pred>
  bool run_until(Pred done, std::uint32_t timeout_ms, std::uint32_t step_ms = 50) {
    const millis end = _clock.now_ms() + timeout_ms;
    while (!done()) {
      if (_clock.now_ms() >= end) return false;
      run_once(step_ms);
    }
    return true;
  }
  bool is_open() const { return _open; }

 private:
  void open_if_wanted();
  void flush();            // writes output until it is empty or the transport takes no more
  void close_if_wanted();
  void close_stream();     // closes the transport and tells the session

  session& _session;
  transport_port& _transport;
  clock_port& _clock;
  std::span<std::uint8_t> _scratch;
  bool _open = false;
};

}  // namespace roost::sdk
