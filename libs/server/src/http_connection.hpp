#pragma once
// The adapter between one TCP connection and the web application (the `http` listener profile,
// over plain TCP with `Stream` = socket_type, or over TLS: https and wss, instantiated in
// tls_http_connection.cpp): HTTP/1.1 with keep-alive, one request at a time (pipelined requests wait in the read buffer), and
// the WebSocket upgrade that turns the connection into MQTT over WebSocket.
//
//   handshake: (TLS only) within handshake_timeout, else the socket is closed
//   waiting:   async_wait(readable) for up to idle_timeout; an idle connection holds no buffer
//              (TLS: the header read itself waits, for up to idle_timeout)
//   header:    the header must arrive within header_timeout of its first byte; one larger than
//              header_limit gets 431, a body announced larger than max_body 413, a malformed
//              request 400, each followed by a close
//   body:      read with no pause longer than body_timeout (after "100 Continue" when asked)
//   handling:  the application's handle(); its respond may run on any thread and is posted back
//              here through the server's gate; a response for a connection closed meanwhile is
//              dropped
//   writing:   the response (for HEAD its header only) with no pause longer than write_timeout;
//              then the next request, or a close when either side asked for it or the server is
//              stopping (the rest of the request is read and dropped for up to linger_timeout so
//              the peer sees the response, not a reset)
//   upgrade:   GET with `Upgrade: websocket` on one of the listener's WebSocket paths: the socket
//              moves to a ws_mqtt_connection; on any other path: 404
//
// Everything runs on the connection's shard thread.

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/serializer.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/system/error_code.hpp>

#include "http_translate.hpp"
#include "roost/server/config.hpp"
#include "roost/web/http.hpp"
#include "server_context.hpp"
#include "shard.hpp"

namespace roost::server {

// What every connection of one `http` listener shares (from its listener_config).
struct http_options {
  web::http_handler* handler = nullptr;  // must outlive the server
  std::vector<websocket_route> websockets;
  std::size_t max_body = 0;
  // TLS: a verified client certificate's name becomes the WebSocket MQTT connection's user name.
  bool identity_as_username = false;
};

template <class Stream>
class http_connection final : public shard_resident, public std::enable_shared_from_this<http_connection<Stream>> {
 public:
  static constexpr std::chrono::seconds handshake_timeout{10};
  static constexpr std::chrono::seconds idle_timeout{30};
  static constexpr std::chrono::seconds header_timeout{10};
  static constexpr std::chrono::seconds body_timeout{30};
  static constexpr std::chrono::seconds write_timeout{30};
  static constexpr std::chrono::seconds linger_timeout{2};
  static constexpr std::uint32_t header_limit = 16 * 1024;

  // `keep` is whatever the stream needs kept alive (the TLS context).
  http_connection(server_context& context, shard& home, Stream stream, std::shared_ptr<const http_options> options,
                  std::shared_ptr<const void> keep = {});

  // Starts waiting for the first request (after the TLS handshake); a connection accepted during a shutdown is closed.
  void start() override;
  // Closes the socket, if that has not happened.
  void abandon() override;
  // Closes at once unless a request is being handled or its response written (that response then
  // says `Connection: close`).
  void shutting_down() override;

 private:
  enum class phase { handshake, waiting, header, body, handling, writing, closing };
  static constexpr bool is_tls = !std::is_same_v<Stream, socket_type>;

  socket_type& socket();
  void on_handshake(const boost::system::error_code& ec);
  void wait_request();
  void on_readable(const boost::system::error_code& ec);
  void read_header();
  void on_header(const boost::system::error_code& ec);
  void send_continue();
  void read_body();
  void on_body(const boost::system::error_code& ec);
  void read_failed(const boost::system::error_code& ec);
  void dispatch();
  void upgrade(const web::request& r);
  void on_response(std::uint64_t id, web::response r);
  void write_response(web::response r, bool keep_alive);
  void write_next();
  void on_written(const boost::system::error_code& ec);
  void after_response();
  void close_gracefully();
  void drain();
  void arm(std::chrono::steady_clock::duration d);
  void disarm();
  // Closes the socket and leaves the shard; only the first call counts.
  void finish();
  // Leaves the shard without closing the socket, which a ws_mqtt_connection now owns.
  void hand_over();

  server_context& _context;
  shard& _home;
  std::shared_ptr<const void> _keep;  // declared before _stream, so it outlives it
  Stream _stream;
  std::shared_ptr<const http_options> _options;
  boost::asio::steady_timer _timer;
  std::uint64_t _timer_generation = 0;
  boost::beast::flat_buffer _in;
  std::optional<boost::beast::http::request_parser<boost::beast::http::string_body>> _parser;
  std::optional<beast_response> _response;
  std::optional<boost::beast::http::response_serializer<boost::beast::http::string_body>> _serializer;
  std::string _remote;   // "127.0.0.1:51234", for logs
  std::string _address;  // "127.0.0.1", for the application
  std::string _log_line;  // "GET /va/getmsg", for the log of the response
  std::string _identity;  // TLS: the verified client certificate's name, for WebSocket MQTT
  phase _phase = phase::waiting;
  std::uint64_t _request_id = 0;
  unsigned _version = 11;
  bool _keep_alive = false;
  bool _head = false;
  bool _counted = false;  // in context.live
  bool _finished = false;
};

extern template class http_connection<socket_type>;

}  // namespace roost::server
