// The public face of the broker core: takes the lock and hands each event to the verb that
// handles it.

#include "roost/broker/engine.hpp"

#include <string>

#include "engine_state.hpp"
#include "roost/base/log.hpp"

namespace roost::broker {

engine::engine(settings s, authenticator* auth, time_point now)
    : _s(std::make_unique<engine_state>(std::move(s), auth, now)) {}

engine::~engine() = default;

std::shared_ptr<connection> engine::open(link& l, std::string remote, time_point now, listener_binding binding,
                                         std::string certified_user) {
  auto c = std::make_shared<connection>(l, std::move(remote), _s->cfg.max_packet_size, now);
  c->certified = !certified_user.empty();
  c->username = std::move(certified_user);
  c->auth = binding.auth != nullptr ? binding.auth : _s->auth;
  c->topics = binding.topics;
  std::lock_guard guard{_s->lock};
  _s->live.insert(c.get());
  return c;
}

// The decoder reads complete frames straight from `data` (the caller's buffer), so the loop runs
// until it wants more bytes; once the connection is closing, the rest of its input is never
// looked at again, and later input is not fed at all.
void engine::receive(connection& c, mqtt::byte_view data, time_point now) {
  std::unique_lock guard{_s->lock};
  _s->clock = now;
  auto reading = [&c] {
    return c.state == conn_state::awaiting_connect || c.state == conn_state::authenticating ||
           c.state == conn_state::connected;
  };
  if (!reading()) return;
  if (c.state == conn_state::awaiting_connect && c.decoder.buffered() == 0 && !data.empty() &&
      data[0] != 0x10) {
    // Judged on the first byte, without waiting for a body that may never come (an HTTP request,
    // a TLS hello) [MQTT-3.1.0-1].
    return _s->close(c, "first packet is not CONNECT [MQTT-3.1.0-1]");
  }
  c.decoder.feed(data);
  _s->counters.bytes_received += data.size();
  mqtt::frame f;
  while (reading()) {
    const auto status = c.decoder.next(f);
    if (status == mqtt::frame_status::need_more) break;
    if (status == mqtt::frame_status::error) {
      _s->close(c, c.decoder.last_error());
      break;
    }
    c.last_packet = now;
    if (c.state == conn_state::awaiting_connect) {
      if (f.type() != mqtt::packet_type::connect) {
        _s->close(c, "first packet is not CONNECT [MQTT-3.1.0-1]");
        break;
      }
      auto p = _s->check_connect(c, f, now);
      if (!p) break;
      if (!c.auth_method.empty()) {
        // MQTT 5 enhanced authentication: an exchange of AUTH packets before CONNACK.
        _s->start_auth(c, std::move(*p), guard);
        continue;
      }
      // Authentication may hash a password or query a database: never under the lock. Only this
      // thread reads this connection's frames, so `f`'s bytes stay valid meanwhile.
      auth_decision verdict;
      if (c.auth != nullptr) {
        credentials cred{p->client_id, std::nullopt, std::nullopt};
        if (c.certified) {
          cred.username = c.username;
          cred.certified = true;
        } else {
          if (p->username) cred.username = *p->username;
          if (p->password) cred.password = mqtt::byte_view{*p->password};
        }
        guard.unlock();
        verdict = c.auth->authenticate(cred);
        guard.lock();
        if (c.state != conn_state::awaiting_connect) break;  // closed meanwhile (timeout, shutdown)
      }
      _s->complete_connect(c, std::move(*p), verdict);
      continue;
    }
    if (f.type() == mqtt::packet_type::auth) {
      _s->handle_auth(c, f, guard);  // may run the authenticator without the lock
      continue;
    }
    if (c.state == conn_state::authenticating) {
      _s->refuse(c, mqtt::reason_code::protocol_error, "expected AUTH during authentication [MQTT-4.12.0-3]");
      break;
    }
    _s->handle_frame(c, f);
  }
}

void engine::wrote(connection&, std::size_t bytes) {
  _s->bytes_written.fetch_add(bytes, std::memory_order_relaxed);
}

void engine::closed(connection& c, time_point now) {
  std::lock_guard guard{_s->lock};
  if (c.state == conn_state::closed) return;
  _s->clock = now;
  // A will is owed unless the client said DISCONNECT (which already cleared it) [MQTT-3.1.2-8].
  _s->detach(c, true, now);
  c.state = conn_state::closed;
  _s->live.erase(&c);
}

void engine::tick(time_point now) {
  std::lock_guard guard{_s->lock};
  _s->clock = now;
  _s->check_timeouts(now);
  _s->expire_sessions(now);
  _s->publish_sys(now);
}

std::size_t engine::close_all() {
  std::lock_guard guard{_s->lock};
  std::size_t n = 0;
  for (connection* c : _s->live) {
    if (c->state == conn_state::closing || c->state == conn_state::closed) continue;
    // MQTT 5 clients are told why, and where to go when another server is configured.
    const settings& cfg = _s->cfg;
    if (cfg.server_reference.empty()) {
      _s->close(*c, mqtt::reason_code::server_shutting_down, "server shutting down");
    } else {
      _s->close(*c, cfg.server_moved ? mqtt::reason_code::server_moved : mqtt::reason_code::use_another_server,
                "server shutting down", cfg.server_reference);
    }
    ++n;
  }
  return n;
}

stats engine::snapshot() const {
  std::lock_guard guard{_s->lock};
  stats s = _s->counters;
  s.bytes_sent = _s->bytes_written.load(std::memory_order_relaxed);
  s.clients_total = _s->sessions.size();
  s.subscriptions = _s->subscription_count();
  s.retained = _s->retained_count();
  return s;
}

const settings& engine::config() const { return _s->cfg; }

// Dispatches one frame of a connected client by packet type; packets only a server sends are
// protocol violations.
void engine_state::handle_frame(connection& c, const mqtt::frame& f) {
  using mqtt::packet_type;
  if (ack_after_commit && durable != nullptr) writes_at_frame = durable->writes();
  switch (f.type()) {
    case packet_type::connect:
      return close(c, "second CONNECT [MQTT-3.1.0-2]");
    case packet_type::publish:
      return handle_publish(c, f);
    case packet_type::puback:
      return handle_puback(c, f);
    case packet_type::pubrec:
      return handle_pubrec(c, f);
    case packet_type::pubrel:
      return handle_pubrel(c, f);
    case packet_type::pubcomp:
      return handle_pubcomp(c, f);
    case packet_type::subscribe:
      return handle_subscribe(c, f);
    case packet_type::unsubscribe:
      return handle_unsubscribe(c, f);
    case packet_type::pingreq: {
      if (auto p = mqtt::decode_pingreq(f); !p) return close(c, p.error());
      // Behind any acknowledgement still waiting for a commit: responses keep their order.
      return acknowledge(c, mqtt::pingresp{});
    }
    case packet_type::disconnect:
      return handle_disconnect(c, f);
    default:
      return close(c, mqtt::error::unexpected_packet);
  }
}

}  // namespace roost::broker
