#pragma once
// One listening socket. The acceptor lives on shard 0; each accepted socket is created directly on
// the next shard (round robin) and its connection is started there, where it stays for life.
// The listener's profile decides which connection adapter serves the socket.

#include <memory>
#include <string>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/system/error_code.hpp>

#include "roost/base/result.hpp"
#include "roost/server/config.hpp"
#include "roost/server/server.hpp"
#include "server_context.hpp"
#include "shard.hpp"
#include "tls_context.hpp"

namespace roost::server {

struct http_options;

class listener {
 public:
  listener(listener_config config, server_context& context, shard_set& shards);

  // Binds and listens. Errors read "mqtt: cannot listen on 0.0.0.0:1883: Address already in use".
  result<bound_listener, std::string> open();

  // Starts the accept loop (on shard 0).
  void start_accepting();

  // Stops accepting and closes the socket; pending accepts complete with operation_aborted.
  void close();

  // Whether the listener speaks TLS (its certificate was loaded by open()).
  bool secure() const { return _tls != nullptr; }

  // Re-reads a TLS listener's certificate files for later handshakes. Returns the error, naming
  // the listener, when they cannot be loaded (the certificate in force stays); empty on success.
  // Thread-safe.
  std::string reload_certificate();

 private:
  void accept_next();
  void on_accept(const boost::system::error_code& ec, socket_type socket, shard& target);
  void start_connection(socket_type socket, shard& target);

  listener_config _config;
  std::shared_ptr<const http_options> _http;  // the `http` profile's, shared by its connections
  std::shared_ptr<tls_context> _tls;          // set by open() for a TLS listener
  server_context& _context;
  shard_set& _shards;
  asio::ip::tcp::acceptor _acceptor;
  asio::steady_timer _backoff;
  bool _closed = false;
  bool _accept_failing = false;  // since the last successful accept
};

}  // namespace roost::server
