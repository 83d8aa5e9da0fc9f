// esp_idf_transport: a TCP stream on lwIP's BSD sockets, reached through ESP-IDF's POSIX names
// (the same headers and calls as ESP-IDF's own esp-tls and tcp_transport).

#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdio>

#include "lwip/sockets.h"
#include "roost/sdk/esp_idf.hpp"

namespace roost::sdk {
namespace {

// select() on one socket for reading or writing, at most timeout_ms: > 0 ready, 0 timeout, < 0 error.
int wait_ready(int fd, bool for_write, std::uint32_t timeout_ms) {
  fd_set set;
  FD_ZERO(&set);
  FD_SET(fd, &set);
  timeval tv{};
  tv.tv_sec = static_cast<decltype(tv.tv_sec)>(timeout_ms / 1000);
  tv.tv_usec = static_cast<decltype(tv.tv_usec)>((timeout_ms % 1000) * 1000);
  return select(fd + 1, for_write ? nullptr : &set, for_write ? &set : nullptr, nullptr, &tv);
}

// A connected, non-blocking socket to `ai`, or -1.
int connect_to(const addrinfo& ai, std::uint32_t timeout_ms) {
  const int fd = socket(ai.ai_family, ai.ai_socktype, ai.ai_protocol);
  if (fd < 0) return -1;
  const int flags = fcntl(fd, F_GETFL, 0);
  bool ok = flags >= 0 && fcntl(fd, F_SETFL, flags | O_NONBLOCK) == 0;
  if (ok && connect(fd, ai.ai_addr, ai.ai_addrlen) != 0) {
    ok = errno == EINPROGRESS && wait_ready(fd, true, timeout_ms) > 0;
    int error = 0;
    socklen_t len = sizeof error;
    ok = ok && getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &len) == 0 && error == 0;
  }
  if (!ok) {
    ::close(fd);
    return -1;
  }
  const int one = 1;
  setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  return fd;
}

bool would_block(int e) { return e == EAGAIN || e == EWOULDBLOCK; }

bool connection_gone(int e) { return e == ECONNRESET || e == ENOTCONN || e == EPIPE; }

}  // namespace

esp_idf_transport::~esp_idf_transport() { close(); }

int esp_idf_transport::open(const char* host, std::uint16_t port, std::uint32_t timeout_ms) {
  close();
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  char service[8];
  std::snprintf(service, sizeof service, "%u", static_cast<unsigned>(port));
  addrinfo* found = nullptr;
  if (getaddrinfo(host, service, &hints, &found) != 0 || found == nullptr) return io_failed;
  for (const addrinfo* ai = found; ai != nullptr && _fd < 0; ai = ai->ai_next) {
    _fd = connect_to(*ai, timeout_ms);
  }
  freeaddrinfo(found);
  return _fd >= 0 ? 0 : io_failed;
}

int esp_idf_transport::write(std::span<const std::uint8_t> data) {
  if (_fd < 0) return io_closed;
  const ssize_t n = send(_fd, data.data(), data.size(), MSG_DONTWAIT);
  if (n >= 0) return static_cast<int>(n);
  if (would_block(errno)) return 0;
  return connection_gone(errno) ? io_closed : io_failed;
}

int esp_idf_transport::read(std::span<std::uint8_t> data, std::uint32_t timeout_ms) {
  if (_fd < 0) return io_closed;
  const int ready = wait_ready(_fd, false, timeout_ms);
  if (ready == 0) return 0;
  if (ready < 0) return errno == EINTR ? 0 : io_failed;
  const ssize_t n = recv(_fd, data.data(), data.size(), MSG_DONTWAIT);
  if (n > 0) return static_cast<int>(n);
  if (n == 0) return io_closed;
  if (would_block(errno)) return 0;
  return connection_gone(errno) ? io_closed : io_failed;
}

void esp_idf_transport::close() {
  if (_fd < 0) return;
  ::close(_fd);
  _fd = -1;
}

}  // namespace roost::sdk
