// mqtt_client: everything that reads packets from the broker.

#include "mqtt_state.hpp"
#include "roost/mqtt/decode.hpp"

namespace roost::sdk {

void mqtt_client::state::receive(std::span<const std::uint8_t> bytes) {
  mqtt::frame f;
  while (!close_now) {
    const detail::assembly s = frames.take(bytes, f);
    if (s == detail::assembly::need_more) break;
    if (s == detail::assembly::too_large) return fail(client_error::too_large);
    if (s == detail::assembly::malformed) return fail(client_error::protocol_error);
    handle(f);
  }
  pump();
}

void mqtt_client::state::handle(const mqtt::frame& f) {
  if (ph == phase::awaiting_connack) {
    if (f.type() != mqtt::packet_type::connack) return fail(client_error::protocol_error);
    return handle_connack(f);
  }
  if (ph != phase::connected) return;
  switch (f.type()) {
    case mqtt::packet_type::publish: return handle_publish(f);
    case mqtt::packet_type::puback:
    case mqtt::packet_type::pubrec:
    case mqtt::packet_type::pubrel:
    case mqtt::packet_type::pubcomp:
    case mqtt::packet_type::unsuback: return handle_ack(f);
    case mqtt::packet_type::suback: return handle_suback(f);
    case mqtt::packet_type::pingresp:
      if (!mqtt::decode_pingresp(f)) return fail(client_error::protocol_error);
      ping_outstanding = false;
      return;
    default: return fail(client_error::protocol_error);
  }
}

void mqtt_client::state::handle_connack(const mqtt::frame& f) {
  const auto ack = mqtt::decode_connack(f, version());
  if (!ack) return fail(client_error::protocol_error);
  if (ack->code != mqtt::connack_code::accepted) {
    event e;
    e.id = event_id::error;
    e.error = client_error::connection_refused;
    e.connack_code = static_cast<std::uint8_t>(ack->code);
    emit(e);
    return close_with(client_error::connection_refused);
  }
  accept_session(ack->session_present);
}

void mqtt_client::state::accept_session(bool session_present) {
  ph = phase::connected;
  link.accepted();
  if (!session_present) {
    // The broker knows nothing: every subscription again; held QoS 2 ids and unfinished
    // unsubscriptions mean nothing any more.
    store.erase_if([](const detail::record& r) {
      return r.kind == rec::inbound || r.kind == rec::unsubscribe;
    });
  }
  for (std::size_t at = store.begin(); at != store.end(); at = store.next(at)) {
    const detail::record r = store.at(at);
    std::uint8_t flags = r.flags;
    if (r.kind == rec::subscription && (!session_present || (r.flags & rec::wait) != 0)) {
      flags = static_cast<std::uint8_t>((flags | rec::send) & ~rec::wait);  // keeps its id, if any
    } else if (r.kind == rec::unsubscribe) {
      flags |= rec::send;
    } else if (r.kind == rec::message && (r.flags & rec::sent) != 0) {
      flags |= rec::resend;
    }
    store.set_flags(at, flags);
  }
  event e;
  e.id = event_id::connected;
  e.session_present = session_present;
  emit(e);
  pump();
}

void mqtt_client::state::handle_publish(const mqtt::frame& f) {
  const auto p = mqtt::decode_publish(f, version());
  if (!p) return fail(client_error::protocol_error);
  bool deliver = true;
  if (p->qos == 2) {
    const bool held = store.find([&](const detail::record& r) {
      return r.kind == rec::inbound && r.packet_id == p->packet_id;
    }) != store.end();
    // Delivered once: a copy with the same id before its PUBREL is not delivered again. When the
    // store has no room to remember the id, the message is still delivered (at least once).
    deliver = !held;
    if (!held) store.append({rec::inbound, 0, p->packet_id, {}, {}});
  }
  if (deliver) {
    event e;
    e.id = event_id::data;
    e.packet_id = p->packet_id;
    e.topic = p->topic;
    e.payload = p->payload;
    e.qos = p->qos;
    e.retain = p->retain;
    e.dup = p->dup;
    emit(e);
  }
  if (ph != phase::connected) return;  // the handler stopped the client
  if (p->qos == 1) send_ack(mqtt::packet_type::puback, p->packet_id);
  if (p->qos == 2) send_ack(mqtt::packet_type::pubrec, p->packet_id);
}

namespace {

// The packet id of PUBACK, PUBREC, PUBREL, PUBCOMP or UNSUBACK, or 0 when the frame is malformed
// (a valid one is never 0).
std::uint16_t ack_packet_id(const mqtt::frame& f, mqtt::protocol_version v) {
  auto id_of = [](const auto& decoded) -> std::uint16_t {
    return decoded ? decoded->packet_id : std::uint16_t{0};
  };
  switch (f.type()) {
    case mqtt::packet_type::puback: return id_of(mqtt::decode_puback(f, v));
    case mqtt::packet_type::pubrec: return id_of(mqtt::decode_pubrec(f, v));
    case mqtt::packet_type::pubrel: return id_of(mqtt::decode_pubrel(f, v));
    case mqtt::packet_type::pubcomp: return id_of(mqtt::decode_pubcomp(f, v));
    default: return id_of(mqtt::decode_unsuback(f, v));
  }
}

}  // namespace

void mqtt_client::state::handle_ack(const mqtt::frame& f) {
  const std::uint16_t id = ack_packet_id(f, version());
  if (id == 0) return fail(client_error::protocol_error);

  if (f.type() == mqtt::packet_type::pubrel) {
    store.erase_if(
        [&](const detail::record& r) { return r.kind == rec::inbound && r.packet_id == id; });
    return send_ack(mqtt::packet_type::pubcomp, id);
  }
  if (f.type() == mqtt::packet_type::unsuback) {
    store.erase_if(
        [&](const detail::record& r) { return r.kind == rec::unsubscribe && r.packet_id == id; });
    event e;
    e.id = event_id::unsubscribed;
    e.packet_id = id;
    return emit(e);
  }
  const std::uint8_t want_qos = f.type() == mqtt::packet_type::puback ? 1 : 2;
  const std::size_t at = store.find([&](const detail::record& r) {
    return r.kind == rec::message && r.packet_id == id && (r.flags & rec::qos) == want_qos &&
           (r.flags & rec::sent) != 0;
  });
  if (f.type() == mqtt::packet_type::pubrec) {
    if (at == store.end())
      return send_ack(mqtt::packet_type::pubrel, id);  // lets the broker finish
    const std::uint8_t flags = store.at(at).flags;
    store.set_flags(at, static_cast<std::uint8_t>(flags | rec::pubrel | rec::resend));
    return;  // pump() sends the PUBREL
  }
  if (at == store.end()) return;  // an ack for nothing we have: a late duplicate
  store.erase(at);
  --in_flight;  // receive() pumps next: a waiting message takes the freed place
  event e;
  e.id = event_id::published;
  e.packet_id = id;
  emit(e);
}

void mqtt_client::state::handle_suback(const mqtt::frame& f) {
  const auto ack = mqtt::decode_suback_view(f, version());
  if (!ack) return fail(client_error::protocol_error);
  const std::size_t at = store.find([&](const detail::record& r) {
    return r.kind == rec::subscription && r.packet_id == ack->packet_id &&
           (r.flags & rec::wait) != 0;
  });
  if (at != store.end()) {
    store.set_flags(at, static_cast<std::uint8_t>(store.at(at).flags & ~rec::wait));
    store.set_packet_id(at, 0);
  }
  event e;
  e.id = event_id::subscribed;
  e.packet_id = ack->packet_id;
  e.qos = ack->return_codes[0];
  emit(e);
}

}  // namespace roost::sdk
