// MQTT over TLS (`mqtts` and the device cloud's TLS twin): the handshake, then the exchange of the
// plain MQTT adapter.

#include <span>

#include <boost/asio/ssl/context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/write.hpp>
#include <spdlog/spdlog.h>

#include "mqtt_link.hpp"
#include "socket_setup.hpp"
#include "tls_connections.hpp"
#include "tls_stream.hpp"

namespace roost::server {

namespace {

// MQTT over TLS: the handshake, then reads into a buffer of its own (a TLS read cannot use the
// shard's shared buffer: decrypted bytes land in it before the handler runs) and one gather write
// per batch, as mqtt_connection does over TCP.
class tls_mqtt_connection final : public mqtt_link {
 public:
  static constexpr std::size_t read_size = 16 * 1024;  // one TLS record at most

  tls_mqtt_connection(server_context& context, shard& home, socket_type socket, broker::listener_binding binding,
                      tls_context::context_ptr ctx, bool identity_as_username)
      : mqtt_link(context, home, binding),
        _ctx(std::move(ctx)),
        _stream(std::move(socket), *_ctx),
        _timer(home.io),
        _identity_as_username(identity_as_username) {}

  void start() override {
    if (_context.stopping.load()) return close_transport();
    auto remote = prepare_socket(_stream.next_layer(), _context.tcp_nodelay);
    if (!remote) return close_transport();
    _peer = std::move(*remote);
    reside();  // a forced stop reaches it during the handshake too
    _timer.expires_after(tls_handshake_timeout);
    _timer.async_wait([self = self_as<tls_mqtt_connection>()](const boost::system::error_code& ec) {
      if (!ec && !self->_handshake_done) {
        spdlog::debug("tls {}: handshake timed out", self->_peer);
        self->finish();
      }
    });
    _stream.async_handshake(tls_stream::server, [self = self_as<tls_mqtt_connection>()](
                                                    const boost::system::error_code& ec) { self->on_handshake(ec); });
  }

  // A connection still in its handshake is unknown to the engine (close_all cannot reach it).
  void shutting_down() override {
    if (!_handshake_done) finish();
  }

 private:
  void on_handshake(const boost::system::error_code& ec) {
    _handshake_done = true;
    _timer.cancel();
    if (finished()) return;
    if (ec) {
      spdlog::debug("tls {}: handshake failed: {}", _peer, ec.message());
      return finish();
    }
    std::string identity;
    if (_identity_as_username) identity = verified_peer_name(_stream.native_handle());
    _buffer.reset(new std::uint8_t[read_size]);
    if (open_with_engine(_peer, std::move(identity))) read_next();
  }

  void read_next() {
    _stream.async_read_some(asio::buffer(_buffer.get(), read_size),
                            [self = self_as<tls_mqtt_connection>()](const boost::system::error_code& ec,
                                                                     std::size_t n) { self->on_read(ec, n); });
  }

  void on_read(const boost::system::error_code& ec, std::size_t n) {
    if (stopped_reading()) return;
    if (ec) return finish();
    if (received(mqtt::byte_view(_buffer.get(), n))) read_next();
  }

  void write_batch(const std::vector<asio::const_buffer>& buffers) override {
    asio::async_write(_stream, std::span<const asio::const_buffer>{buffers},
                      [self = self_as<tls_mqtt_connection>()](const boost::system::error_code& ec, std::size_t n) {
                        self->written(ec, n);
                      });
  }

  // No close_notify: MQTT ends at the packet level (DISCONNECT or the socket's end).
  void close_transport() override {
    _timer.cancel();
    close_quietly(_stream.next_layer());
  }

  tls_context::context_ptr _ctx;  // declared before _stream, so it outlives it
  tls_stream _stream;
  asio::steady_timer _timer;
  std::unique_ptr<std::uint8_t[]> _buffer;  // from the end of the handshake
  std::string _peer;
  bool _identity_as_username;
  bool _handshake_done = false;
};

}  // namespace

std::shared_ptr<shard_resident> make_tls_mqtt_connection(server_context& context, shard& home, socket_type socket,
                                                         broker::listener_binding binding, const tls_context& tls) {
  return std::make_shared<tls_mqtt_connection>(context, home, std::move(socket), binding, tls.current(),
                                               tls.settings().use_identity_as_username);
}

}  // namespace roost::server
