// Durable state: what the engine reports to its persistence port about session messages, and
// acknowledgements that wait for the commit of what their packet changed (durability full).
//
//   PUBLISH QoS 1 from p, routed to persistent session s
//     enqueue      -> port.message_queued(s, id 17)          (the port's write counter moves)
//     acknowledge  -> counter moved: port.after_commit(...)   (PUBACK held back)
//   store thread, after COMMIT and sync
//     committed    -> lock, PUBACK appended to p's control bytes, p woken

#include "engine_state.hpp"
#include "roost/base/log.hpp"

namespace roost::broker {

void engine_state::store_message(session& s, queued_message& q, stored_state state, std::uint16_t packet_id) {
  if (!persisted(s) || q.qos == 0) return;
  q.stored = next_stored_id++;
  durable->message_queued(ref(s), stored_message{q.stored, state, packet_id, q.qos, q.retain, q.msg, q.ids});
}

void engine_state::finish_message(session& s, const queued_message& q) {
  if (q.stored != 0 && persisted(s)) durable->message_finished(ref(s), q.stored);
}

bool engine_state::must_wait_for_commit(const connection& c) const {
  if (!ack_after_commit || durable == nullptr) return false;
  return c.acks_waiting > 0 || durable->writes() != writes_at_frame;
}

void engine_state::acknowledge_after_commit(connection& c, mqtt::bytes bytes) {
  ++c.acks_waiting;
  durable->after_commit([this, weak = c.weak_from_this(), bytes = std::move(bytes)](bool ok) {
    committed(weak, bytes, ok);
  });
}

void engine_state::committed(const std::weak_ptr<connection>& weak, const mqtt::bytes& bytes, bool ok) {
  std::lock_guard guard{lock};
  const auto c = weak.lock();
  // A connection that is gone or going gets nothing: its client sends the packet again.
  if (!c || c->state != conn_state::connected) return;
  --c->acks_waiting;
  // A PUBACK sent (first byte 0x40) no longer counts against the Receive Maximum.
  if (!bytes.empty() && bytes[0] == 0x40 && c->pubacks_waiting > 0) --c->pubacks_waiting;
  if (!ok) {
    log::write(log::level::error, "client " + c->client_id + ": storage failed; closing without acknowledging");
    return close(*c, "storage failed");
  }
  c->control.insert(c->control.end(), bytes.begin(), bytes.end());
  wake(*c);
}

}  // namespace roost::broker
