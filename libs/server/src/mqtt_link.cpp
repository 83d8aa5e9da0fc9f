#include "mqtt_link.hpp"

#include <boost/asio/post.hpp>
#include <spdlog/spdlog.h>

namespace roost::server {

mqtt_link::mqtt_link(server_context& context, shard& home, broker::listener_binding binding)
    : _context(context), _home(home), _binding(binding) {}

void mqtt_link::reside() { _home.residents.emplace(this, shared_from_this()); }

bool mqtt_link::open_with_engine(std::string remote, std::string identity) {
  _remote = std::move(remote);
  reside();
  _context.live.fetch_add(1);
  _conn = _context.engine.open(*this, _remote, clock_type::now(), _binding, std::move(identity));
  spdlog::debug("connection from {} on shard {}", _remote, _home.index);
  // A shutdown that began while we were opening may have run close_all() before the engine knew
  // this connection; close it ourselves.
  if (_context.stopping.load()) {
    finish();
    return false;
  }
  return true;
}

bool mqtt_link::received(mqtt::byte_view bytes) {
  _context.engine.receive(*_conn, bytes, clock_type::now());
  return !_close_requested.load();
}

bool mqtt_link::stopped_reading() const { return _finished || _ending || _close_requested.load(); }

void mqtt_link::abandon() { finish(); }

void mqtt_link::wake() { post_wake(); }

void mqtt_link::close() {
  _close_requested.store(true);
  post_wake();
}

// At most one wake is queued at a time; on_wake clears the flag before pulling, so a wake that
// arrives during the pull queues another.
void mqtt_link::post_wake() {
  if (_wake_posted.exchange(true)) return;
  boost::asio::post(_home.io, [self = shared_from_this()] { self->on_wake(); });
}

void mqtt_link::on_wake() {
  _wake_posted.store(false);
  if (_finished || _ending || !_conn) return;
  if (_writing) {
    _woken_while_writing = true;
    return;
  }
  flush();
}

void mqtt_link::flush() {
  if (!_write) _write = _home.borrow_write();
  write_buffers& w = *_write;
  w.out.clear();
  w.buffers.clear();
  const auto status = _context.engine.pull(*_conn, w.out, write_budget);

  if (w.out.empty()) {
    // The engine asked to close and has nothing more to say (an `idle` after close() is treated
    // the same way, so a closing connection can never linger).
    if (status == broker::pull_status::close || _close_requested.load()) {
      begin_end();
      return;
    }
    _home.return_write(std::move(_write));
    return;
  }

  w.buffers.reserve(w.out.pieces.size());
  for (const auto& p : w.out.pieces) w.buffers.emplace_back(w.out.data(p), p.size);
  _writing = true;
  _writing_status = status;
  write_batch(w.buffers);
}

void mqtt_link::written(const boost::system::error_code& ec, std::size_t n) {
  _writing = false;
  if (_finished) return;
  if (ec) {
    finish();
    return;
  }
  _context.engine.wrote(*_conn, n);
  if (_writing_status == broker::pull_status::close) {
    begin_end();
    return;
  }
  if (_writing_status == broker::pull_status::more || _woken_while_writing || _close_requested.load()) {
    _woken_while_writing = false;
    flush();
    return;
  }
  _home.return_write(std::move(_write));  // idle: an idle connection keeps no write buffers
}

void mqtt_link::begin_end() {
  if (_ending || _finished) return;
  _ending = true;
  _home.return_write(std::move(_write));
  end();
}

void mqtt_link::end() { finish(); }

void mqtt_link::finish() {
  if (_finished) return;
  _finished = true;
  close_transport();
  if (_conn) {
    _context.engine.closed(*_conn, clock_type::now());
    _conn.reset();
    _context.live.fetch_sub(1);
    spdlog::debug("connection {} closed", _remote);
  }
  // The caller holds a reference to us (a handler's `self` or the shard's map during abandon),
  // so dropping the shard's reference here is safe.
  _home.residents.erase(this);
}

}  // namespace roost::server
