#pragma once
// shard: one I/O thread's share of the fleet: an io_context, the devices' runners, the connect
// pacer and the read buffer they share. Everything here runs on the shard's thread except
// start(), stop(), open_streams() and the constructor/destructor (called from the control thread
// while the shard's thread is not running or through posts).
//
// Asio stays inside tools/sim/src: no public header includes this one.

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <array>
#include <atomic>
#include <cstdint>
#include <deque>
#include <memory>
#include <span>
#include <vector>

#include "fleet_clock.hpp"
#include "roost/tools/sim/connect_pacer.hpp"
#include "roost/tools/sim/fleet_stats.hpp"
#include "sim_device.hpp"

namespace roost::tools::sim {

class session_runner;

class shard {
 public:
  // `endpoints`: the server's addresses, tried in order; `connect_rate`: this shard's attempts/s.
  shard(const fleet_clock& clock, fleet_stats& stats, std::vector<boost::asio::ip::tcp::endpoint> endpoints,
        std::uint32_t connect_rate);
  ~shard();
  shard(const shard&) = delete;
  shard& operator=(const shard&) = delete;

  // Adds a device; only before run().
  void add(std::unique_ptr<sim_device> device);
  // Runs the shard's loop on the calling thread until stop_loop(); starts every device first.
  void run();
  // From any thread: stops every device (clean disconnects; no reconnects).
  void stop_devices();
  // From any thread: ends run() promptly (connections still open are dropped).
  void stop_loop();
  // Streams open now, from any thread.
  std::size_t open_streams() const { return _open.load(std::memory_order_relaxed); }

  // For runners.
  boost::asio::io_context& io() { return _io; }
  const fleet_clock& clock() const { return _clock; }
  fleet_stats& stats() { return _stats; }
  const std::vector<boost::asio::ip::tcp::endpoint>& endpoints() const { return _endpoints; }
  std::span<std::uint8_t> read_buffer() { return _read_buffer; }
  // Queues `r` for a connection attempt; r.permit() is called when the pacer allows it.
  void request_connect(session_runner& r);
  void stream_opened() { _open.fetch_add(1, std::memory_order_relaxed); }
  void stream_closed() { _open.fetch_sub(1, std::memory_order_relaxed); }

 private:
  // Lets waiting runners connect while the pacer has tokens; sets a timer for the next token.
  void pump_pacer();

  boost::asio::io_context _io{1};
  const fleet_clock& _clock;
  fleet_stats& _stats;
  std::vector<boost::asio::ip::tcp::endpoint> _endpoints;
  connect_pacer _pacer;
  boost::asio::steady_timer _pacer_timer;
  bool _pacer_armed = false;
  std::deque<session_runner*> _waiting;
  std::vector<std::unique_ptr<session_runner>> _runners;
  std::array<std::uint8_t, 16384> _read_buffer{};
  std::atomic<std::size_t> _open{0};
};

}  // namespace roost::tools::sim
