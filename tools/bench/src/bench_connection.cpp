// bench_connection: socket, CONNECT/SUBSCRIBE handshake, frame dispatch and the broker's half of
// the QoS flows.

#include "bench_connection.hpp"

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstdio>
#include <cstring>

#include "roost/mqtt/decode.hpp"
#include "roost/mqtt/error.hpp"
#include "roost/mqtt/packet_views.hpp"

namespace roost::bench {
namespace {

constexpr std::size_t max_frame = 1 << 24;
constexpr std::uint16_t subscribe_packet_id = 1;
// MQTT 5 persistent sessions live this long after a disconnect (seconds).
constexpr std::uint32_t session_expiry_s = 300;

std::string errno_text(const char* what, int err) { return std::string{what} + ": " + std::strerror(err); }

void set_int_option(int fd, int level, int name, int value) {
  setsockopt(fd, level, name, &value, sizeof value);
}

}  // namespace

bench_connection::bench_connection(connection_owner& owner, run_state& run, int epoll_fd,
                                   connection_identity id)
    : _owner(owner), _run(run), _epoll(epoll_fd), _id(std::move(id)), _decoder(max_frame) {}

bench_connection::~bench_connection() { close_socket(); }

void bench_connection::start(bool clean, std::int64_t now) {
  close_socket();
  _decoder = mqtt::frame_decoder{max_frame};
  _out = output_buffer{};
  _clean = clean;
  _started_ns = now;
  _fd = ::socket(_run.broker.ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (_fd < 0) return fail(errno_text("socket", errno));
  set_int_option(_fd, IPPROTO_TCP, TCP_NODELAY, 1);
  if (!_run.sources.empty()) {
    const sockaddr_storage& src = _run.sources[_id.global_index % _run.sources.size()];
    set_int_option(_fd, IPPROTO_IP, IP_BIND_ADDRESS_NO_PORT, 1);
    if (::bind(_fd, reinterpret_cast<const sockaddr*>(&src), sizeof(sockaddr_in)) != 0) {
      return fail(errno_text("bind to the source address", errno));
    }
  }
  _state = link_state::tcp_connecting;
  if (::connect(_fd, reinterpret_cast<const sockaddr*>(&_run.broker), _run.broker_len) != 0 &&
      errno != EINPROGRESS) {
    return fail(errno_text("connect", errno));
  }
  epoll_event ev{};
  ev.events = EPOLLOUT;
  ev.data.ptr = this;
  if (epoll_ctl(_epoll, EPOLL_CTL_ADD, _fd, &ev) != 0) return fail(errno_text("epoll_ctl", errno));
  _want_write = true;
}

void bench_connection::on_connected(std::int64_t now) {
  int err = 0;
  socklen_t len = sizeof err;
  getsockopt(_fd, SOL_SOCKET, SO_ERROR, &err, &len);
  if (err != 0) return fail(errno_text("connect", err));
  const options& o = _run.opts;
  mqtt::connect_view c;
  c.protocol_level = static_cast<std::uint8_t>(o.version);
  c.clean_session = _clean;
  c.keep_alive = o.keepalive_s;
  c.client_id = _id.client_id;
  if (o.username) c.username = std::string_view{*o.username};
  if (o.password) {
    c.password = mqtt::byte_view{reinterpret_cast<const std::uint8_t*>(o.password->data()), o.password->size()};
  }
  if (!_clean && o.version == mqtt::protocol_version::v5) c.session_expiry = session_expiry_s;
  _out.commit(mqtt::encode_into(c, _out.prepare(mqtt::encoded_size(c))));
  _state = link_state::awaiting_connack;
  _last_send_ns = now;
  queued();
  watch(EPOLLIN);
}

void bench_connection::on_events(std::uint32_t events, std::span<std::uint8_t> read_buffer, std::int64_t now) {
  if (_state == link_state::closed) return;
  if (_state == link_state::closing) {
    const ssize_t n = ::read(_fd, read_buffer.data(), read_buffer.size());  // late traffic is dropped
    if (n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR)) abandon();
    return;
  }
  if (_state == link_state::tcp_connecting) {
    if ((events & (EPOLLOUT | EPOLLERR | EPOLLHUP)) != 0) on_connected(now);
    return;
  }
  if ((events & (EPOLLIN | EPOLLERR | EPOLLHUP)) != 0) read_some(read_buffer, now);
  if (_state != link_state::closed && (events & EPOLLOUT) != 0) flush();
}

void bench_connection::read_some(std::span<std::uint8_t> buffer, std::int64_t now) {
  const ssize_t n = ::read(_fd, buffer.data(), buffer.size());
  if (n == 0) return fail("the broker closed the connection");
  if (n < 0) {
    if (errno == EAGAIN || errno == EINTR) return;
    return fail(errno_text("read", errno));
  }
  _decoder.feed(mqtt::byte_view{buffer.data(), static_cast<std::size_t>(n)});
  mqtt::frame f;
  while (true) {
    const mqtt::frame_status s = _decoder.next(f);
    if (s == mqtt::frame_status::need_more) return;
    if (s == mqtt::frame_status::error) {
      return fail(std::string{"protocol error: "} + std::string{mqtt::to_string(_decoder.last_error())});
    }
    if (!handle(f, now)) return;
  }
}

bool bench_connection::handle(const mqtt::frame& f, std::int64_t now) {
  using mqtt::packet_type;
  const mqtt::protocol_version v = _run.opts.version;
  switch (f.type()) {
    case packet_type::connack: return handle_connack(f, now);
    case packet_type::suback: return handle_suback(f, now);
    case packet_type::publish: return handle_publish(f, now);
    case packet_type::puback:
      if (auto a = mqtt::decode_puback(f, v)) {
        check_reason(f, "PUBACK");
        _owner.on_released(*this, a->packet_id);
        return true;
      }
      break;
    case packet_type::pubrec:
      if (auto a = mqtt::decode_pubrec(f, v)) {
        if (check_reason(f, "PUBREC")) {
          append(mqtt::pubrel{a->packet_id});
        } else {
          _owner.on_released(*this, a->packet_id);  // a refusal ends the flow [MQTT-4.3.3]
        }
        return true;
      }
      break;
    case packet_type::pubrel:
      if (auto a = mqtt::decode_pubrel(f, v)) {
        append(mqtt::pubcomp{a->packet_id});
        return true;
      }
      break;
    case packet_type::pubcomp:
      if (auto a = mqtt::decode_pubcomp(f, v)) {
        _owner.on_released(*this, a->packet_id);
        return true;
      }
      break;
    case packet_type::pingresp: return true;
    case packet_type::disconnect: fail("the broker sent DISCONNECT"); return false;
    default: break;
  }
  fail("unexpected or malformed packet of type " + std::to_string(static_cast<int>(f.type())));
  return false;
}

bool bench_connection::check_reason(const mqtt::frame& f, const char* what) {
  if (_run.opts.version != mqtt::protocol_version::v5) return true;
  const std::uint8_t reason = mqtt::ack_reason_code(f);
  if (reason < 0x80) return true;
  char text[96];
  std::snprintf(text, sizeof text, "%s with reason code 0x%02x (%s)", what, reason, _id.client_id.c_str());
  _run.errors.add(text);
  return false;
}

bool bench_connection::handle_connack(const mqtt::frame& f, std::int64_t now) {
  auto ack = mqtt::decode_connack(f, _run.opts.version);
  // A broker without MQTT 5 answers a v5 CONNECT in the 3.1.1 form; read its code all the same.
  if (!ack && _run.opts.version == mqtt::protocol_version::v5) ack = mqtt::decode_connack(f, mqtt::protocol_version::v3_1_1);
  if (!ack) return fail("malformed CONNACK"), false;
  if (_state != link_state::awaiting_connack) return fail("unexpected CONNACK"), false;
  if (ack->code != mqtt::connack_code::accepted) {
    char code[8];
    std::snprintf(code, sizeof code, "0x%02x", static_cast<unsigned>(ack->code));
    return fail(std::string{"CONNACK refused with code "} + code + " (" + _id.client_id + ")"), false;
  }
  if (_run.opts.version == mqtt::protocol_version::v5) {
    const auto limits = mqtt::decode_connack_properties(f);
    if (!limits) return fail("malformed CONNACK properties"), false;
    receive_maximum = limits->receive_maximum;
    if (_id.kind != role::idle && limits->maximum_qos < _run.opts.qos) {
      return fail("the broker allows QoS " + std::to_string(limits->maximum_qos) + " at most"), false;
    }
  }
  if (cleaning) {
    _state = link_state::ready;
    _owner.on_ready(*this, now);
    return false;
  }
  if (_id.kind == role::subscriber) {
    const mqtt::subscription_view entry{_id.filter, _run.opts.qos};
    const mqtt::subscribe_view sub{subscribe_packet_id, std::span{&entry, 1}};
    const mqtt::protocol_version v = _run.opts.version;
    _out.commit(mqtt::encode_into(sub, v, _out.prepare(mqtt::encoded_size(sub, v))));
    queued();
    _state = link_state::awaiting_suback;
    return true;
  }
  _state = link_state::ready;
  _owner.on_ready(*this, now);
  return true;
}

bool bench_connection::handle_suback(const mqtt::frame& f, std::int64_t now) {
  const auto ack = mqtt::decode_suback_view(f, _run.opts.version);
  if (!ack || _state != link_state::awaiting_suback) return fail("unexpected or malformed SUBACK"), false;
  if (ack->return_codes.size() != 1 || ack->return_codes[0] >= mqtt::suback_failure) {
    return fail("subscription to " + _id.filter + " refused"), false;
  }
  _state = link_state::ready;
  _owner.on_ready(*this, now);
  return true;
}

bool bench_connection::handle_publish(const mqtt::frame& f, std::int64_t now) {
  const auto p = mqtt::decode_publish(f, _run.opts.version);
  if (!p) return fail(std::string{"malformed PUBLISH: "} + std::string{mqtt::to_string(p.error())}), false;
  if (p->qos == 1) append(mqtt::puback{p->packet_id});
  if (p->qos == 2) append(mqtt::pubrec{p->packet_id});
  _owner.on_message(*this, *p, now);
  return true;
}

bool bench_connection::append_publish(const mqtt::publish& p) {
  if (congested()) return false;
  const mqtt::protocol_version v = _run.opts.version;
  _out.commit(mqtt::encode_into(p, v, _out.prepare(mqtt::encoded_size(p, v))));
  queued();
  return true;
}

void bench_connection::queued() {
  if (_dirty) return;
  _dirty = true;
  _owner.mark_dirty(*this);
}

void bench_connection::flush() {
  if (_fd < 0 || _state == link_state::tcp_connecting || _state == link_state::closing || _out.empty()) return;
  const auto data = _out.data();
  const ssize_t n = ::send(_fd, data.data(), data.size(), MSG_NOSIGNAL);
  if (n < 0) {
    if (errno != EAGAIN && errno != EINTR) return fail(errno_text("send", errno));
  } else {
    _out.consume(static_cast<std::size_t>(n));
  }
  const bool pending = !_out.empty();
  if (pending != _want_write) watch(pending ? EPOLLIN | EPOLLOUT : EPOLLIN);
}

void bench_connection::keep_alive(std::int64_t now, std::int64_t idle_ns) {
  if (_state != link_state::ready || now - _last_send_ns < idle_ns) return;
  _last_send_ns = now;
  append(mqtt::pingreq{});
}

void bench_connection::check_connect_timeout(std::int64_t now, std::int64_t timeout_ns) {
  const bool connecting = _state == link_state::tcp_connecting || _state == link_state::awaiting_connack ||
                          _state == link_state::awaiting_suback;
  if (connecting && now - _started_ns > timeout_ns) fail("timed out connecting (" + _id.client_id + ")");
}

void bench_connection::disconnect() {
  if (_state == link_state::closing || _state == link_state::closed) return;
  if (_state == link_state::ready) {
    append(mqtt::disconnect{});
    flush();
    if (_fd >= 0 && _out.empty()) {
      _state = link_state::closing;
      return;
    }
  }
  close_socket();
  _state = link_state::closed;
}

void bench_connection::abandon() {
  const bool was_closing = _state == link_state::closing;
  close_socket();
  _state = link_state::closed;
  if (was_closing) _owner.on_closed(*this);
}

void bench_connection::watch(std::uint32_t events) {
  epoll_event ev{};
  ev.events = events;
  ev.data.ptr = this;
  epoll_ctl(_epoll, EPOLL_CTL_MOD, _fd, &ev);
  _want_write = (events & EPOLLOUT) != 0;
}

void bench_connection::fail(const std::string& what) {
  if (_state == link_state::closed) return;
  const bool while_connecting = _state != link_state::ready;
  _run.errors.add(what);
  close_socket();
  _state = link_state::closed;
  _owner.on_failed(*this, while_connecting);
}

void bench_connection::close_socket() {
  if (_fd < 0) return;
  ::close(_fd);  // also leaves the epoll set
  _fd = -1;
}

}  // namespace roost::bench
