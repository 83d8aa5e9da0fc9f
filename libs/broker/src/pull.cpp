// Output: what a connection writes next. Control packets first, then re-sends owed after a
// reconnect, then retained messages owed to new subscriptions, then the queue; QoS 1/2 messages
// only while the in-flight window has room. A PUBLISH is a small header in `out.headers` plus a
// pointer to the shared payload, so a large payload is never copied per subscriber; a small one
// is copied after its header, so that a batch of small packets is a few large pieces.

#include <algorithm>

#include "engine_state.hpp"

namespace roost::broker {
namespace {

// Appends `n` bytes just written at the end of out.headers as a piece, merging with the previous
// piece when that one is also in out.headers, so consecutive small packets make one iovec.
void add_header_piece(outbound& out, std::size_t offset) {
  const std::size_t n = out.headers.size() - offset;
  if (n == 0) return;
  out.total += n;
  if (!out.pieces.empty()) {
    auto& last = out.pieces.back();
    if (last.data == nullptr && last.offset + last.size == offset) {
      last.size += n;
      return;
    }
  }
  out.pieces.push_back({nullptr, offset, n});
}

// Payloads up to this size are copied next to their header: a gather write takes at most 64
// pieces per system call, and copying a small payload costs less than a piece of its own and a
// reference to its message.
constexpr std::size_t copied_payload_max = 1024;

void add_publish(outbound& out, const queued_message& q, bool dup, std::uint16_t packet_id) {
  const auto& m = *q.msg;
  const std::size_t offset = out.headers.size();
  mqtt::encode_publish_header(m.topic, q.qos, q.retain, dup, packet_id, m.payload.size(), out.headers);
  if (m.payload.size() <= copied_payload_max) {
    out.headers.insert(out.headers.end(), m.payload.begin(), m.payload.end());
    add_header_piece(out, offset);
    return;
  }
  add_header_piece(out, offset);
  out.pieces.push_back({m.payload.data(), 0, m.payload.size()});
  out.total += m.payload.size();
  out.holds.push_back(q.msg);
}

}  // namespace

void engine_state::wake(connection& c) {
  if (c.wake_pending || c.state == conn_state::closed) return;
  c.wake_pending = true;
  c.lnk->wake();
}

pull_status engine::pull(connection& c, outbound& out, std::size_t budget) {
  std::lock_guard guard{_s->lock};
  engine_state& st = *_s;
  c.wake_pending = false;

  if (!c.control.empty()) {
    const std::size_t offset = out.headers.size();
    out.headers.insert(out.headers.end(), c.control.begin(), c.control.end());
    add_header_piece(out, offset);
    c.control.clear();
  }
  if (c.state == conn_state::closing || c.state == conn_state::closed) return pull_status::close;
  if (c.state != conn_state::connected || !c.sess) return pull_status::idle;

  session& s = *c.sess;
  // Re-sends owed after a reconnect, in their original order [MQTT-4.4.0-1].
  for (auto& f : s.inflight) {
    if (!f.resend) continue;
    if (out.total >= budget) return pull_status::more;
    f.resend = false;
    if (f.at == inflight_message::stage::awaiting_pubcomp) {
      const std::size_t offset = out.headers.size();
      mqtt::encode(mqtt::pubrel{f.packet_id}, out.headers);
      add_header_piece(out, offset);
    } else {
      add_publish(out, f.entry, true, f.packet_id);
      ++st.counters.messages_sent;
    }
  }

  // Sends one message; false when it needs an in-flight slot and none is free. A stored message
  // is marked sent; a QoS 1/2 retained message for a persisted session is stored as sent.
  auto send = [&](const queued_message& q) {
    std::uint16_t packet_id = 0;
    if (q.qos > 0) {
      if (s.inflight.size() >= st.cfg.max_inflight) return false;
      packet_id = st.allocate_packet_id(s);
      s.inflight.push_back({packet_id, q,
                            q.qos == 1 ? inflight_message::stage::awaiting_puback
                                       : inflight_message::stage::awaiting_pubrec,
                            false});
      queued_message& sent = s.inflight.back().entry;
      if (sent.stored == 0) {
        st.store_message(s, sent, stored_state::sent, packet_id);
      } else if (st.persisted(s)) {
        st.durable->message_sent(engine_state::ref(s), sent.stored, packet_id);
      }
    }
    add_publish(out, q, false, packet_id);
    ++st.counters.messages_sent;
    return true;
  };

  // Retained messages for new subscriptions go before newer messages, keeping each topic in order.
  while (!s.retained_backlog.empty()) {
    if (out.total >= budget) return pull_status::more;
    retained_batch& b = s.retained_backlog.front();
    message_ptr& m = b.messages[b.next];
    if (!send({m, std::min(m->qos, b.granted_qos), true})) return pull_status::idle;  // an ack wakes us
    m.reset();  // `out` holds it now; the backlog's memory shrinks as it is sent
    if (++b.next == b.messages.size()) s.retained_backlog.pop_front();
  }
  while (!s.queue.empty()) {
    if (out.total >= budget) return pull_status::more;
    queued_message& q = s.queue.front();
    if (!send(q)) return pull_status::idle;
    s.queue_bytes -= q.msg->topic.size() + q.msg->payload.size();
    s.queue.pop_front();
  }
  s.overflow_logged = false;
  return pull_status::idle;
}

}  // namespace roost::broker
