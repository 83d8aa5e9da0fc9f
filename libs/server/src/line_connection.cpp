#include "line_connection.hpp"

#include <algorithm>
#include <chrono>

#include <boost/asio/buffer.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/write.hpp>
#include <spdlog/spdlog.h>

#include "socket_setup.hpp"

namespace roost::server {

namespace {

constexpr std::chrono::seconds expiry_check_period{1};

std::chrono::sys_seconds wall_now() {
  return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
}

}  // namespace

line_connection::line_connection(server_context& context, shard& home, socket_type socket, platform::line_hub& hub,
                                 platform::line_settings settings)
    : _context(context), _home(home), _socket(std::move(socket)), _hub(hub), _settings(settings), _tick(home.io) {}

// Registers with the shard and the hub, then starts reading and ticking. A connection accepted
// while the server is shutting down is closed at once.
void line_connection::start() {
  if (_context.stopping.load()) {
    close_quietly(_socket);
    return;
  }
  auto remote = prepare_socket(_socket, _context.tcp_nodelay);
  if (!remote) {
    close_quietly(_socket);
    return;
  }
  _remote = std::move(*remote);
  _home.residents.emplace(this, shared_from_this());
  _context.live.fetch_add(1);
  _session = std::make_unique<platform::line_session>(_hub.next_session_id(), _hub, _settings, clock_type::now());
  _hub.register_session(_session->id(), *this);
  spdlog::debug("line connection from {} on shard {}", _remote, _home.index);
  schedule_tick();
  wait_readable();
}

void line_connection::abandon() { finish(); }

void line_connection::push(std::string uid, std::string topic, std::string msg) {
  asio::post(_home.io, [self = shared_from_this(), uid = std::move(uid), topic = std::move(topic),
                        msg = std::move(msg)] {
    if (self->_finished) return;
    self->_session->deliver(uid, topic, msg);
    self->flush();
  });
}

bool line_connection::may_read() const {
  return !_finished && !_closing && !_session->should_close() && _session->pending().size() <= max_unsent;
}

void line_connection::wait_readable() {
  if (_reading || !may_read()) return;
  _reading = true;
  _socket.async_wait(socket_type::wait_read,
                     [self = shared_from_this()](const boost::system::error_code& ec) { self->on_readable(ec); });
}

void line_connection::on_readable(const boost::system::error_code& ec) {
  _reading = false;
  if (_finished) return;
  std::size_t n = 0;
  switch (read_into_shard(ec, _socket, _home, n)) {
    case read_outcome::again:
      return wait_readable();
    case read_outcome::closed:
      return finish();
    case read_outcome::data:
      break;
  }
  const std::string_view bytes(reinterpret_cast<const char*>(_home.read_buffer.get()), n);
  _session->on_bytes(bytes, clock_type::now(), wall_now());
  flush();
  wait_readable();
}

// Writes a copy of the head of pending(): the session may append while the write is in flight.
void line_connection::flush() {
  if (_writing || _finished) return;
  const std::string_view pending = _session->pending();
  if (pending.empty()) {
    if (_closing || _session->should_close()) finish();
    return;
  }
  _writing_bytes.assign(pending.substr(0, std::min(pending.size(), write_chunk)));
  _writing = true;
  asio::async_write(_socket, asio::buffer(_writing_bytes),
                    [self = shared_from_this()](const boost::system::error_code& ec, std::size_t n) {
                      self->on_written(ec, n);
                    });
}

void line_connection::on_written(const boost::system::error_code& ec, std::size_t n) {
  _writing = false;
  if (_finished) return;
  if (ec) {
    finish();
    return;
  }
  _session->consume(n);
  if (_session->pending().empty()) _writing_bytes = std::string{};  // an idle connection keeps no copy
  flush();
  wait_readable();  // resumes reading if it was paused for output
}

void line_connection::schedule_tick() {
  _tick.expires_after(expiry_check_period);
  _tick.async_wait([self = shared_from_this()](const boost::system::error_code& ec) {
    if (!ec) self->on_tick();
  });
}

// Expired sessions close at once; a server shutdown lets the connection write what is pending.
void line_connection::on_tick() {
  if (_finished) return;
  if (_session->expired(clock_type::now())) {
    spdlog::debug("line connection {}: keepalive expired", _remote);
    finish();
    return;
  }
  if (_context.stopping.load()) {
    _closing = true;
    flush();
    if (_finished) return;
  }
  schedule_tick();
}

void line_connection::finish() {
  if (_finished) return;
  _finished = true;
  _tick.cancel();
  close_quietly(_socket);
  if (_session) {
    _session->on_closed();
    _context.live.fetch_sub(1);
    spdlog::debug("line connection {} closed", _remote);
  }
  // The caller holds a reference to us (a handler's `self` or the shard's map during abandon).
  _home.residents.erase(this);
}

}  // namespace roost::server
