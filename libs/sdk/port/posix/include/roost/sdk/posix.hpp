#pragma once
// The POSIX port (Linux, macOS): a TCP transport over BSD sockets and a CLOCK_MONOTONIC clock.
//
//   roost::sdk::posix_transport transport;
//   roost::sdk::posix_clock clock;                  // seeded from the time and the process id
//   roost::sdk::driver d{client, transport, clock, scratch};

#include <cstdint>
#include <random>
#include <span>

#include "roost/sdk/port.hpp"

namespace roost::sdk {

// A TCP stream: getaddrinfo, a non-blocking connect bounded by poll(), TCP_NODELAY, reads bounded
// by poll(). SIGPIPE is never raised (MSG_NOSIGNAL / SO_NOSIGPIPE). Not thread-safe.
class posix_transport final : public transport_port {
 public:
  posix_transport() = default;
  ~posix_transport() override;
  posix_transport(const posix_transport&) = delete;
  posix_transport& operator=(const posix_transport&) = delete;

  // Tries each address getaddrinfo returns until one connects; the whole open takes at most
  // about timeout_ms. Returns 0 or io_failed.
  int open(const char* host, std::uint16_t port, std::uint32_t timeout_ms) override;
  // Non-blocking send; 0 when the socket buffer is full.
  int write(std::span<const std::uint8_t> data) override;
  // poll() for at most timeout_ms, then one recv().
  int read(std::span<std::uint8_t> data, std::uint32_t timeout_ms) override;
  void close() override;

  // The socket descriptor, -1 when closed (for callers that poll many transports themselves).
  int fd() const { return _fd; }

 private:
  int _fd = -1;
};

// CLOCK_MONOTONIC in milliseconds; random32() from a PRNG seeded once at construction.
class posix_clock final : public clock_port {
 public:
  // Seeds from the wall clock, the monotonic clock and the process id.
  posix_clock();
  // A fixed seed, for reproducible runs.
  explicit posix_clock(std::uint32_t seed);
  millis now_ms() override;
  std::uint32_t random32() override;
  // nanosleep.
  void sleep_ms(std::uint32_t ms) override;

 private:
  std::mt19937 _random;
};

}  // namespace roost::sdk
