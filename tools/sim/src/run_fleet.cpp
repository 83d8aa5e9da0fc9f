#include "run_fleet.hpp"

#include <unistd.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "device_factory.hpp"
#include "roost/base/file_limit.hpp"
#include "roost/tools/sim/topic_pattern.hpp"
#include "shard.hpp"

namespace roost::tools::sim {
namespace asio = boost::asio;
using namespace std::chrono_literals;

namespace {

// How long stopped devices get to say goodbye before the loops end.
constexpr auto goodbye_time = 2s;

std::vector<asio::ip::tcp::endpoint> resolve(const server_address& server) {
  asio::io_context io;
  asio::ip::tcp::resolver resolver{io};
  boost::system::error_code ec;
  const auto results = resolver.resolve(server.host, std::to_string(server.port), ec);
  std::vector<asio::ip::tcp::endpoint> out;
  if (ec) {
    std::fprintf(stderr, "roost sim: cannot resolve %s: %s\n", server.host.c_str(), ec.message().c_str());
    return out;
  }
  for (const auto& r : results) out.push_back(r.endpoint());
  return out;
}

std::string describe(const fleet_options& o) {
  std::string topics;
  if (o.kind == device_kind::led) {
    topics = o.count > 1 ? "ledctrl1..ledctrl" + std::to_string(o.count) + " (and ledstate, bafa, Time likewise)"
                         : "ledctrl, ledstate, bafa, Time";
  } else {
    topics = expand_topic(o.topic_pattern, 1);
    if (o.count > 1) topics += ".." + expand_topic(o.topic_pattern, o.count);
  }
  return std::to_string(o.count) + " " + std::string{to_string(o.kind)} + " device" + (o.count == 1 ? "" : "s") +
         " over " + (o.line ? "the line protocol" : "MQTT") + " to " + o.server.host + ":" +
         std::to_string(o.server.port) + ", topics " + topics;
}

// The live status line: rewritten in place on a terminal, one line every few seconds otherwise.
class status_printer {
 public:
  status_printer() : _tty(::isatty(STDERR_FILENO) == 1) {}
  std::chrono::milliseconds period() const { return _tty ? 500ms : 5s; }
  void print(const stats_snapshot& s) {
    const std::string line = status_line(s);
    if (_tty)
      std::fprintf(stderr, "\r%s\033[K", line.c_str());
    else
      std::fprintf(stderr, "%s\n", line.c_str());
    std::fflush(stderr);
  }
  void finish(const stats_snapshot& s) {
    if (_tty) std::fputc('\n', stderr);
    std::fprintf(stderr, "%s\n", summary_line(s).c_str());
    std::fflush(stderr);
  }

 private:
  bool _tty;
};

// The control thread's loop: signals, --duration, the status line, the goodbye.
class control {
 public:
  control(const fleet_options& o, const fleet_clock& clock, fleet_stats& stats, std::vector<std::unique_ptr<shard>>& shards)
      : _options(o), _clock(clock), _stats(stats), _shards(shards), _signals(_io, SIGINT, SIGTERM), _status(_io),
        _duration(_io), _goodbye(_io) {}

  void run() {
    _signals.async_wait([this](const boost::system::error_code& ec, int) {
      if (!ec) end();
    });
    if (_options.duration_s) {
      _duration.expires_after(std::chrono::milliseconds(static_cast<std::int64_t>(*_options.duration_s * 1000.0)));
      _duration.async_wait([this](const boost::system::error_code& ec) {
        if (!ec) end();
      });
    }
    tick_status();
    _io.run();
    // The figures as they were when the run ended, before the devices said goodbye.
    _printer.finish(_ending ? _final : _stats.snapshot(_clock.seconds()));
  }

 private:
  void tick_status() {
    _status.expires_after(_printer.period());
    _status.async_wait([this](const boost::system::error_code& ec) {
      if (ec) return;
      _printer.print(_stats.snapshot(_clock.seconds()));
      tick_status();
    });
  }

  // Stops the devices, waits until their streams are closed (at most goodbye_time), then the loops.
  void end() {
    if (_ending) return;
    _ending = true;
    _final = _stats.snapshot(_clock.seconds());
    _signals.cancel();
    _duration.cancel();
    for (auto& s : _shards) s->stop_devices();
    _goodbye_until = std::chrono::steady_clock::now() + goodbye_time;
    wait_goodbye();
  }

  void wait_goodbye() {
    std::size_t open = 0;
    for (auto& s : _shards) open += s->open_streams();
    if (open == 0 || std::chrono::steady_clock::now() >= _goodbye_until) {
      for (auto& s : _shards) s->stop_loop();
      _status.cancel();
      return;
    }
    _goodbye.expires_after(20ms);
    _goodbye.async_wait([this](const boost::system::error_code& ec) {
      if (!ec) wait_goodbye();
    });
  }

  const fleet_options& _options;
  const fleet_clock& _clock;
  fleet_stats& _stats;
  std::vector<std::unique_ptr<shard>>& _shards;
  asio::io_context _io{1};
  asio::signal_set _signals;
  asio::steady_timer _status, _duration, _goodbye;
  status_printer _printer;
  bool _ending = false;
  stats_snapshot _final;
  std::chrono::steady_clock::time_point _goodbye_until{};
};

}  // namespace

int run_fleet(const fleet_options& o) {
  const std::uint64_t files = raise_file_limit().now;
  if (files < std::uint64_t{o.count} + 32)
    std::fprintf(stderr, "roost sim: warning: the open-file limit is %llu, too low for %u devices\n",
                 static_cast<unsigned long long>(files), o.count);
  auto endpoints = resolve(o.server);
  if (endpoints.empty()) return exit_cannot_start;

  fleet_clock clock;
  fleet_stats stats{o.count};
  const device_setup setup{o, stats, clock};
  const std::uint32_t threads = std::max<std::uint32_t>(1, std::min(o.threads, o.count));
  std::vector<std::unique_ptr<shard>> shards;
  for (std::uint32_t i = 0; i < threads; ++i) {
    const std::uint32_t rate = std::max<std::uint32_t>(1, o.connect_rate / threads);
    shards.push_back(std::make_unique<shard>(clock, stats, endpoints, rate));
  }
  for (std::uint32_t n = 1; n <= o.count; ++n) shards[(n - 1) % threads]->add(make_device(setup, n));

  std::fprintf(stderr, "roost sim: %s\n", describe(o).c_str());
  std::vector<std::thread> workers;
  for (auto& s : shards) workers.emplace_back([&s] { s->run(); });
  control{o, clock, stats, shards}.run();
  for (auto& w : workers) w.join();
  return stats.snapshot(0).ever_connected == 0 ? exit_never_connected : exit_ok;
}

}  // namespace roost::tools::sim
