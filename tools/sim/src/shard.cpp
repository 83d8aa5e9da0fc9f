#include "shard.hpp"

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/post.hpp>
#include <algorithm>

#include "session_runner.hpp"

namespace roost::tools::sim {
namespace asio = boost::asio;

shard::shard(const fleet_clock& clock, fleet_stats& stats, std::vector<asio::ip::tcp::endpoint> endpoints,
             std::uint32_t connect_rate)
    : _clock(clock),
      _stats(stats),
      _endpoints(std::move(endpoints)),
      // Bursts of at most 20 ms worth of attempts.
      _pacer(connect_rate, std::max<std::uint32_t>(1, connect_rate / 50)),
      _pacer_timer(_io) {}

shard::~shard() {
  // Runners hold sockets and timers of _io: they go first.
  _runners.clear();
}

void shard::add(std::unique_ptr<sim_device> device) {
  _runners.push_back(std::make_unique<session_runner>(*this, std::move(device)));
}

void shard::run() {
  auto guard = asio::make_work_guard(_io);
  asio::post(_io, [this] {
    for (auto& r : _runners) r->start();
  });
  _io.run();
}

void shard::stop_devices() {
  asio::post(_io, [this] {
    _waiting.clear();
    for (auto& r : _runners) r->stop();
  });
}

void shard::stop_loop() { _io.stop(); }

void shard::request_connect(session_runner& r) {
  _waiting.push_back(&r);
  pump_pacer();
}

void shard::pump_pacer() {
  const millis now = _clock.now();
  while (!_waiting.empty() && _pacer.try_take(now)) {
    session_runner* r = _waiting.front();
    _waiting.pop_front();
    r->permit();
  }
  if (_waiting.empty() || _pacer_armed) return;
  _pacer_armed = true;
  _pacer_timer.expires_at(_clock.at(_pacer.next_token(now)));
  _pacer_timer.async_wait([this](const boost::system::error_code&) {
    _pacer_armed = false;
    pump_pacer();
  });
}

}  // namespace roost::tools::sim
