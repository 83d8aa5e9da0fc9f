// mqtt_client: everything that writes packets into tx.

#include "mqtt_state.hpp"
#include "roost/mqtt/encode_into.hpp"

namespace roost::sdk {
namespace {

std::string_view protocol_name(std::uint8_t level) { return level == 3 ? "MQIsdp" : "MQTT"; }

}  // namespace

std::uint16_t mqtt_client::state::allocate_packet_id() {
  for (std::uint32_t tries = 0; tries < 65535; ++tries) {
    const std::uint16_t id = next_id;
    next_id = next_id == 65535 ? 1 : static_cast<std::uint16_t>(next_id + 1);
    const bool in_use = store.find([&](const detail::record& r) {
      return r.kind != rec::inbound && r.packet_id == id;
    }) != store.end();
    if (!in_use) return id;
  }
  return 0;
}

bool mqtt_client::state::send_connect() {
  mqtt::connect_view c;
  c.protocol_name = protocol_name(cfg.protocol_level);
  c.protocol_level = cfg.protocol_level;
  c.clean_session = cfg.clean_session;
  c.keep_alive = cfg.keep_alive_s;
  c.client_id = cfg.client_id;
  if (cfg.will)
    c.will = mqtt::will_view{cfg.will->topic, cfg.will->payload, cfg.will->qos, cfg.will->retain};
  c.username = cfg.username;
  c.password = cfg.password;
  const std::size_t n = mqtt::encode_into(c, out.space());
  out.commit(n);
  return n != 0;
}

void mqtt_client::state::send_disconnect() {
  out.commit(mqtt::encode_into(mqtt::disconnect{}, out.space()));
}

bool mqtt_client::state::send_ping() {
  const std::size_t n = mqtt::encode_into(mqtt::pingreq{}, out.space());
  out.commit(n);
  return n != 0;
}

namespace {

std::size_t encode_ack(mqtt::packet_type type, std::uint16_t id, std::span<std::uint8_t> out) {
  switch (type) {
    case mqtt::packet_type::puback: return mqtt::encode_into(mqtt::puback{id}, out);
    case mqtt::packet_type::pubrec: return mqtt::encode_into(mqtt::pubrec{id}, out);
    case mqtt::packet_type::pubrel: return mqtt::encode_into(mqtt::pubrel{id}, out);
    default: return mqtt::encode_into(mqtt::pubcomp{id}, out);
  }
}

}  // namespace

void mqtt_client::state::send_ack(mqtt::packet_type type, std::uint16_t packet_id) {
  if (!can_send()) return;  // nothing follows a DISCONNECT; the broker re-sends after a reconnect
  if (ack_count == 0) {
    const std::size_t n = encode_ack(type, packet_id, out.space());
    if (n != 0) {
      out.commit(n);
      return;
    }
  }
  if (ack_count == max_pending_acks) {
    fail(client_error::queue_full);  // the peer floods us while we cannot write: start over
    return;
  }
  acks[ack_count++] = {type, packet_id};
}

void mqtt_client::state::pump() {
  if (!can_send()) return;
  std::size_t done = 0;
  for (; done < ack_count; ++done) {
    const std::size_t n = encode_ack(acks[done].type, acks[done].packet_id, out.space());
    if (n == 0) break;
    out.commit(n);
  }
  for (std::size_t i = done; i < ack_count; ++i) acks[i - done] = acks[i];
  ack_count -= done;
  if (ack_count != 0) return;

  bool held = false;  // a message waits for the window: later messages wait behind it
  for (std::size_t at = store.begin(); at != store.end();) {
    const detail::record r = store.at(at);
    const std::uint8_t qos = r.flags & rec::qos;
    const bool first_send = r.kind == rec::message && (r.flags & rec::sent) == 0;
    if (first_send && (held || (qos != 0 && window_full()))) {
      held = true;
      at = store.next(at);
      continue;
    }
    std::size_t n = 0;
    std::uint8_t flags = r.flags;
    std::uint16_t id = r.packet_id;
    if (r.kind == rec::subscription && (r.flags & rec::send) != 0) {
      if (id == 0) id = allocate_packet_id();
      const mqtt::subscription_view entry{r.topic, qos};
      n = mqtt::encode_into(mqtt::subscribe_view{id, {&entry, 1}}, out.space());
      flags = static_cast<std::uint8_t>((flags & ~rec::send) | rec::wait);
    } else if (r.kind == rec::unsubscribe && (r.flags & rec::send) != 0) {
      const std::string_view filter = r.topic;
      n = mqtt::encode_into(mqtt::unsubscribe_view{id, {&filter, 1}}, out.space());
      flags = static_cast<std::uint8_t>(flags & ~rec::send);
    } else if (r.kind == rec::message &&
               ((r.flags & rec::sent) == 0 || (r.flags & rec::resend) != 0)) {
      if ((r.flags & rec::pubrel) != 0) {
        n = mqtt::encode_into(mqtt::pubrel{id}, out.space());
      } else {
        mqtt::publish p;
        p.dup = (r.flags & rec::sent) != 0;
        p.qos = qos;
        p.retain = (r.flags & rec::retain) != 0;
        p.topic = r.topic;
        p.packet_id = id;
        p.payload = r.payload;
        n = mqtt::encode_into(p, out.space());
      }
      flags = static_cast<std::uint8_t>((flags | rec::sent) & ~rec::resend);
    } else {
      at = store.next(at);
      continue;
    }
    if (n == 0) return;  // tx is full: the rest waits for on_sent, in order
    out.commit(n);
    if (first_send) {
      --queued;
      if (qos != 0) ++in_flight;
    }
    if (r.kind == rec::message && qos == 0) {
      at = store.erase(at);
      continue;
    }
    store.set_flags(at, flags);
    store.set_packet_id(at, id);
    at = store.next(at);
  }
}

}  // namespace roost::sdk
