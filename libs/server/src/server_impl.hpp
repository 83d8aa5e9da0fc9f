#pragma once
// The server behind the pimpl: shards and their threads, listeners, the engine tick, signals and
// the graceful shutdown. Members touched after start() are only used on shard 0's thread, except
// where noted.

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>

#include "listener.hpp"
#include "roost/server/server.hpp"
#include "server_context.hpp"
#include "shard.hpp"

namespace roost::server {

class server_impl {
 public:
  server_impl(server_config config, broker::engine& engine);
  ~server_impl();

  void on_hangup(std::function<void()> callback) { _on_hangup = std::move(callback); }
  void handle_signals();
  result<std::vector<bound_listener>, std::string> start();
  shutdown_summary run();
  void stop();
  certificate_reload reload_certificates();

 private:
  using work_guard = asio::executor_work_guard<asio::io_context::executor_type>;

  void wait_signal();
  void schedule_tick();
  void begin_shutdown();
  void tell_residents_shutting_down();
  void poll_drain();
  void finish_shutdown();
  void abandon_leftovers();

  server_config _config;
  server_context _context;
  // Declared before everything that holds sockets or timers, so it is destroyed after them.
  shard_set _shards;
  std::vector<std::unique_ptr<listener>> _listeners;
  std::vector<work_guard> _work;
  asio::steady_timer _tick;
  asio::steady_timer _drain;
  std::optional<asio::signal_set> _signals;
  std::function<void()> _on_hangup;

  bool _shutting_down = false;
  std::chrono::steady_clock::time_point _deadline;
  std::size_t _live_at_shutdown = 0;
  shutdown_summary _summary;
};

}  // namespace roost::server
