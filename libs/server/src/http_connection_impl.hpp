#pragma once
// The definitions of http_connection, included by the files that instantiate it.

#include "http_connection.hpp"

#include <exception>

#include <boost/asio/buffer.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/stream_traits.hpp>
#include <boost/beast/core/string.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/beast/websocket/rfc6455.hpp>
#include <spdlog/spdlog.h>

#include "post_gate.hpp"
#include "tls_context.hpp"
#include "socket_setup.hpp"
#include "ws_mqtt_connection_impl.hpp"

namespace roost::server {

namespace http = boost::beast::http;

namespace http_detail {

inline constexpr std::string_view continue_line = "HTTP/1.1 100 Continue\r\n\r\n";

inline bool is_http_error(const boost::system::error_code& ec) {
  return ec.category() == http::make_error_code(http::error::bad_target).category();
}

}  // namespace http_detail

template <class Stream>
http_connection<Stream>::http_connection(server_context& context, shard& home, Stream stream,
                                         std::shared_ptr<const http_options> options, std::shared_ptr<const void> keep)
    : _context(context),
      _home(home),
      _keep(std::move(keep)),
      _stream(std::move(stream)),
      _options(std::move(options)),
      _timer(home.io) {}

template <class Stream>
socket_type& http_connection<Stream>::socket() {
  return boost::beast::get_lowest_layer(_stream);
}

template <class Stream>
void http_connection<Stream>::start() {
  if (_context.stopping.load()) {
    close_quietly(socket());
    return;
  }
  auto remote = prepare_socket(socket(), _context.tcp_nodelay);
  boost::system::error_code ec;
  const auto peer = socket().remote_endpoint(ec);
  if (!remote || ec) {
    close_quietly(socket());
    return;
  }
  _remote = std::move(*remote);
  _address = address_text(peer);
  _home.residents.emplace(this, this->shared_from_this());
  _context.live.fetch_add(1);
  _counted = true;
  spdlog::debug("http connection from {} on shard {}", _remote, _home.index);
  if constexpr (is_tls) {
    _phase = phase::handshake;
    arm(handshake_timeout);
    _stream.async_handshake(Stream::server, [self = this->shared_from_this()](const boost::system::error_code& e) {
      self->on_handshake(e);
    });
  } else {
    wait_request();
  }
}

template <class Stream>
void http_connection<Stream>::on_handshake(const boost::system::error_code& ec) {
  if (_finished) return;
  if (ec) {
    spdlog::debug("http {}: TLS handshake failed: {}", _remote, ec.message());
    return finish();
  }
  if constexpr (is_tls) {
    if (_options->identity_as_username) _identity = verified_peer_name(_stream.native_handle());
  }
  wait_request();
}

template <class Stream>
void http_connection<Stream>::abandon() { finish(); }

template <class Stream>
void http_connection<Stream>::shutting_down() {
  if (_phase != phase::handling && _phase != phase::writing) finish();
}

// ---- reading ---------------------------------------------------------------------------------

template <class Stream>
void http_connection<Stream>::wait_request() {
  _phase = phase::waiting;
  if (_in.size() > 0) {  // a pipelined request is already here
    read_header();
    return;
  }
  _in.shrink_to_fit();
  if constexpr (is_tls) {  // decrypted bytes may already wait inside the TLS stream
    read_header();
    return;
  }
  arm(idle_timeout);
  socket().async_wait(socket_type::wait_read, [self = this->shared_from_this()](const boost::system::error_code& ec) {
    self->on_readable(ec);
  });
}

template <class Stream>
void http_connection<Stream>::on_readable(const boost::system::error_code& ec) {
  if (_finished) return;
  if (ec) return finish();
  read_header();
}

template <class Stream>
void http_connection<Stream>::read_header() {
  // TLS reads the header without waiting for readability first: an idle connection waits here.
  const bool idle = is_tls && _phase == phase::waiting && _in.size() == 0;
  _phase = phase::header;
  _version = 11;
  _parser.emplace();
  _parser->header_limit(header_limit);
  _parser->body_limit(_options->max_body);
  arm(idle ? idle_timeout : header_timeout);
  http::async_read_header(_stream, _in, *_parser,
                          [self = this->shared_from_this()](const boost::system::error_code& ec, std::size_t) {
                            self->on_header(ec);
                          });
}

template <class Stream>
void http_connection<Stream>::on_header(const boost::system::error_code& ec) {
  if (_finished) return;
  if (ec) return read_failed(ec);
  _version = _parser->get().version();
  if (_parser->is_done()) return dispatch();
  if (boost::beast::iequals(_parser->get()[http::field::expect], "100-continue")) return send_continue();
  read_body();
}

// The client waits for this before it sends a large body (curl does above 1 MiB).
template <class Stream>
void http_connection<Stream>::send_continue() {
  arm(write_timeout);
  boost::asio::async_write(_stream, boost::asio::buffer(http_detail::continue_line.data(), http_detail::continue_line.size()),
                           [self = this->shared_from_this()](const boost::system::error_code& ec, std::size_t) {
                             if (self->_finished) return;
                             if (ec) return self->finish();
                             self->read_body();
                           });
}

template <class Stream>
void http_connection<Stream>::read_body() {
  _phase = phase::body;
  arm(body_timeout);
  http::async_read_some(_stream, _in, *_parser,
                        [self = this->shared_from_this()](const boost::system::error_code& ec, std::size_t) {
                          self->on_body(ec);
                        });
}

template <class Stream>
void http_connection<Stream>::on_body(const boost::system::error_code& ec) {
  if (_finished) return;
  if (ec) return read_failed(ec);
  if (_parser->is_done()) return dispatch();
  read_body();
}

// What the peer sent cannot become a request: say why when it is the request's fault, else just
// close (the peer went away, or the timer closed the socket).
template <class Stream>
void http_connection<Stream>::read_failed(const boost::system::error_code& ec) {
  if (ec == http::error::header_limit) {
    spdlog::debug("http {}: request header larger than {} bytes", _remote, header_limit);
    return write_response(error_response(431, "too_large",
                                         "the request header is larger than " + std::to_string(header_limit) +
                                             " bytes"),
                          false);
  }
  if (ec == http::error::body_limit) {
    spdlog::debug("http {}: request body larger than {} bytes", _remote, _options->max_body);
    return write_response(error_response(413, "too_large",
                                         "the request body is larger than " + std::to_string(_options->max_body) +
                                             " bytes"),
                          false);
  }
  if (http_detail::is_http_error(ec) && ec != http::error::end_of_stream && ec != http::error::partial_message) {
    spdlog::debug("http {}: malformed request: {}", _remote, ec.message());
    return write_response(error_response(400, "bad_request", "malformed HTTP request: " + ec.message()), false);
  }
  finish();
}

// ---- handling --------------------------------------------------------------------------------

template <class Stream>
void http_connection<Stream>::dispatch() {
  disarm();
  auto& message = _parser->get();
  _keep_alive = message.keep_alive();
  _head = message.method() == http::verb::head;
  auto request = to_web_request(message, _address);
  if (!request) {
    spdlog::debug("http {}: {}", _remote, request.error());
    return write_response(error_response(400, "bad_request", request.error()), false);
  }
  _log_line = request->method + " " + request->path;
  if (boost::beast::websocket::is_upgrade(message)) return upgrade(*request);

  _phase = phase::handling;
  const std::uint64_t id = ++_request_id;
  web::respond respond = [weak = this->weak_from_this(), gate = _context.gate, &io = _home.io, id](web::response r) {
    gate->post(io, [weak, id, r = std::move(r)]() mutable {
      if (auto self = weak.lock()) self->on_response(id, std::move(r));
    });
  };
  try {
    _options->handler->handle(*request, std::move(respond));
  } catch (const std::exception& e) {
    spdlog::error("http {}: {} failed: {}", _remote, _log_line, e.what());
    on_response(id, error_response(500, "internal", "the server failed to handle the request"));
  }
}

template <class Stream>
void http_connection<Stream>::upgrade(const web::request& r) {
  const websocket_route* route = nullptr;
  for (const auto& w : _options->websockets) {
    if (w.path == r.path) route = &w;
  }
  if (route == nullptr) {
    return write_response(error_response(404, "not_found", "no WebSocket endpoint at " + r.path), false);
  }
  if (_in.size() > 0) spdlog::debug("http {}: {} bytes after the upgrade request dropped", _remote, _in.size());
  auto ws = std::make_shared<ws_mqtt_connection<Stream>>(_context, _home, std::move(_stream), route->binding,
                                                         _parser->release(), _remote, _identity, _keep);
  spdlog::debug("http {}: WebSocket upgrade on {}", _remote, r.path);
  hand_over();
  ws->start();
}

template <class Stream>
void http_connection<Stream>::on_response(std::uint64_t id, web::response r) {
  if (_finished || id != _request_id || _phase != phase::handling) return;
  write_response(std::move(r), _keep_alive);
}

// ---- writing ---------------------------------------------------------------------------------

template <class Stream>
void http_connection<Stream>::write_response(web::response r, bool keep_alive) {
  _keep_alive = keep_alive && !_context.stopping.load();
  if (_phase != phase::handling) _head = false;  // an error of the connection's own: say it in full
  spdlog::debug("http {} {} -> {}", _remote, _log_line.empty() ? "(no request)" : _log_line, r.status);
  _log_line.clear();
  _response.emplace(to_beast_response(std::move(r), _version, _keep_alive, _head));
  _serializer.emplace(*_response);
  _phase = phase::writing;
  write_next();
}

template <class Stream>
void http_connection<Stream>::write_next() {
  arm(write_timeout);
  auto next = [self = this->shared_from_this()](const boost::system::error_code& ec, std::size_t) { self->on_written(ec); };
  if (_head) {
    http::async_write_header(_stream, *_serializer, std::move(next));
  } else {
    http::async_write_some(_stream, *_serializer, std::move(next));
  }
}

template <class Stream>
void http_connection<Stream>::on_written(const boost::system::error_code& ec) {
  if (_finished) return;
  if (ec) return finish();
  if (!_head && !_serializer->is_done()) return write_next();
  after_response();
}

template <class Stream>
void http_connection<Stream>::after_response() {
  disarm();
  _serializer.reset();
  _response.reset();
  _parser.reset();
  if (!_keep_alive || _context.stopping.load()) return close_gracefully();
  wait_request();
}

// Half-closes, then reads and drops what the peer still sends (the rest of a refused body, say)
// until it closes too or linger_timeout passes: closing with unread data would send a reset that
// can destroy the response before the peer reads it.
template <class Stream>
void http_connection<Stream>::close_gracefully() {
  _phase = phase::closing;
  boost::system::error_code ec;
  socket().shutdown(socket_type::shutdown_send, ec);
  if (ec) return finish();
  _in.clear();
  _in.shrink_to_fit();
  arm(linger_timeout);
  drain();
}

template <class Stream>
void http_connection<Stream>::drain() {
  socket().async_wait(socket_type::wait_read, [self = this->shared_from_this()](const boost::system::error_code& ec) {
    if (self->_finished) return;
    std::size_t n = 0;
    if (read_into_shard(ec, self->socket(), self->_home, n) == read_outcome::closed) return self->finish();
    self->drain();
  });
}

// ---- timer and end ---------------------------------------------------------------------------

// One timer for every phase; a generation number tells a stale expiry (armed again or disarmed
// after it fired) from a live one.
template <class Stream>
void http_connection<Stream>::arm(std::chrono::steady_clock::duration d) {
  const std::uint64_t generation = ++_timer_generation;
  _timer.expires_after(d);
  _timer.async_wait([self = this->shared_from_this(), generation](const boost::system::error_code& ec) {
    if (ec || self->_finished || generation != self->_timer_generation) return;
    const bool idle = self->_phase == phase::waiting || self->_phase == phase::closing ||
                      (is_tls && self->_phase == phase::header && self->_in.size() == 0);
    if (!idle) {
      spdlog::debug("http {}: timed out", self->_remote);
    }
    self->finish();
  });
}

template <class Stream>
void http_connection<Stream>::disarm() {
  ++_timer_generation;
  _timer.cancel();
}

template <class Stream>
void http_connection<Stream>::finish() {
  if (_finished) return;
  _finished = true;
  disarm();
  close_quietly(socket());
  if (_counted) {
    _counted = false;
    _context.live.fetch_sub(1);
    spdlog::debug("http connection {} closed", _remote);
  }
  // The caller holds a reference to us (a handler's `self` or the shard's map during abandon).
  _home.residents.erase(this);
}

template <class Stream>
void http_connection<Stream>::hand_over() {
  _finished = true;
  disarm();
  if (_counted) {
    _counted = false;
    _context.live.fetch_sub(1);
  }
  _home.residents.erase(this);
}

}  // namespace roost::server
