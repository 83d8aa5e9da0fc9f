// posix_transport: a TCP stream over BSD sockets, every wait bounded by poll().

#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>

#include "roost/sdk/posix.hpp"

namespace roost::sdk {
namespace {

#ifdef MSG_NOSIGNAL
constexpr int send_flags = MSG_NOSIGNAL;
#else
constexpr int send_flags = 0;
#endif

std::uint64_t monotonic_ms() {
  timespec ts{};
  ::clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<std::uint64_t>(ts.tv_sec) * 1000u +
         static_cast<std::uint64_t>(ts.tv_nsec) / 1'000'000u;
}

int poll_ms(std::uint64_t deadline) {
  const std::uint64_t now = monotonic_ms();
  return now >= deadline ? 0 : static_cast<int>(deadline - now);
}

// A non-blocking socket with TCP_NODELAY (and SO_NOSIGPIPE where it exists), or -1.
int make_socket(const addrinfo& ai) {
  const int fd = ::socket(ai.ai_family, ai.ai_socktype, ai.ai_protocol);
  if (fd < 0) return -1;
  const int flags = ::fcntl(fd, F_GETFL, 0);
  if (flags < 0 || ::fcntl(fd, F_SETFL, flags | O_NONBLOCK) < 0) {
    ::close(fd);
    return -1;
  }
  const int one = 1;
  ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
#ifdef SO_NOSIGPIPE
  ::setsockopt(fd, SOL_SOCKET, SO_NOSIGPIPE, &one, sizeof one);
#endif
  return fd;
}

// Connects `fd` to `ai` before `deadline`; true on success.
bool connect_until(int fd, const addrinfo& ai, std::uint64_t deadline) {
  if (::connect(fd, ai.ai_addr, ai.ai_addrlen) == 0) return true;
  if (errno != EINPROGRESS) return false;
  pollfd p{fd, POLLOUT, 0};
  int ready = 0;
  do {
    ready = ::poll(&p, 1, poll_ms(deadline));
  } while (ready < 0 && errno == EINTR);
  if (ready <= 0) return false;
  int err = 0;
  socklen_t len = sizeof err;
  return ::getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len) == 0 && err == 0;
}

}  // namespace

posix_transport::~posix_transport() { close(); }

int posix_transport::open(const char* host, std::uint16_t port, std::uint32_t timeout_ms) {
  close();
  const std::uint64_t deadline = monotonic_ms() + timeout_ms;
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  char service[8];
  std::snprintf(service, sizeof service, "%u", static_cast<unsigned>(port));
  addrinfo* list = nullptr;
  if (::getaddrinfo(host, service, &hints, &list) != 0) return io_failed;
  for (addrinfo* ai = list; ai != nullptr && _fd < 0; ai = ai->ai_next) {
    const int fd = make_socket(*ai);
    if (fd < 0) continue;
    if (connect_until(fd, *ai, deadline)) {
      _fd = fd;
    } else {
      ::close(fd);
    }
  }
  ::freeaddrinfo(list);
  return _fd >= 0 ? 0 : io_failed;
}

int posix_transport::write(std::span<const std::uint8_t> data) {
  if (_fd < 0) return io_closed;
  if (data.empty()) return 0;
  for (;;) {
    const ssize_t n = ::send(_fd, data.data(), data.size(), send_flags);
    if (n >= 0) return static_cast<int>(n);
    if (errno == EINTR) continue;
    if (errno == EAGAIN || errno == EWOULDBLOCK) return 0;
    return errno == EPIPE || errno == ECONNRESET ? io_closed : io_failed;
  }
}

int posix_transport::read(std::span<std::uint8_t> data, std::uint32_t timeout_ms) {
  if (_fd < 0) return io_closed;
  pollfd p{_fd, POLLIN, 0};
  const int ready = ::poll(&p, 1, static_cast<int>(timeout_ms));
  if (ready < 0) return errno == EINTR ? 0 : io_failed;
  if (ready == 0) return 0;
  for (;;) {
    const ssize_t n = ::recv(_fd, data.data(), data.size(), 0);
    if (n > 0) return static_cast<int>(n);
    if (n == 0) return io_closed;
    if (errno == EINTR) continue;
    if (errno == EAGAIN || errno == EWOULDBLOCK) return 0;
    return errno == ECONNRESET ? io_closed : io_failed;
  }
}

void posix_transport::close() {
  if (_fd >= 0) {
    ::close(_fd);
    _fd = -1;
  }
}

}  // namespace roost::sdk
