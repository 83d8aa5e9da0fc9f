#include "http_connection.hpp"

#include <exception>

#include <boost/asio/buffer.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/string.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/beast/websocket/rfc6455.hpp>
#include <spdlog/spdlog.h>

#include "post_gate.hpp"
#include "socket_setup.hpp"
#include "ws_mqtt_connection.hpp"

namespace roost::server {

namespace http = boost::beast::http;

namespace {

constexpr std::string_view continue_line = "HTTP/1.1 100 Continue\r\n\r\n";

bool is_http_error(const boost::system::error_code& ec) {
  return ec.category() == http::make_error_code(http::error::bad_target).category();
}

}  // namespace

http_connection::http_connection(server_context& context, shard& home, socket_type socket,
                                 std::shared_ptr<const http_options> options)
    : _context(context), _home(home), _socket(std::move(socket)), _options(std::move(options)), _timer(home.io) {}

void http_connection::start() {
  if (_context.stopping.load()) {
    close_quietly(_socket);
    return;
  }
  auto remote = prepare_socket(_socket, _context.tcp_nodelay);
  boost::system::error_code ec;
  const auto peer = _socket.remote_endpoint(ec);
  if (!remote || ec) {
    close_quietly(_socket);
    return;
  }
  _remote = std::move(*remote);
  _address = address_text(peer);
  _home.residents.emplace(this, shared_from_this());
  _context.live.fetch_add(1);
  _counted = true;
  spdlog::debug("http connection from {} on shard {}", _remote, _home.index);
  wait_request();
}

void http_connection::abandon() { finish(); }

void http_connection::shutting_down() {
  if (_phase != phase::handling && _phase != phase::writing) finish();
}

// ---- reading ---------------------------------------------------------------------------------

void http_connection::wait_request() {
  _phase = phase::waiting;
  if (_in.size() > 0) {  // a pipelined request is already here
    read_header();
    return;
  }
  _in.shrink_to_fit();
  arm(idle_timeout);
  _socket.async_wait(socket_type::wait_read, [self = shared_from_this()](const boost::system::error_code& ec) {
    self->on_readable(ec);
  });
}

void http_connection::on_readable(const boost::system::error_code& ec) {
  if (_finished) return;
  if (ec) return finish();
  read_header();
}

void http_connection::read_header() {
  _phase = phase::header;
  _version = 11;
  _parser.emplace();
  _parser->header_limit(header_limit);
  _parser->body_limit(_options->max_body);
  arm(header_timeout);
  http::async_read_header(_socket, _in, *_parser,
                          [self = shared_from_this()](const boost::system::error_code& ec, std::size_t) {
                            self->on_header(ec);
                          });
}

void http_connection::on_header(const boost::system::error_code& ec) {
  if (_finished) return;
  if (ec) return read_failed(ec);
  _version = _parser->get().version();
  if (_parser->is_done()) return dispatch();
  if (boost::beast::iequals(_parser->get()[http::field::expect], "100-continue")) return send_continue();
  read_body();
}

// The client waits for this before it sends a large body (curl does above 1 MiB).
void http_connection::send_continue() {
  arm(write_timeout);
  boost::asio::async_write(_socket, boost::asio::buffer(continue_line.data(), continue_line.size()),
                           [self = shared_from_this()](const boost::system::error_code& ec, std::size_t) {
                             if (self->_finished) return;
                             if (ec) return self->finish();
                             self->read_body();
                           });
}

void http_connection::read_body() {
  _phase = phase::body;
  arm(body_timeout);
  http::async_read_some(_socket, _in, *_parser,
                        [self = shared_from_this()](const boost::system::error_code& ec, std::size_t) {
                          self->on_body(ec);
                        });
}

void http_connection::on_body(const boost::system::error_code& ec) {
  if (_finished) return;
  if (ec) return read_failed(ec);
  if (_parser->is_done()) return dispatch();
  read_body();
}

// What the peer sent cannot become a request: say why when it is the request's fault, else just
// close (the peer went away, or the timer closed the socket).
void http_connection::read_failed(const boost::system::error_code& ec) {
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
  if (is_http_error(ec) && ec != http::error::end_of_stream && ec != http::error::partial_message) {
    spdlog::debug("http {}: malformed request: {}", _remote, ec.message());
    return write_response(error_response(400, "bad_request", "malformed HTTP request: " + ec.message()), false);
  }
  finish();
}

// ---- handling --------------------------------------------------------------------------------

void http_connection::dispatch() {
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
  web::respond respond = [weak = weak_from_this(), gate = _context.gate, &io = _home.io, id](web::response r) {
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

void http_connection::upgrade(const web::request& r) {
  const websocket_route* route = nullptr;
  for (const auto& w : _options->websockets) {
    if (w.path == r.path) route = &w;
  }
  if (route == nullptr) {
    return write_response(error_response(404, "not_found", "no WebSocket endpoint at " + r.path), false);
  }
  if (_in.size() > 0) spdlog::debug("http {}: {} bytes after the upgrade request dropped", _remote, _in.size());
  auto ws = std::make_shared<ws_mqtt_connection>(_context, _home, std::move(_socket), route->binding,
                                                 _parser->release(), _remote);
  spdlog::debug("http {}: WebSocket upgrade on {}", _remote, r.path);
  hand_over();
  ws->start();
}

void http_connection::on_response(std::uint64_t id, web::response r) {
  if (_finished || id != _request_id || _phase != phase::handling) return;
  write_response(std::move(r), _keep_alive);
}

// ---- writing ---------------------------------------------------------------------------------

void http_connection::write_response(web::response r, bool keep_alive) {
  _keep_alive = keep_alive && !_context.stopping.load();
  if (_phase != phase::handling) _head = false;  // an error of the connection's own: say it in full
  spdlog::debug("http {} {} -> {}", _remote, _log_line.empty() ? "(no request)" : _log_line, r.status);
  _log_line.clear();
  _response.emplace(to_beast_response(std::move(r), _version, _keep_alive, _head));
  _serializer.emplace(*_response);
  _phase = phase::writing;
  write_next();
}

void http_connection::write_next() {
  arm(write_timeout);
  auto next = [self = shared_from_this()](const boost::system::error_code& ec, std::size_t) { self->on_written(ec); };
  if (_head) {
    http::async_write_header(_socket, *_serializer, std::move(next));
  } else {
    http::async_write_some(_socket, *_serializer, std::move(next));
  }
}

void http_connection::on_written(const boost::system::error_code& ec) {
  if (_finished) return;
  if (ec) return finish();
  if (!_head && !_serializer->is_done()) return write_next();
  after_response();
}

void http_connection::after_response() {
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
void http_connection::close_gracefully() {
  _phase = phase::closing;
  boost::system::error_code ec;
  _socket.shutdown(socket_type::shutdown_send, ec);
  if (ec) return finish();
  _in.clear();
  _in.shrink_to_fit();
  arm(linger_timeout);
  drain();
}

void http_connection::drain() {
  _socket.async_wait(socket_type::wait_read, [self = shared_from_this()](const boost::system::error_code& ec) {
    if (self->_finished) return;
    std::size_t n = 0;
    if (read_into_shard(ec, self->_socket, self->_home, n) == read_outcome::closed) return self->finish();
    self->drain();
  });
}

// ---- timer and end ---------------------------------------------------------------------------

// One timer for every phase; a generation number tells a stale expiry (armed again or disarmed
// after it fired) from a live one.
void http_connection::arm(std::chrono::steady_clock::duration d) {
  const std::uint64_t generation = ++_timer_generation;
  _timer.expires_after(d);
  _timer.async_wait([self = shared_from_this(), generation](const boost::system::error_code& ec) {
    if (ec || self->_finished || generation != self->_timer_generation) return;
    if (self->_phase != phase::waiting && self->_phase != phase::closing) {
      spdlog::debug("http {}: timed out", self->_remote);
    }
    self->finish();
  });
}

void http_connection::disarm() {
  ++_timer_generation;
  _timer.cancel();
}

void http_connection::finish() {
  if (_finished) return;
  _finished = true;
  disarm();
  close_quietly(_socket);
  if (_counted) {
    _counted = false;
    _context.live.fetch_sub(1);
    spdlog::debug("http connection {} closed", _remote);
  }
  // The caller holds a reference to us (a handler's `self` or the shard's map during abandon).
  _home.residents.erase(this);
}

void http_connection::hand_over() {
  _finished = true;
  disarm();
  if (_counted) {
    _counted = false;
    _context.live.fetch_sub(1);
  }
  _home.residents.erase(this);
}

}  // namespace roost::server
