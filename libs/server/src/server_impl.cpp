#include "server_impl.hpp"

#include <csignal>
#include <thread>

#include <boost/asio/post.hpp>
#include <spdlog/spdlog.h>

#include "endpoint.hpp"
#include "post_gate.hpp"

namespace roost::server {

namespace {

constexpr std::chrono::seconds tick_period{1};
// How often the shutdown checks whether every connection has closed.
constexpr std::chrono::milliseconds drain_poll{20};

std::size_t thread_count(unsigned configured) {
  if (configured > 0) return configured;
  const unsigned cores = std::thread::hardware_concurrency();
  return cores > 0 ? cores : 1;
}

}  // namespace

server_impl::server_impl(server_config config, broker::engine& engine)
    : _config(std::move(config)),
      _context(engine, _config.tcp_nodelay, std::make_shared<post_gate>()),
      _shards(thread_count(_config.threads)),
      _tick(_shards.at(0).io),
      _drain(_shards.at(0).io) {}

// Nothing from another thread may reach the shards once they start going away.
server_impl::~server_impl() { _context.gate->shut(); }

void server_impl::handle_signals() {
  _signals.emplace(_shards.at(0).io, SIGINT, SIGTERM);
  _signals->add(SIGHUP);
  wait_signal();
}

void server_impl::wait_signal() {
  _signals->async_wait([this](const boost::system::error_code& ec, int signal) {
    if (ec) return;  // cancelled at shutdown
    if (signal == SIGHUP) {
      if (_on_hangup) {
        spdlog::info("SIGHUP received: reloading");
        _on_hangup();
      } else {
        spdlog::info("SIGHUP received: nothing to reload");
      }
    } else if (_shutting_down) {
      spdlog::warn("{} received again: stopping now", signal == SIGINT ? "SIGINT" : "SIGTERM");
      finish_shutdown();
      return;
    } else {
      spdlog::info("{} received: shutting down", signal == SIGINT ? "SIGINT" : "SIGTERM");
      begin_shutdown();
    }
    wait_signal();
  });
}

result<std::vector<bound_listener>, std::string> server_impl::start() {
  std::vector<bound_listener> bound;
  for (const auto& config : _config.listeners) {
    if (!config.enabled) continue;
    auto l = std::make_unique<listener>(config, _context, _shards);
    auto b = l->open();
    if (!b) {
      _listeners.clear();
      return fail(b.error());
    }
    bound.push_back(*b);
    _listeners.push_back(std::move(l));
  }
  for (const auto& b : bound) {
    spdlog::info("listening {} on {}{}", b.name, host_port(b.host, b.port), b.tls ? " (TLS)" : "");
  }
  if (bound.empty()) spdlog::warn("no listener is enabled");

  for (std::size_t i = 0; i < _shards.size(); ++i) _work.emplace_back(_shards.at(i).io.get_executor());
  for (auto& l : _listeners) l->start_accepting();
  schedule_tick();
  return bound;
}

// _listeners is fixed once start() has returned, so any thread may walk it.
certificate_reload server_impl::reload_certificates() {
  certificate_reload report;
  for (auto& l : _listeners) {
    if (!l->secure()) continue;
    if (auto error = l->reload_certificate(); !error.empty()) {
      report.errors.push_back(std::move(error));
    } else {
      ++report.reloaded;
    }
  }
  return report;
}

shutdown_summary server_impl::run() {
  spdlog::info("running {} I/O thread{}", _shards.size(), _shards.size() == 1 ? "" : "s");
  std::vector<std::thread> threads;
  threads.reserve(_shards.size());
  for (std::size_t i = 0; i < _shards.size(); ++i) {
    threads.emplace_back([&io = _shards.at(i).io] { io.run(); });
  }
  for (auto& t : threads) t.join();
  abandon_leftovers();
  spdlog::info("shutdown complete: {} connection{} closed{}", _summary.closed, _summary.closed == 1 ? "" : "s",
               _summary.abandoned ? fmt::format(", {} closed by force", _summary.abandoned)
                                  : std::string{});
  return _summary;
}

void server_impl::stop() {
  asio::post(_shards.at(0).io, [this] { begin_shutdown(); });
}

// Once a second, aligned to the first tick so the period does not drift.
void server_impl::schedule_tick() {
  const auto now = std::chrono::steady_clock::now();
  auto next = _tick.expiry() + tick_period;
  if (next <= now) next = now + tick_period;
  _tick.expires_at(next);
  _tick.async_wait([this](const boost::system::error_code& ec) {
    if (ec || _shutting_down) return;
    _context.engine.tick(clock_type::now());
    schedule_tick();
  });
}

// Stop accepting, ask the engine to close everyone, then wait for the connections to flush and
// report themselves closed (or for the grace period to end).
void server_impl::begin_shutdown() {
  if (_shutting_down) return;
  _shutting_down = true;
  _context.stopping.store(true);
  for (auto& l : _listeners) l->close();
  _tick.cancel();
  const std::size_t asked = _context.engine.close_all();
  tell_residents_shutting_down();
  _live_at_shutdown = _context.live.load();
  spdlog::info("shutting down: closing {} connection{}", asked, asked == 1 ? "" : "s");
  _deadline = std::chrono::steady_clock::now() + _config.shutdown_grace;
  poll_drain();
}

// Each shard tells its own residents, on its own thread. A resident may finish (and leave the map)
// while being told, so the map is copied first.
void server_impl::tell_residents_shutting_down() {
  for (std::size_t i = 0; i < _shards.size(); ++i) {
    asio::post(_shards.at(i).io, [&s = _shards.at(i)] {
      std::vector<std::shared_ptr<shard_resident>> residents;
      residents.reserve(s.residents.size());
      for (auto& entry : s.residents) residents.push_back(entry.second);
      for (auto& r : residents) r->shutting_down();
    });
  }
}

void server_impl::poll_drain() {
  if (_context.live.load() == 0 || std::chrono::steady_clock::now() >= _deadline) {
    finish_shutdown();
    return;
  }
  _drain.expires_after(drain_poll);
  _drain.async_wait([this](const boost::system::error_code& ec) {
    if (!ec) poll_drain();
  });
}

void server_impl::finish_shutdown() {
  _shutting_down = true;
  _context.stopping.store(true);
  _drain.cancel();
  _tick.cancel();
  if (_signals) {
    boost::system::error_code ignored;
    _signals->cancel(ignored);
  }
  for (std::size_t i = 0; i < _shards.size(); ++i) _shards.at(i).io.stop();
}

// Runs after the I/O threads have stopped: whatever is still open is closed here, so the engine
// hears about every connection it opened.
void server_impl::abandon_leftovers() {
  std::size_t abandoned = 0;
  for (std::size_t i = 0; i < _shards.size(); ++i) {
    auto residents = std::move(_shards.at(i).residents);
    _shards.at(i).residents.clear();
    for (auto& entry : residents) {
      entry.second->abandon();
      ++abandoned;
    }
  }
  _summary.abandoned = abandoned;
  _summary.closed = _live_at_shutdown > abandoned ? _live_at_shutdown - abandoned : 0;
}

}  // namespace roost::server
