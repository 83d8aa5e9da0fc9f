// Start-up: putting back what storage kept (retained messages, persistent sessions) and naming
// where later changes go.
//
//   stored message state   becomes
//   queued                 the session's queue (delivery order = ascending id)
//   sent                   an in-flight entry awaiting PUBACK (QoS 1) or PUBREC (QoS 2)
//   released               an in-flight entry awaiting PUBCOMP
//   inbound_qos2           an inbound QoS 2 id awaiting PUBREL (a re-sent PUBLISH is not routed)

#include <algorithm>

#include "engine_state.hpp"
#include "roost/base/log.hpp"

namespace roost::broker {
namespace {

// Puts one stored message back into `s`.
void restore_message(session& s, const stored_message& m) {
  queued_message q;
  q.msg = m.msg;
  q.qos = m.qos;
  q.retain = m.retain;
  q.stored = m.id;
  q.ids = m.ids;
  switch (m.state) {
    case stored_state::queued:
      if (!q.msg) return;
      s.queue_bytes += q.msg->topic.size() + q.msg->payload.size();
      s.queue.push_back(std::move(q));
      return;
    case stored_state::sent:
      if (!q.msg) return;
      s.inflight.push_back({m.packet_id, std::move(q),
                            m.qos == 2 ? inflight_message::stage::awaiting_pubrec
                                       : inflight_message::stage::awaiting_puback,
                            false});
      break;
    case stored_state::released:
      q.msg.reset();
      s.inflight.push_back({m.packet_id, std::move(q), inflight_message::stage::awaiting_pubcomp, false});
      break;
    case stored_state::inbound_qos2:
      s.qos2_in.add(m.packet_id, m.id);
      return;
  }
  // Packet ids continue after the last one sent (allocate_packet_id skips any still in flight).
  s.next_packet_id = static_cast<std::uint16_t>(m.packet_id == 0xFFFF ? 1 : m.packet_id + 1);
  s.ids_free_ahead = 0;  // the cursor moved: what was known free ahead of it no longer is
}

}  // namespace

void engine::restore_retained(const std::vector<message_ptr>& messages) {
  std::lock_guard guard{_s->lock};
  for (const auto& m : messages) _s->tables(m->scope).retained.put(m);
}

void engine::restore_sessions(std::vector<stored_session> stored) {
  std::lock_guard guard{_s->lock};
  engine_state& st = *_s;
  for (auto& from : stored) {
    if (st.sessions.contains(session_key{from.scope, from.client_id})) continue;  // one per key: keep the first
    auto s = std::make_shared<session>(from.scope, from.client_id, false);
    for (const auto& [filter, options] : from.subscriptions) {
      share_filter parts;
      if (parse_share(filter, parts) == share_syntax::malformed) continue;  // never stored by this broker
      st.add_subscription(*s, filter, options);  // a "$share/..." filter joins its group again
      s->subscriptions[filter] = options;
    }
    for (const auto& m : from.messages) {  // ascending id: the delivery order (persistence.hpp)
      restore_message(*s, m);
      st.next_stored_id = std::max(st.next_stored_id, m.id + 1);
    }
    // Offline since at most now: a finite Session Expiry Interval runs from the engine's start.
    s->expiry_interval = from.expiry_interval;
    if (from.expiry_interval != never_expires) s->expires_at = st.started + seconds(from.expiry_interval);
    st.schedule(*s);
    const session_key key = s->key();
    st.sessions.emplace(key, std::move(s));
  }
}

void engine::persist_to(persistence* p, bool ack_after_commit) {
  std::lock_guard guard{_s->lock};
  _s->durable = p;
  _s->ack_after_commit = ack_after_commit;
}

}  // namespace roost::broker
