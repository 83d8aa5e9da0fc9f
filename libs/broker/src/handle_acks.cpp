// Acknowledgements: PUBACK and PUBCOMP end an outgoing flow, PUBREC moves a QoS 2 flow to PUBREL,
// PUBREL ends an incoming QoS 2 flow. Unknown packet ids are tolerated (a re-sent ack after a
// reconnect is normal), except that PUBREL is always answered with PUBCOMP [MQTT-4.3.3-1].
// MQTT 5: a PUBREL or PUBCOMP answering an unknown id carries 0x92 (packet identifier not found);
// a PUBREC with a reason code of 0x80 or more ends the flow without PUBREL [MQTT-4.3.3-4 note].

#include <algorithm>

#include "engine_state.hpp"

namespace roost::broker {
namespace {

// The in-flight entry of `s` with `packet_id` at stage `at`, or end().
fifo<inflight_message>::iterator find_inflight(session& s, std::uint16_t packet_id,
                                               inflight_message::stage at) {
  return std::find_if(s.inflight.begin(), s.inflight.end(), [&](const inflight_message& m) {
    return m.packet_id == packet_id && m.at == at;
  });
}

// The reason code answering an id that is not outstanding: 0x92 for MQTT 5, none for 3.1 / 3.1.1.
std::uint8_t not_found(const connection& c) {
  return c.version == mqtt::protocol_version::v5 ? static_cast<std::uint8_t>(mqtt::reason_code::packet_identifier_not_found)
                                                 : 0;
}

// Ends the outgoing flow at `it` and lets the queue use the freed window slot.
void complete(engine_state& st, connection& c, fifo<inflight_message>::iterator it) {
  session& s = *c.sess;
  st.finish_message(s, it->entry);
  s.inflight.erase(it);
  if (!s.queue.empty() || !s.retained_backlog.empty()) st.wake(c);
}

}  // namespace

void engine_state::handle_puback(connection& c, const mqtt::frame& f) {
  auto p = mqtt::decode_ack_header(f, c.version);
  if (!p) return close(c, p.error());
  auto it = find_inflight(*c.sess, p->packet_id, inflight_message::stage::awaiting_puback);
  if (it != c.sess->inflight.end()) complete(*this, c, it);
}

void engine_state::handle_pubrec(connection& c, const mqtt::frame& f) {
  auto p = mqtt::decode_ack_header(f, c.version);
  if (!p) return close(c, p.error());
  auto it = find_inflight(*c.sess, p->packet_id, inflight_message::stage::awaiting_pubrec);
  if (it != c.sess->inflight.end() && p->reason >= 0x80) return complete(*this, c, it);  // refused by the client
  std::uint8_t reason = 0;
  if (it == c.sess->inflight.end()) {
    // Already released (a re-sent PUBREC): answering PUBREL again is harmless for the client.
    if (find_inflight(*c.sess, p->packet_id, inflight_message::stage::awaiting_pubcomp) == c.sess->inflight.end()) {
      if (p->reason >= 0x80 || c.version != mqtt::protocol_version::v5) return;
      reason = not_found(c);
    }
  } else {
    it->at = inflight_message::stage::awaiting_pubcomp;
    it->entry.msg.reset();  // the payload is delivered; only the id is kept [MQTT-4.3.3-1]
    if (it->entry.stored != 0 && persisted(*c.sess)) durable->message_released(ref(*c.sess), it->entry.stored);
  }
  // Once PUBREL is out the client may forget the id: the release must be committed first, or a
  // restart would send the PUBLISH again as a new message.
  acknowledge(c, mqtt::ack_header{mqtt::packet_type::pubrel, p->packet_id, reason});
}

void engine_state::handle_pubrel(connection& c, const mqtt::frame& f) {
  auto p = mqtt::decode_ack_header(f, c.version);
  if (!p) return close(c, p.error());
  session& s = *c.sess;
  const bool known = s.qos2_in.find(p->packet_id) != nullptr;
  if (const std::uint64_t stored = s.qos2_in.release(p->packet_id); stored != 0 && persisted(s)) {
    durable->inbound_released(ref(s), stored);
  }
  // Once PUBCOMP is out the client may reuse the id: the release must be committed first.
  acknowledge(c, mqtt::ack_header{mqtt::packet_type::pubcomp, p->packet_id, known ? std::uint8_t{0} : not_found(c)});
}

void engine_state::handle_pubcomp(connection& c, const mqtt::frame& f) {
  auto p = mqtt::decode_ack_header(f, c.version);
  if (!p) return close(c, p.error());
  auto it = find_inflight(*c.sess, p->packet_id, inflight_message::stage::awaiting_pubcomp);
  if (it != c.sess->inflight.end()) complete(*this, c, it);
}

}  // namespace roost::broker
