#pragma once
// What every connection adapter shares with the server: the engine, the shutdown state and the
// gate for posting to shards from other threads.

#include <atomic>
#include <cstddef>
#include <memory>

#include "roost/broker/engine.hpp"

namespace roost::server {

class post_gate;

struct server_context {
  server_context(broker::engine& e, bool nodelay, std::shared_ptr<post_gate> g)
      : engine(e), tcp_nodelay(nodelay), gate(std::move(g)) {}

  broker::engine& engine;
  const bool tcp_nodelay;
  // Set once a graceful shutdown begins, before engine.close_all(): a connection that opens after
  // that sees it and closes itself (close_all could not have reached it).
  std::atomic<bool> stopping{false};
  // Connections started and not yet closed (MQTT ones: opened with the engine and not yet reported
  // closed); the shutdown waits for this to reach zero.
  std::atomic<std::size_t> live{0};
  // Shut by the server before its shards are destroyed (post_gate.hpp).
  const std::shared_ptr<post_gate> gate;
};

}  // namespace roost::server
