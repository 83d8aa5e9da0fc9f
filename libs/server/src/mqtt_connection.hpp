#pragma once
// The adapter between one TCP socket and the broker engine (the `mqtt` listener profile); the
// engine side (pull, write, close) is mqtt_link's.
//
//   reading:  async_wait(readable) -> read_some into the shard's buffer -> engine.receive
//   writing:  one gather write (async_write of every piece the engine pulled)
//   closing:  EOF, error or the engine's close (after writing its last bytes) -> socket closed
//             -> engine.closed, exactly once

#include <vector>

#include <boost/asio/buffer.hpp>
#include <boost/system/error_code.hpp>

#include "mqtt_link.hpp"

namespace roost::server {

class mqtt_connection final : public mqtt_link {
 public:
  mqtt_connection(server_context& context, shard& home, socket_type socket, broker::listener_binding binding);

  // Opens the connection with the engine and starts reading. A connection accepted while the
  // server is shutting down is closed without being opened.
  void start() override;

 private:
  void wait_readable();
  void on_readable(const boost::system::error_code& ec);
  void write_batch(const std::vector<boost::asio::const_buffer>& buffers) override;
  void close_transport() override;

  socket_type _socket;
};

}  // namespace roost::server
