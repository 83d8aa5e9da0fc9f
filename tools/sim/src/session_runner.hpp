#pragma once
// session_runner: drives one device's Sans-I/O session over a TCP socket on its shard's
// io_context, following the loop of roost/sdk/session.hpp without ever blocking:
//
//   wants_open  -> queue at the shard's pacer -> async_connect (bounded by open_timeout_ms)
//   output      -> non-blocking writes; when the socket is full, wait until it is writable
//   readable    -> non-blocking reads into the shard's shared buffer -> on_received
//   wants_close / read or write error / EOF -> close -> on_closed
//   deadlines   -> one steady_timer at min(session.next_deadline(), device.next_deadline())
//
// An idle device owns no read buffer: it waits for readability and then reads into the shard's.
// Handlers of a closed stream are recognised by a generation number and ignored.

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <cstdint>
#include <memory>

#include "sim_device.hpp"

namespace roost::tools::sim {

class shard;

class session_runner {
 public:
  // How long a connection attempt may take.
  static constexpr millis open_timeout_ms = 10000;

  session_runner(shard& owner, std::unique_ptr<sim_device> device);
  session_runner(const session_runner&) = delete;
  session_runner& operator=(const session_runner&) = delete;

  // Starts the device and its session.
  void start();
  // Stops the device: its session says goodbye and closes; it does not reconnect.
  void stop();
  // The pacer allows a connection attempt now.
  void permit();

 private:
  enum class phase : std::uint8_t { idle, queued, connecting, open };

  // Does whatever the session wants now: queue for a connect, write, close, wait for bytes; then
  // re-arms the timer. Called after every event.
  void kick();
  // Starts an attempt on the shard's endpoints, bounded by open_timeout_ms.
  void connect();
  // The attempt ended: the stream is open (the session greets), or it failed.
  void on_connected(const boost::system::error_code& ec);
  // Abandons an attempt; `count` adds it to the failed connects. Tells the session.
  void fail_connect(bool count);
  // Writes the session's output until it is empty or the socket is full (then waits to write).
  void flush();
  // Waits (without a buffer) until the socket has bytes or closed.
  void wait_readable();
  // Waits until the socket is ready for `what` (read or write), with `waiting` set meanwhile; then,
  // unless the stream changed, reads what arrived (wait_read) and kicks; an error closes instead.
  void await_socket(boost::asio::socket_base::wait_type what, bool& waiting);
  // Reads what is there into the shard's buffer and hands it to the session.
  void read_available();
  // Closes an open stream and tells the session; stale handlers are recognised by the generation.
  void close_stream();
  // The timer at the earliest deadline of the session, the device and a pending connect.
  void arm_timer();
  // A deadline came: connect timeout, then the session's and the device's timers.
  void on_timer();

  shard& _shard;
  std::unique_ptr<sim_device> _device;
  sdk::session& _session;
  boost::asio::ip::tcp::socket _socket;
  boost::asio::steady_timer _timer;
  phase _phase = phase::idle;
  bool _read_waiting = false;
  bool _write_waiting = false;
  bool _stopped = false;
  std::uint32_t _generation = 0;
  millis _connect_deadline = no_deadline;
  millis _armed = no_deadline;
};

}  // namespace roost::tools::sim
