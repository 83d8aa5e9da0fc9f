// mqtt_client: the public entry points (session calls and the application's API). The state and
// its steps are in mqtt_state.hpp, mqtt_send.cpp and mqtt_receive.cpp.

#include "roost/sdk/mqtt_client.hpp"

#include <algorithm>
#include <new>

#include "mqtt_state.hpp"
#include "roost/mqtt/encode_into.hpp"
#include "roost/mqtt/topic.hpp"

namespace roost::sdk {
namespace {

std::uint32_t seed_for(const client_config& c, const void* self) {
  const auto address = reinterpret_cast<std::uintptr_t>(self);
  return detail::hash32(c.client_id.data(), c.client_id.size(),
                        c.jitter_seed ^ static_cast<std::uint32_t>(address) ^ 2166136261u);
}

}  // namespace

mqtt_client::state::state(const client_config& config, client_memory memory, event_handler& h,
                          mqtt_client& owner)
    : stream_core(memory.tx, config.reconnect_min_ms, config.reconnect_max_ms,
                  config.auto_reconnect, seed_for(config, &owner)),
      cfg(config),
      handler(h),
      self(owner),
      frames(memory.rx),
      store(memory.store) {}

void mqtt_client::state::fail(client_error e) {
  event ev;
  ev.id = event_id::error;
  ev.error = e;
  emit(ev);
  close_with(e);
}

mqtt_client::mqtt_client(const client_config& config, client_memory memory,
                         event_handler& handler) {
  static_assert(sizeof(state) <= state_size, "mqtt_client::state_size is too small");
  static_assert(alignof(state) <= alignof(std::max_align_t));
  new (_state_storage) state(config, memory, handler, *this);
}

mqtt_client::~mqtt_client() { st().~state(); }

mqtt_client::state& mqtt_client::st() {
  return *std::launder(static_cast<state*>(static_cast<void*>(_state_storage)));
}

const mqtt_client::state& mqtt_client::st() const {
  return *std::launder(static_cast<const state*>(static_cast<const void*>(_state_storage)));
}

void mqtt_client::start(millis now) {
  state& s = st();
  if (s.cfg.client_id.empty() && !s.cfg.clean_session) {
    event e;
    e.id = event_id::error;
    e.error = client_error::invalid_argument;
    s.emit(e);
    return;
  }
  s.start(now);
}

void mqtt_client::stop(millis now) {
  state& s = st();
  if (!s.stop(now)) return;
  if (s.ph == phase::connected) {
    s.send_disconnect();
    s.close_after_flush = true;
  } else {
    s.close_now = true;
  }
}

bool mqtt_client::connected() const { return st().ph == phase::connected; }

bool mqtt_client::stopped() const { return !st().link.started(); }

result<std::uint16_t, client_error> mqtt_client::publish(std::string_view topic,
                                                         std::span<const std::uint8_t> payload,
                                                         std::uint8_t qos, bool retain) {
  state& s = st();
  if (qos > 2 || !mqtt::valid_topic_name(topic)) return fail(client_error::invalid_argument);
  mqtt::publish p;
  p.qos = qos;
  p.retain = retain;
  p.topic = topic;
  p.packet_id = 1;
  p.payload = payload;
  if (mqtt::encoded_size(p) > s.out.capacity()) return fail(client_error::too_large);

  // QoS 0 with nothing queued ahead goes straight out, without touching the store.
  if (qos == 0 && s.can_send() && s.ack_count == 0 && s.queued == 0) {
    p.packet_id = 0;
    const std::size_t n = mqtt::encode_into(p, s.out.space());
    if (n != 0) {
      s.out.commit(n);
      return std::uint16_t{0};
    }
  }
  if (detail::record_store::footprint(topic.size(), payload.size()) > s.store.capacity()) {
    return fail(client_error::too_large);
  }
  if (s.queued >= s.cfg.offline_queue_max) return fail(client_error::queue_full);
  std::uint16_t id = 0;
  if (qos > 0 && (id = s.allocate_packet_id()) == 0) return fail(client_error::no_packet_id);
  const auto flags = static_cast<std::uint8_t>(qos | (retain ? rec::retain : 0));
  if (!s.store.append({rec::message, flags, id, topic, payload}))
    return fail(client_error::queue_full);
  ++s.queued;
  // With messages waiting ahead of this one, it cannot go before them: whatever frees them (the
  // CONNACK, on_sent, an acknowledgement) pumps. Skipping the scan keeps bulk publishing linear.
  if (s.queued == 1) s.pump();
  return id;
}

result<std::uint16_t, client_error> mqtt_client::publish(std::string_view topic,
                                                         std::string_view payload, std::uint8_t qos,
                                                         bool retain) {
  return publish(topic, {reinterpret_cast<const std::uint8_t*>(payload.data()), payload.size()},
                 qos, retain);
}

result<std::uint16_t, client_error> mqtt_client::subscribe(std::string_view filter,
                                                           std::uint8_t qos) {
  state& s = st();
  if (qos > 2 || !mqtt::valid_topic_filter(filter)) return fail(client_error::invalid_argument);
  const mqtt::subscription_view entry{filter, qos};
  if (mqtt::encoded_size(mqtt::subscribe_view{1, {&entry, 1}}) > s.out.capacity()) {
    return fail(client_error::too_large);
  }
  const std::uint16_t id = s.allocate_packet_id();
  if (id == 0) return fail(client_error::no_packet_id);
  const auto flags = static_cast<std::uint8_t>(qos | rec::send);
  const std::size_t at = s.store.find(
      [&](const detail::record& r) { return r.kind == rec::subscription && r.topic == filter; });
  if (at != s.store.end()) {
    s.store.set_flags(at, flags);
    s.store.set_packet_id(at, id);
  } else if (!s.store.append({rec::subscription, flags, id, filter, {}})) {
    return fail(client_error::queue_full);
  }
  s.pump();
  return id;
}

result<std::uint16_t, client_error> mqtt_client::unsubscribe(std::string_view filter) {
  state& s = st();
  if (!mqtt::valid_topic_filter(filter)) return fail(client_error::invalid_argument);
  const std::string_view filters[] = {filter};
  if (mqtt::encoded_size(mqtt::unsubscribe_view{1, filters}) > s.out.capacity()) {
    return fail(client_error::too_large);
  }
  s.store.erase_if([&](const detail::record& r) {
    return (r.kind == rec::subscription || r.kind == rec::unsubscribe) && r.topic == filter;
  });
  const std::uint16_t id = s.allocate_packet_id();
  if (id == 0) return fail(client_error::no_packet_id);
  if (!s.store.append({rec::unsubscribe, rec::send, id, filter, {}})) {
    return fail(client_error::queue_full);
  }
  s.pump();
  return id;
}

std::size_t mqtt_client::outbox_size() const { return st().in_flight; }

std::size_t mqtt_client::offline_queue_size() const { return st().queued; }

std::uint32_t mqtt_client::reconnects() const { return st().link.reconnects(); }

const char* mqtt_client::host() const { return st().cfg.host; }

std::uint16_t mqtt_client::port() const { return st().cfg.port; }

std::uint32_t mqtt_client::open_timeout_ms() const { return st().cfg.open_timeout_ms; }

bool mqtt_client::wants_open() const { return st().link.wants_open(); }

void mqtt_client::on_open(millis now) {
  state& s = st();
  s.opened(now);
  s.ph = phase::awaiting_connack;
  s.opened_at = now;
  s.ack_count = 0;
  s.frames.reset();
  if (!s.send_connect()) s.fail(client_error::too_large);
}

void mqtt_client::on_open_failed(millis now) {
  state& s = st();
  s.link.failed(now);
  event e;
  e.id = event_id::error;
  e.error = client_error::connect_failed;
  s.emit(e);
}

std::span<const std::uint8_t> mqtt_client::output() const { return st().output(); }

void mqtt_client::on_sent(std::size_t n) {
  state& s = st();
  s.sent(n);
  s.pump();
}

void mqtt_client::on_received(std::span<const std::uint8_t> bytes, millis now) {
  state& s = st();
  s.link.seen(now);
  s.receive(bytes);
}

bool mqtt_client::wants_close() const { return st().wants_close(); }

void mqtt_client::on_closed(millis now) {
  state& s = st();
  event e;
  e.id = event_id::disconnected;
  e.error = s.closed(now);
  s.ph = phase::idle;
  s.frames.reset();
  s.ack_count = 0;
  s.emit(e);
}

void mqtt_client::on_tick(millis now) {
  state& s = st();
  s.link.seen(now);
  if (s.close_now) return;
  if (s.ph == phase::awaiting_connack && now >= s.opened_at + s.cfg.connack_timeout_ms) {
    return s.fail(client_error::timeout);
  }
  if (!s.can_send() || s.cfg.keep_alive_s == 0) return;
  const millis period = millis{s.cfg.keep_alive_s} * 1000;
  switch (s.keepalive_step(now, period, period)) {
    case detail::stream_core::keepalive::timed_out: return s.fail(client_error::timeout);
    case detail::stream_core::keepalive::ping:
      if (s.send_ping()) s.ping_sent(now);
      return;
    case detail::stream_core::keepalive::wait: return;
  }
}

millis mqtt_client::next_deadline() const {
  const state& s = st();
  millis d = s.link.retry_deadline();
  if (!s.link.is_open() || s.close_now) return d;
  if (s.ph == phase::awaiting_connack) return std::min(d, s.opened_at + s.cfg.connack_timeout_ms);
  if (s.ph != phase::connected || s.cfg.keep_alive_s == 0) return d;
  const millis period = millis{s.cfg.keep_alive_s} * 1000;
  return std::min(d, s.keepalive_deadline(period, period));
}

}  // namespace roost::sdk
