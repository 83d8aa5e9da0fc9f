#include "mqtt_connection.hpp"

#include <span>

#include <boost/asio/write.hpp>

#include "socket_setup.hpp"

namespace roost::server {

mqtt_connection::mqtt_connection(server_context& context, shard& home, socket_type socket,
                                 broker::listener_binding binding)
    : mqtt_link(context, home, binding), _socket(std::move(socket)) {}

void mqtt_connection::start() {
  if (_context.stopping.load()) {
    close_transport();
    return;
  }
  auto remote = prepare_socket(_socket, _context.tcp_nodelay);
  if (!remote) {  // the peer is already gone
    close_transport();
    return;
  }
  if (open_with_engine(std::move(*remote))) wait_readable();
}

void mqtt_connection::wait_readable() {
  _socket.async_wait(socket_type::wait_read, [self = self_as<mqtt_connection>()](const boost::system::error_code& ec) {
    self->on_readable(ec);
  });
}

void mqtt_connection::on_readable(const boost::system::error_code& ec) {
  if (stopped_reading()) return;
  std::size_t n = 0;
  switch (read_into_shard(ec, _socket, _home, n)) {
    case read_outcome::again:
      return wait_readable();
    case read_outcome::closed:
      return finish();
    case read_outcome::data:
      break;
  }
  if (received(mqtt::byte_view(_home.read_buffer.get(), n))) wait_readable();
}

// `buffers` stays put until written() (mqtt_link keeps the batch), so the write takes a span of
// it instead of copying the vector into its operation.
void mqtt_connection::write_batch(const std::vector<boost::asio::const_buffer>& buffers) {
  asio::async_write(_socket, std::span<const asio::const_buffer>{buffers},
                    [self = self_as<mqtt_connection>()](const boost::system::error_code& ec, std::size_t n) {
                      self->written(ec, n);
                    });
}

void mqtt_connection::close_transport() { close_quietly(_socket); }

}  // namespace roost::server
