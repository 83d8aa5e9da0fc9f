#pragma once
// The adapter between one TCP socket and a platform::line_session (the `line` listener profile).
//
//   reading:  async_wait(readable) -> read_some into the shard's buffer -> session.on_bytes;
//             paused while more than max_unsent bytes wait to be written
//   writing:  copy up to write_chunk bytes of session.pending() -> async_write -> consume(n)
//             -> again while anything is pending
//   pushes:   the hub calls push() from any thread -> post to the shard -> session.deliver -> write
//   ticking:  a one-second timer closes the session when it expired or the server is stopping
//   closing:  EOF, error, expiry, or should_close() once everything is written -> socket closed
//             -> session.on_closed() (the hub forgets the session), exactly once
//
// Everything but push() runs on the connection's shard thread.

#include <memory>
#include <string>

#include <boost/asio/steady_timer.hpp>
#include <boost/system/error_code.hpp>

#include "roost/platform/line_hub.hpp"
#include "roost/platform/line_session.hpp"
#include "server_context.hpp"
#include "shard.hpp"

namespace roost::server {

class line_connection final : public shard_resident,
                              public platform::line_sink,
                              public std::enable_shared_from_this<line_connection> {
 public:
  // Reading pauses while more than this much output is unsent.
  static constexpr std::size_t max_unsent = 64 * 1024;
  // Bytes copied out of the session per write.
  static constexpr std::size_t write_chunk = 64 * 1024;

  // `hub` must outlive the connection.
  line_connection(server_context& context, shard& home, socket_type socket, platform::line_hub& hub,
                  platform::line_settings settings);

  void start() override;
  void abandon() override;

  // Thread-safe; never blocks and never calls the hub.
  void push(std::string uid, std::string topic, std::string msg) override;

 private:
  void wait_readable();
  void on_readable(const boost::system::error_code& ec);
  bool may_read() const;
  void flush();
  void on_written(const boost::system::error_code& ec, std::size_t n);
  void schedule_tick();
  void on_tick();
  // Closes the socket and tells the session (and so the hub); only the first call counts.
  void finish();

  server_context& _context;
  shard& _home;
  socket_type _socket;
  platform::line_hub& _hub;
  platform::line_settings _settings;
  asio::steady_timer _tick;
  std::string _remote;
  std::unique_ptr<platform::line_session> _session;  // from start() on
  std::string _writing_bytes;                         // the copy being written
  bool _reading = false;
  bool _writing = false;
  bool _closing = false;  // write what is pending, then close
  bool _finished = false;
};

}  // namespace roost::server
