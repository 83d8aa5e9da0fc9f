#include "raise_fd_limit.hpp"

#include <sys/resource.h>

#include <cerrno>
#include <cstring>

#include <spdlog/spdlog.h>

namespace roost::app {
namespace {

// Descriptors kept for everything but client connections: listeners, epoll and event descriptors
// of the I/O threads, SQLite's files, the log.
constexpr rlim_t reserved_descriptors = 64;
// Below this many connections an unlimited broker is warned about its limit.
constexpr rlim_t few_connections = 10'000;

}  // namespace

void raise_fd_limit(std::size_t max_connections) {
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) != 0) {
    spdlog::warn("open-file limit unknown: {}", std::strerror(errno));
    return;
  }
  const rlim_t before = limit.rlim_cur;
  if (limit.rlim_cur != limit.rlim_max) {
    rlimit raised = limit;
    raised.rlim_cur = limit.rlim_max;
    if (setrlimit(RLIMIT_NOFILE, &raised) == 0) {
      limit = raised;
    } else {
      spdlog::warn("open-file limit {}: cannot raise it to the hard limit {}: {}", limit.rlim_cur, limit.rlim_max,
                   std::strerror(errno));
    }
  }
  if (limit.rlim_cur == RLIM_INFINITY) {
    spdlog::info("open-file limit: unlimited");
    return;
  }
  const rlim_t room = limit.rlim_cur > reserved_descriptors ? limit.rlim_cur - reserved_descriptors : 0;
  if (limit.rlim_cur != before) {
    spdlog::info("open-file limit {} (raised from {}): room for about {} connections", limit.rlim_cur, before, room);
  } else {
    spdlog::info("open-file limit {}: room for about {} connections", limit.rlim_cur, room);
  }
  if (max_connections != 0 && max_connections > room) {
    spdlog::warn("--max-connections {} exceeds what the open-file limit {} allows (about {}); raise the hard "
                 "limit (ulimit -Hn, systemd LimitNOFILE=) or lower --max-connections",
                 max_connections, limit.rlim_cur, room);
  } else if (max_connections == 0 && room < few_connections) {
    spdlog::warn("open-file limit {} allows only about {} connections; raise the hard limit (ulimit -Hn, systemd "
                 "LimitNOFILE=) for more",
                 limit.rlim_cur, room);
  }
}

}  // namespace roost::app
