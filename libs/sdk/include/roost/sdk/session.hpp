#pragma once
// session: what a driver sees of a Sans-I/O client (mqtt_client, line_client).
//
// The session decides *when* a stream should be open, *what* bytes go out and *when* it next needs
// the clock; the driver does the I/O and reports back. One loop iteration of any driver:
//
//   if (s.wants_open() && !open) { if (t.open(s.host(), s.port(), ms) == 0) s.on_open(now);
//                                  else s.on_open_failed(now); }
//   while (!s.output().empty()) { n = t.write(s.output()); if (n < 0) break; s.on_sent(n); }
//   n = t.read(rx, until(s.next_deadline()));  if (n > 0) s.on_received(rx[0..n), now);
//   if (n < 0 || s.wants_close()) { t.close(); s.on_closed(now); }
//   s.on_tick(now);
//
// Every method is non-blocking, never throws and never allocates once the session is built.
// Events (connected, data, ...) are delivered synchronously from inside these calls.

#include <cstddef>
#include <cstdint>
#include <span>

#include "roost/sdk/port.hpp"

namespace roost::sdk {

class session {
 public:
  virtual ~session() = default;

  // The endpoint the driver should open.
  virtual const char* host() const = 0;
  virtual std::uint16_t port() const = 0;
  // How long the driver lets the transport's open take.
  virtual std::uint32_t open_timeout_ms() const { return 10000; }

  // True when the session wants a stream and has none: started, not stopped, and the reconnect
  // backoff (if any) has elapsed at the time of the last call.
  virtual bool wants_open() const = 0;
  // The stream is open: the session queues its greeting (CONNECT, subscriptions, ...).
  virtual void on_open(millis now) = 0;
  // Opening failed: the session schedules the next attempt (backoff with jitter).
  virtual void on_open_failed(millis now) = 0;

  // Bytes waiting to be written, oldest first; empty when there is nothing to send.
  virtual std::span<const std::uint8_t> output() const = 0;
  // The first n bytes of output() were written.
  virtual void on_sent(std::size_t n) = 0;

  // Bytes read from the stream. They need not stay valid after the call.
  virtual void on_received(std::span<const std::uint8_t> bytes, millis now) = 0;

  // True when the session wants the stream closed now (protocol error, keep-alive timeout,
  // stop()). The driver closes it and calls on_closed.
  virtual bool wants_close() const = 0;
  // The stream is closed (by either side). The session schedules a reconnect unless stopped.
  virtual void on_closed(millis now) = 0;

  // Timers: keep-alive pings, retries, backoff, periodic work. Call at or after next_deadline().
  virtual void on_tick(millis now) = 0;
  // When on_tick next has something to do; the driver may sleep (read) until then.
  virtual millis next_deadline() const = 0;
};

}  // namespace roost::sdk
