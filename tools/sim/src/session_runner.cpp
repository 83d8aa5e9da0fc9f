#include "session_runner.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/error.hpp>
#include <algorithm>

#include "shard.hpp"

namespace roost::tools::sim {
namespace asio = boost::asio;
using boost::system::error_code;

namespace {
// Deadlines further away than this are "none" (the timer is left idle).
constexpr millis far_future_ms = 24ull * 3600 * 1000;

bool would_block(const error_code& ec) {
  return ec == asio::error::would_block || ec == asio::error::try_again;
}
}  // namespace

session_runner::session_runner(shard& owner, std::unique_ptr<sim_device> device)
    : _shard(owner),
      _device(std::move(device)),
      _session(_device->session()),
      _socket(owner.io()),
      _timer(owner.io()) {}

void session_runner::start() {
  _device->start(_shard.clock().now());
  kick();
}

void session_runner::stop() {
  if (_stopped) return;
  _stopped = true;
  const millis now = _shard.clock().now();
  _device->stop(now);
  if (_phase == phase::queued) _phase = phase::idle;  // the shard dropped its queue
  if (_phase == phase::connecting) fail_connect(false);
  kick();
}

void session_runner::permit() {
  if (_phase != phase::queued) return;
  _phase = phase::idle;
  if (_stopped || !_session.wants_open()) {
    kick();
    return;
  }
  connect();
}

void session_runner::kick() {
  if (_phase == phase::idle && !_stopped && _session.wants_open()) {
    _phase = phase::queued;
    _shard.request_connect(*this);
  }
  if (_phase == phase::open) flush();
  if (_phase == phase::open && _session.wants_close()) {
    // Let pending output (a DISCONNECT, say) go out first unless the socket is full.
    if (_session.output().empty() || !_write_waiting) close_stream();
  }
  if (_phase == phase::open && !_read_waiting) wait_readable();
  arm_timer();
}

void session_runner::connect() {
  _phase = phase::connecting;
  _connect_deadline = _shard.clock().now() + open_timeout_ms;
  const std::uint32_t gen = ++_generation;
  asio::async_connect(_socket, _shard.endpoints(), [this, gen](const error_code& ec, const asio::ip::tcp::endpoint&) {
    if (gen != _generation) return;
    on_connected(ec);
  });
  arm_timer();
}

void session_runner::on_connected(const error_code& ec) {
  if (ec) {
    fail_connect(true);
    return;
  }
  error_code ignored;
  _socket.non_blocking(true, ignored);
  _socket.set_option(asio::ip::tcp::no_delay(true), ignored);
  _phase = phase::open;
  _connect_deadline = no_deadline;
  _shard.stream_opened();
  _session.on_open(_shard.clock().now());
  kick();
}

void session_runner::fail_connect(bool count) {
  ++_generation;
  error_code ignored;
  _socket.close(ignored);
  _phase = phase::idle;
  _connect_deadline = no_deadline;
  if (count) _shard.stats().failed_connect();
  _session.on_open_failed(_shard.clock().now());
  kick();
}

void session_runner::flush() {
  while (_phase == phase::open && !_write_waiting) {
    const auto out = _session.output();
    if (out.empty()) return;
    error_code ec;
    const std::size_t n = _socket.write_some(asio::buffer(out.data(), out.size()), ec);
    if (would_block(ec)) return await_socket(asio::socket_base::wait_write, _write_waiting);
    if (ec) {
      close_stream();
      return;
    }
    _session.on_sent(n);
  }
}

void session_runner::wait_readable() { await_socket(asio::socket_base::wait_read, _read_waiting); }

void session_runner::await_socket(asio::socket_base::wait_type what, bool& waiting) {
  waiting = true;
  const std::uint32_t gen = _generation;
  _socket.async_wait(what, [this, gen, what, &waiting](const error_code& ec) {
    if (gen != _generation) return;
    waiting = false;
    if (ec) {
      close_stream();
      return;
    }
    if (what == asio::socket_base::wait_read) read_available();
    kick();
  });
}

void session_runner::read_available() {
  const auto buffer = _shard.read_buffer();
  // A few reads at most, so that one busy device does not starve the others of its shard.
  for (int i = 0; i < 4 && _phase == phase::open; ++i) {
    error_code ec;
    const std::size_t n = _socket.read_some(asio::buffer(buffer.data(), buffer.size()), ec);
    if (would_block(ec)) return;
    if (ec) {  // EOF or a reset
      close_stream();
      return;
    }
    _session.on_received(buffer.first(n), _shard.clock().now());
    if (n < buffer.size()) return;
  }
}

void session_runner::close_stream() {
  if (_phase != phase::open) return;
  ++_generation;
  error_code ignored;
  _socket.shutdown(asio::socket_base::shutdown_both, ignored);
  _socket.close(ignored);
  _phase = phase::idle;
  _read_waiting = _write_waiting = false;
  _shard.stream_closed();
  _session.on_closed(_shard.clock().now());
}

void session_runner::arm_timer() {
  const millis now = _shard.clock().now();
  millis deadline = std::min({_session.next_deadline(), _device->next_deadline(), _connect_deadline});
  if (deadline != no_deadline && deadline > now + far_future_ms) deadline = no_deadline;
  // A deadline that has passed runs on the next turn of the loop, never in a tight loop.
  if (deadline != no_deadline && deadline <= now) deadline = now + 1;
  if (deadline == _armed) return;
  _armed = deadline;
  if (deadline == no_deadline) {
    _timer.cancel();
    return;
  }
  _timer.expires_at(_shard.clock().at(deadline));
  _timer.async_wait([this](const error_code& ec) {
    if (ec == asio::error::operation_aborted) return;
    on_timer();
  });
}

void session_runner::on_timer() {
  _armed = no_deadline;
  const millis now = _shard.clock().now();
  if (_phase == phase::connecting && now >= _connect_deadline) {
    fail_connect(true);
    return;  // fail_connect kicked
  }
  _session.on_tick(now);
  _device->on_tick(now);
  kick();
}

}  // namespace roost::tools::sim
