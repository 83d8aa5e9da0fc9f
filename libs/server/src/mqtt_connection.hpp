#pragma once
// The adapter between one TCP socket and the broker engine (the `mqtt` listener profile).
//
//   reading:  async_wait(readable) -> read_some into the shard's buffer -> engine.receive
//   writing:  wake() -> post to the shard -> engine.pull into `outbound` -> one gather write
//             -> engine.wrote -> pull again while the engine says `more` or woke us meanwhile
//   closing:  EOF, error or the engine's close (after writing its last bytes) -> socket closed
//             -> engine.closed, exactly once
//
// Everything but wake() and close() runs on the connection's shard thread. Those two are called by
// the engine from any thread while it holds its lock, so they only set a flag and post.

#include <atomic>
#include <memory>
#include <string>
#include <vector>

#include <boost/asio/buffer.hpp>
#include <boost/system/error_code.hpp>

#include "roost/broker/engine.hpp"
#include "server_context.hpp"
#include "shard.hpp"

namespace roost::server {

class mqtt_connection final : public shard_resident,
                              public broker::link,
                              public std::enable_shared_from_this<mqtt_connection> {
 public:
  // Bytes asked of the engine per gather write.
  static constexpr std::size_t write_budget = 64 * 1024;

  mqtt_connection(server_context& context, shard& home, socket_type socket, broker::listener_binding binding);

  void start() override;
  void abandon() override;

  void wake() override;
  void close() override;

 private:
  void post_wake();
  void on_wake();
  void wait_readable();
  void on_readable(const boost::system::error_code& ec);
  void flush();
  void on_written(const boost::system::error_code& ec, std::size_t n, broker::pull_status status);
  // Closes the socket and reports the connection closed to the engine; only the first call counts.
  void finish();
  void close_socket();

  server_context& _context;
  shard& _home;
  socket_type _socket;
  std::string _remote;
  broker::listener_binding _binding;
  std::shared_ptr<broker::connection> _conn;
  std::unique_ptr<write_buffers> _write;  // borrowed from the shard while there is output
  std::atomic<bool> _wake_posted{false};
  std::atomic<bool> _close_requested{false};
  bool _writing = false;
  bool _woken_while_writing = false;
  bool _finished = false;
};

}  // namespace roost::server
