#pragma once
// What every connection adapter shares with the server: the engine and the shutdown state.

#include <atomic>
#include <cstddef>

#include "roost/broker/engine.hpp"

namespace roost::server {

struct server_context {
  server_context(broker::engine& e, bool nodelay) : engine(e), tcp_nodelay(nodelay) {}

  broker::engine& engine;
  const bool tcp_nodelay;
  // Set once a graceful shutdown begins, before engine.close_all(): a connection that opens after
  // that sees it and closes itself (close_all could not have reached it).
  std::atomic<bool> stopping{false};
  // Connections opened with the engine and not yet reported closed.
  std::atomic<std::size_t> live{0};
};

}  // namespace roost::server
