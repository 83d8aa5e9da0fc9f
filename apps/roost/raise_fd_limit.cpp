#include "raise_fd_limit.hpp"

#include <cstdint>
#include <cstring>

#include <spdlog/spdlog.h>

#include "roost/base/file_limit.hpp"

namespace roost::app {
namespace {

// Descriptors kept for everything but client connections: listeners, epoll and event descriptors
// of the I/O threads, SQLite's files, the log.
constexpr std::uint64_t reserved_descriptors = 64;
// Below this many connections an unlimited broker is warned about its limit.
constexpr std::uint64_t few_connections = 10'000;

}  // namespace

void raise_fd_limit(std::size_t max_connections) {
  const file_limit limit = raise_file_limit();
  if (limit.now == 0) {
    spdlog::warn("open-file limit unknown: {}", std::strerror(limit.error));
    return;
  }
  if (limit.error != 0) {
    spdlog::warn("open-file limit {}: cannot raise it to the hard limit {}: {}", limit.now, limit.hard,
                 std::strerror(limit.error));
  }
  if (limit.now == UINT64_MAX) {
    spdlog::info("open-file limit: unlimited");
    return;
  }
  const std::uint64_t room = limit.now > reserved_descriptors ? limit.now - reserved_descriptors : 0;
  if (limit.now != limit.before) {
    spdlog::info("open-file limit {} (raised from {}): room for about {} connections", limit.now, limit.before, room);
  } else {
    spdlog::info("open-file limit {}: room for about {} connections", limit.now, room);
  }
  if (max_connections != 0 && max_connections > room) {
    spdlog::warn("--max-connections {} exceeds what the open-file limit {} allows (about {}); raise the hard "
                 "limit (ulimit -Hn, systemd LimitNOFILE=) or lower --max-connections",
                 max_connections, limit.now, room);
  } else if (max_connections == 0 && room < few_connections) {
    spdlog::warn("open-file limit {} allows only about {} connections; raise the hard limit (ulimit -Hn, systemd "
                 "LimitNOFILE=) for more",
                 limit.now, room);
  }
}

}  // namespace roost::app
