#pragma once
// MQTT over WebSocket (RFC 6455; MQTT 3.1.1 section 6): an upgraded HTTP connection of the `http`
// listener, handed over by http_connection with its upgrade request, over plain TCP (`Stream` =
// socket_type) or TLS (wss; instantiated in tls_ws_connection.cpp). The engine side (pull,
// write, close) is mqtt_link's, exactly as for MQTT over TCP.
//
//   handshake: accept the upgrade (answering the subprotocol `mqtt` or `mqttv3.1` the client
//              offers) within handshake_timeout, then open with the engine
//   reading:   binary message data, in pieces of at most read_chunk bytes, goes to
//              engine.receive as it comes: packets may span messages or share one; a text
//              message closes the connection
//   writing:   each batch the engine pulls is one binary message
//   closing:   the engine's close -> a WebSocket close frame, then the socket once the peer
//              answers (or after close_timeout); the peer's close frame, EOF or an error -> the
//              socket; then engine.closed, exactly once

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include <boost/asio/buffer.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/websocket/stream.hpp>
#include <boost/system/error_code.hpp>

#include "http_translate.hpp"
#include "mqtt_link.hpp"

namespace roost::server {

template <class Stream>
class ws_mqtt_connection final : public mqtt_link {
 public:
  static constexpr std::size_t read_chunk = 16 * 1024;
  static constexpr std::chrono::seconds handshake_timeout{10};
  // How long the peer has to answer our close frame before the socket is closed anyway.
  static constexpr std::chrono::seconds close_timeout{2};

  // `upgrade` is the HTTP request that asked for the upgrade (already read from `stream`);
  // `remote` the peer as "127.0.0.1:51234"; `identity` the verified client certificate's name
  // to use as user name (empty: none); `keep` whatever the stream needs kept alive.
  ws_mqtt_connection(server_context& context, shard& home, Stream stream, broker::listener_binding binding,
                     beast_request upgrade, std::string remote, std::string identity = {},
                     std::shared_ptr<const void> keep = {});

  // Answers the upgrade; once accepted, opens with the engine and reads. Closed at once when the
  // server is stopping.
  void start() override;

 private:
  void on_accepted(const boost::system::error_code& ec);
  void read_next();
  void on_read(const boost::system::error_code& ec);
  void write_batch(const std::vector<boost::asio::const_buffer>& buffers) override;
  void close_transport() override;
  void end() override;

  std::shared_ptr<const void> _keep;  // declared before _ws, so it outlives it
  boost::beast::websocket::stream<Stream> _ws;
  boost::beast::flat_buffer _in;
  beast_request _upgrade;
  std::string _peer;
  std::string _identity;
  std::unique_ptr<boost::asio::steady_timer> _closing;  // from end() on
};

extern template class ws_mqtt_connection<socket_type>;

}  // namespace roost::server
