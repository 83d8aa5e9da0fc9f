#pragma once
// A blocking TCP client to 127.0.0.1 with timeouts, for the server's tests: raw bytes in and out.

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

namespace roost::server {

// A blocking TCP client with timeouts; just enough to speak a few raw MQTT packets.
class raw_client {
 public:
  explicit raw_client(std::uint16_t port) : _fd(::socket(AF_INET, SOCK_STREAM, 0)) {
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(port);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    connected = ::connect(_fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
  }
  ~raw_client() { ::close(_fd); }
  raw_client(const raw_client&) = delete;
  raw_client& operator=(const raw_client&) = delete;

  bool send(const std::vector<std::uint8_t>& bytes) {
    return ::send(_fd, bytes.data(), bytes.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(bytes.size());
  }

  // Up to `n` bytes, waiting at most 5 s in total; fewer means EOF or timeout.
  std::vector<std::uint8_t> receive(std::size_t n) {
    std::vector<std::uint8_t> out;
    while (out.size() < n) {
      pollfd p{_fd, POLLIN, 0};
      if (::poll(&p, 1, 5000) <= 0) break;
      std::uint8_t buf[256];
      const auto got = ::recv(_fd, buf, std::min(sizeof buf, n - out.size()), 0);
      if (got <= 0) break;
      out.insert(out.end(), buf, buf + got);
    }
    return out;
  }

  // Whether the server closed the connection within 5 s.
  bool sees_eof() {
    pollfd p{_fd, POLLIN, 0};
    if (::poll(&p, 1, 5000) <= 0) return false;
    std::uint8_t b = 0;
    return ::recv(_fd, &b, 1, 0) == 0;
  }

  // Whether the connection ended within 5 s, closed or reset (a connection still in the listen
  // backlog when the listener closes is reset).
  bool sees_end() {
    pollfd p{_fd, POLLIN, 0};
    if (::poll(&p, 1, 5000) <= 0) return false;
    std::uint8_t b = 0;
    return ::recv(_fd, &b, 1, 0) <= 0;
  }

  bool send(const std::string& text) { return send(std::vector<std::uint8_t>(text.begin(), text.end())); }

  // Text until it contains `marker` (empty: until the server closes), or 5 s pass without new bytes.
  std::string receive_text(const std::string& marker = {}) {
    std::string out;
    while (marker.empty() || out.find(marker) == std::string::npos) {
      pollfd p{_fd, POLLIN, 0};
      if (::poll(&p, 1, 5000) <= 0) break;
      char buf[4096];
      const auto got = ::recv(_fd, buf, sizeof buf, 0);
      if (got <= 0) break;
      out.append(buf, static_cast<std::size_t>(got));
    }
    return out;
  }

  bool connected = false;

 private:
  int _fd;
};

}  // namespace roost::server
