#pragma once
// The definitions of ws_mqtt_connection, included by the files that instantiate it.

#include "ws_mqtt_connection.hpp"

#include <boost/beast/core/stream_traits.hpp>
#include <boost/beast/http/field.hpp>
#include <boost/beast/websocket/rfc6455.hpp>
#include <spdlog/spdlog.h>

#include "socket_setup.hpp"

namespace roost::server {

namespace http = boost::beast::http;
namespace websocket = boost::beast::websocket;

template <class Stream>
ws_mqtt_connection<Stream>::ws_mqtt_connection(server_context& context, shard& home, Stream stream,
                                               broker::listener_binding binding, beast_request upgrade,
                                               std::string remote, std::string identity,
                                               std::shared_ptr<const void> keep)
    : mqtt_link(context, home, binding),
      _keep(std::move(keep)),
      _ws(std::move(stream)),
      _upgrade(std::move(upgrade)),
      _peer(std::move(remote)),
      _identity(std::move(identity)) {}

template <class Stream>
void ws_mqtt_connection<Stream>::start() {
  if (_context.stopping.load()) {
    close_transport();
    return;
  }
  reside();
  websocket::stream_base::timeout timeouts{};
  timeouts.handshake_timeout = handshake_timeout;
  timeouts.idle_timeout = websocket::stream_base::none();  // MQTT's keepalive is the engine's
  timeouts.keep_alive_pings = false;
  _ws.set_option(timeouts);
  const std::string protocol = choose_subprotocol(_upgrade[http::field::sec_websocket_protocol]);
  _ws.set_option(websocket::stream_base::decorator([protocol](websocket::response_type& res) {
    res.set(http::field::server, "roost");
    if (!protocol.empty()) res.set(http::field::sec_websocket_protocol, protocol);
  }));
  _ws.binary(true);
  _ws.auto_fragment(false);
  _ws.read_message_max(0);  // bytes stream to the engine, which bounds packet sizes itself
  _ws.async_accept(_upgrade, [self = self_as<ws_mqtt_connection>()](const boost::system::error_code& ec) {
    self->on_accepted(ec);
  });
}

template <class Stream>
void ws_mqtt_connection<Stream>::on_accepted(const boost::system::error_code& ec) {
  _upgrade = {};
  if (finished()) return;
  if (ec) {
    spdlog::debug("websocket {}: handshake failed: {}", _peer, ec.message());
    return finish();
  }
  if (open_with_engine(_peer, _identity)) read_next();
}

template <class Stream>
void ws_mqtt_connection<Stream>::read_next() {
  _ws.async_read_some(_in, read_chunk,
                      [self = self_as<ws_mqtt_connection>()](const boost::system::error_code& ec, std::size_t) {
                        self->on_read(ec);
                      });
}

template <class Stream>
void ws_mqtt_connection<Stream>::on_read(const boost::system::error_code& ec) {
  if (stopped_reading()) return;
  if (ec) return finish();
  if (_ws.got_text()) {
    spdlog::debug("websocket {}: text message refused (MQTT needs binary messages)", _remote);
    return finish();
  }
  const auto data = _in.cdata();
  const bool more = received(mqtt::byte_view(static_cast<const std::uint8_t*>(data.data()), data.size()));
  _in.consume(_in.size());
  if (more) read_next();
}

template <class Stream>
void ws_mqtt_connection<Stream>::write_batch(const std::vector<boost::asio::const_buffer>& buffers) {
  _ws.async_write(buffers, [self = self_as<ws_mqtt_connection>()](const boost::system::error_code& ec, std::size_t n) {
    self->written(ec, n);
  });
}

template <class Stream>
void ws_mqtt_connection<Stream>::close_transport() {
  if (_closing) _closing->cancel();
  close_quietly(boost::beast::get_lowest_layer(_ws));
}

// The close frame, then the socket once the peer answers or close_timeout passes (a peer that no
// longer reads must not hold up a shutdown).
template <class Stream>
void ws_mqtt_connection<Stream>::end() {
  _closing = std::make_unique<boost::asio::steady_timer>(_home.io, close_timeout);
  _closing->async_wait([self = self_as<ws_mqtt_connection>()](const boost::system::error_code& ec) {
    if (!ec) self->finish();
  });
  _ws.async_close(websocket::close_code::normal,
                  [self = self_as<ws_mqtt_connection>()](const boost::system::error_code&) { self->finish(); });
}

}  // namespace roost::server
