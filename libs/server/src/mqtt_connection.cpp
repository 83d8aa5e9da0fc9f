#include "mqtt_connection.hpp"

#include <boost/asio/post.hpp>
#include <boost/asio/write.hpp>
#include <spdlog/spdlog.h>

#include "endpoint.hpp"
#include "socket_setup.hpp"

namespace roost::server {

namespace {

time_point now() { return clock_type::now(); }

}  // namespace

mqtt_connection::mqtt_connection(server_context& context, shard& home, socket_type socket,
                                 broker::listener_binding binding)
    : _context(context), _home(home), _socket(std::move(socket)), _binding(binding) {}

// Registers with the shard and the engine, then starts reading. A connection accepted while the
// server is shutting down is closed without being opened.
void mqtt_connection::start() {
  if (_context.stopping.load()) {
    close_socket();
    return;
  }
  auto remote = prepare_socket(_socket, _context.tcp_nodelay);
  if (!remote) {  // the peer is already gone
    close_socket();
    return;
  }
  _remote = std::move(*remote);

  _home.residents.emplace(this, shared_from_this());
  _context.live.fetch_add(1);
  _conn = _context.engine.open(*this, _remote, now(), _binding);
  spdlog::debug("connection from {} on shard {}", _remote, _home.index);

  // A shutdown that began while we were opening may have run close_all() before the engine knew
  // this connection; close it ourselves.
  if (_context.stopping.load()) {
    finish();
    return;
  }
  wait_readable();
}

void mqtt_connection::abandon() {
  finish();
}

void mqtt_connection::wake() {
  post_wake();
}

void mqtt_connection::close() {
  _close_requested.store(true);
  post_wake();
}

// At most one wake is queued at a time; on_wake clears the flag before pulling, so a wake that
// arrives during the pull queues another.
void mqtt_connection::post_wake() {
  if (_wake_posted.exchange(true)) return;
  asio::post(_home.io, [self = shared_from_this()] { self->on_wake(); });
}

void mqtt_connection::on_wake() {
  _wake_posted.store(false);
  if (_finished) return;
  if (_writing) {
    _woken_while_writing = true;
    return;
  }
  flush();
}

void mqtt_connection::wait_readable() {
  _socket.async_wait(socket_type::wait_read,
                     [self = shared_from_this()](const boost::system::error_code& ec) { self->on_readable(ec); });
}

void mqtt_connection::on_readable(const boost::system::error_code& ec) {
  if (_finished || _close_requested.load()) return;
  std::size_t n = 0;
  switch (read_into_shard(ec, _socket, _home, n)) {
    case read_outcome::again:
      return wait_readable();
    case read_outcome::closed:
      return finish();
    case read_outcome::data:
      break;
  }
  _context.engine.receive(*_conn, mqtt::byte_view(_home.read_buffer.get(), n), now());
  if (!_close_requested.load()) wait_readable();
}

// Pulls one batch from the engine and writes it with one gather write.
void mqtt_connection::flush() {
  if (!_write) _write = _home.borrow_write();
  write_buffers& w = *_write;
  w.out.clear();
  w.buffers.clear();
  const auto status = _context.engine.pull(*_conn, w.out, write_budget);

  if (w.out.empty()) {
    // The engine asked to close and has nothing more to say (an `idle` after close() is treated
    // the same way, so a closing connection can never linger).
    if (status == broker::pull_status::close || _close_requested.load()) {
      finish();
      return;
    }
    _home.return_write(std::move(_write));
    return;
  }

  w.buffers.reserve(w.out.pieces.size());
  for (const auto& p : w.out.pieces) w.buffers.emplace_back(w.out.data(p), p.size);
  _writing = true;
  asio::async_write(_socket, w.buffers,
                    [self = shared_from_this(), status](const boost::system::error_code& ec, std::size_t n) {
                      self->on_written(ec, n, status);
                    });
}

void mqtt_connection::on_written(const boost::system::error_code& ec, std::size_t n, broker::pull_status status) {
  _writing = false;
  if (_finished) return;
  if (ec) {
    finish();
    return;
  }
  _context.engine.wrote(*_conn, n);
  if (status == broker::pull_status::close) {
    finish();
    return;
  }
  if (status == broker::pull_status::more || _woken_while_writing || _close_requested.load()) {
    _woken_while_writing = false;
    flush();
    return;
  }
  _home.return_write(std::move(_write));  // idle: an idle connection keeps no write buffers
}

void mqtt_connection::finish() {
  if (_finished) return;
  _finished = true;
  close_socket();
  if (_conn) {
    _context.engine.closed(*_conn, now());
    _conn.reset();
    _context.live.fetch_sub(1);
    spdlog::debug("connection {} closed", _remote);
  }
  // The caller holds a reference to us (a handler's `self` or the shard's map during abandon),
  // so dropping the shard's reference here is safe.
  _home.residents.erase(this);
}

void mqtt_connection::close_socket() { close_quietly(_socket); }

}  // namespace roost::server
