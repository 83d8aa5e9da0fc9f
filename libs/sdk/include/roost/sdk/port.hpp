#pragma once
// The SDK's one port: everything platform-specific the device side needs, and nothing more.
//
// A port supplies a clock and a transport. The protocol logic (mqtt_client, line_client) never calls
// either: it is Sans-I/O, handed bytes and `now` by a driver (driver.hpp, or an event loop of the
// caller's own, as `roost sim` does with Asio). Only the driver touches the port.
//
// Shipped ports: POSIX (port/posix, Linux and macOS sockets) and ESP-IDF (port/esp_idf, lwIP sockets
// and a FreeRTOS task). A new platform implements these two classes and nothing else.
//
// Rules for implementations: no exceptions escape (the portable SDK builds with -fno-exceptions
// -fno-rtti); calls are made from one task/thread at a time.

#include <cstddef>
#include <cstdint>
#include <span>

namespace roost::sdk {

// Milliseconds on a monotonic clock whose origin is the port's business. Never goes backwards.
using millis = std::uint64_t;

class clock_port {
 public:
  virtual ~clock_port() = default;
  // The current monotonic time.
  virtual millis now_ms() = 0;
  // A random 32-bit value for reconnect jitter; need not be cryptographic.
  virtual std::uint32_t random32() = 0;
  // Waits about ms milliseconds; the driver calls it when there is no stream to wait on (during a
  // reconnect backoff). The default returns at once (the driver then spins); ports override it.
  virtual void sleep_ms(std::uint32_t ms) { (void)ms; }
};

// Outcome of a transport call: >= 0 bytes moved (0 on a read means "nothing before the timeout"),
// or one of the negative codes below.
enum io_status : int {
  io_closed = -1,   // the peer closed the stream (read) or it is gone (write)
  io_failed = -2,   // any other failure: refused, unreachable, reset, name not found, timeout on open
};

class transport_port {
 public:
  virtual ~transport_port() = default;
  // Opens a stream to host:port (a name or a literal address), waiting at most timeout_ms.
  // Returns 0 on success or io_failed. Opening while open closes the old stream first.
  virtual int open(const char* host, std::uint16_t port, std::uint32_t timeout_ms) = 0;
  // Writes some of `data` without waiting for the peer; returns the count written (may be less
  // than data.size(), 0 when the send buffer is full) or io_closed / io_failed.
  virtual int write(std::span<const std::uint8_t> data) = 0;
  // Waits at most timeout_ms for bytes and reads up to data.size() of them; returns the count,
  // 0 when none came in time, or io_closed / io_failed.
  virtual int read(std::span<std::uint8_t> data, std::uint32_t timeout_ms) = 0;
  // Closes the stream if open; safe to call twice.
  virtual void close() = 0;
};

}  // namespace roost::sdk
