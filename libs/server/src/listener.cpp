#include "listener.hpp"

#include <chrono>
#include <memory>

#include <boost/asio/post.hpp>
#include <spdlog/spdlog.h>

#include "endpoint.hpp"
#include "http_connection.hpp"
#include "line_connection.hpp"
#include "mqtt_connection.hpp"
#include "tls_connections.hpp"

namespace roost::server {

namespace {

// After an accept error such as EMFILE, wait this long before accepting again instead of spinning.
constexpr std::chrono::milliseconds accept_backoff{100};

}  // namespace

listener::listener(listener_config config, server_context& context, shard_set& shards)
    : _config(std::move(config)),
      _context(context),
      _shards(shards),
      _acceptor(shards.at(0).io),
      _backoff(shards.at(0).io) {
  if (_config.profile == listener_profile::http) {
    _http = std::make_shared<const http_options>(
        http_options{_config.http, _config.websockets, _config.http_max_body,
                     _config.tls && _config.tls->use_identity_as_username});
  }
}

result<bound_listener, std::string> listener::open() {
  const auto failure = [&](const std::string& what, const boost::system::error_code& ec) {
    return fail(_config.name + ": " + what + " " + host_port(_config.host, _config.port) + ": " + ec.message());
  };

  if (_config.profile == listener_profile::line && _config.line_hub == nullptr) {
    return fail(_config.name + ": the line listener has no hub");
  }
  if (_config.profile == listener_profile::line && _config.tls) {
    return fail(_config.name + ": TLS is not available for the line protocol");
  }
  if (_config.profile == listener_profile::http && _config.http == nullptr) {
    return fail(_config.name + ": the http listener has no application");
  }
  if (_config.tls) {
    auto tls = tls_context::open(*_config.tls);
    if (!tls) return fail(_config.name + ": " + tls.error());
    _tls = std::move(*tls);
  }
  boost::system::error_code ec;
  const auto endpoint = resolve_endpoint(_config.host, _config.port, ec);
  if (ec) return failure("cannot resolve", ec);

  _acceptor.open(endpoint.protocol(), ec);
  if (!ec) _acceptor.set_option(asio::ip::tcp::acceptor::reuse_address(true), ec);
  if (!ec) _acceptor.bind(endpoint, ec);
  if (!ec) _acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) {
    boost::system::error_code ignored;
    _acceptor.close(ignored);
    return failure("cannot listen on", ec);
  }

  const auto bound = _acceptor.local_endpoint(ec);
  if (ec) return failure("cannot listen on", ec);
  return bound_listener{_config.name, address_text(bound), bound.port(), _tls != nullptr};
}

void listener::start_accepting() {
  accept_next();
}

void listener::close() {
  _closed = true;
  boost::system::error_code ignored;
  _backoff.cancel();
  _acceptor.close(ignored);
}

std::string listener::reload_certificate() {
  if (!_tls) return {};
  auto error = _tls->reload();
  return error.empty() ? error : _config.name + ": " + error;
}

void listener::accept_next() {
  if (_closed) return;
  shard& target = _shards.next();
  _acceptor.async_accept(target.io.get_executor(),
                         [this, &target](const boost::system::error_code& ec, socket_type socket) {
                           on_accept(ec, std::move(socket), target);
                         });
}

void listener::on_accept(const boost::system::error_code& ec, socket_type socket, shard& target) {
  if (_closed || ec == asio::error::operation_aborted) return;
  if (!ec) {
    if (_accept_failing) spdlog::info("{}: accepting connections again", _config.name);
    _accept_failing = false;
    start_connection(std::move(socket), target);
    accept_next();
    return;
  }
  if (ec == asio::error::connection_aborted) {  // the peer gave up before we accepted
    accept_next();
    return;
  }
  // Out of descriptors or memory: the pending connection stays in the backlog; try again shortly.
  // Warn once per episode, not every retry.
  spdlog::log(_accept_failing ? spdlog::level::debug : spdlog::level::warn, "{}: accept failed: {}; retrying every {} ms",
              _config.name, ec.message(), accept_backoff.count());
  _accept_failing = true;
  _backoff.expires_after(accept_backoff);
  _backoff.async_wait([this](const boost::system::error_code& wait_ec) {
    if (!wait_ec) accept_next();
  });
}

// Hands the socket to the adapter of this listener's profile, on the socket's own shard.
void listener::start_connection(socket_type socket, shard& target) {
  std::shared_ptr<shard_resident> connection;
  switch (_config.profile) {
    case listener_profile::mqtt:
      if (_tls) {
        connection = make_tls_mqtt_connection(_context, target, std::move(socket), _config.binding, *_tls);
      } else {
        connection = std::make_shared<mqtt_connection>(_context, target, std::move(socket), _config.binding);
      }
      break;
    case listener_profile::line:
      connection = std::make_shared<line_connection>(_context, target, std::move(socket), *_config.line_hub,
                                                     _config.line);
      break;
    case listener_profile::http:
      if (_tls) {
        connection = make_tls_http_connection(_context, target, std::move(socket), _http, *_tls);
      } else {
        connection = std::make_shared<http_connection<socket_type>>(_context, target, std::move(socket), _http);
      }
      break;
  }
  asio::post(target.io, [connection = std::move(connection)] { connection->start(); });
}

}  // namespace roost::server
