// Output: what a connection writes next. Control packets first, then re-sends owed after a
// reconnect, then retained messages owed to new subscriptions, then the queue; QoS 1/2 messages
// only while the in-flight window has room. A PUBLISH is a small header in `out.headers` plus a
// pointer to the shared payload, so a large payload is never copied per subscriber; a small one
// is copied after its header, so that a batch of small packets is a few large pieces.
//
// MQTT 5 connections: a message past its expiry is not sent [MQTT-3.3.2-5], one that is sent
// carries the remaining interval [MQTT-3.3.2-6], its Subscription Identifiers, the properties
// forwarded from its publisher and, when the client allows them, a topic alias; one larger than
// the client's Maximum Packet Size is discarded as if sent [MQTT-3.1.2-25]. The in-flight window
// is the smaller of max_inflight and the client's Receive Maximum [MQTT-3.3.4-9].

#include <algorithm>
#include <chrono>
#include <optional>

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

// How an MQTT 5 PUBLISH of a queued message goes out on one connection.
struct v5_publish {
  mqtt::publish_header_properties props;
  std::string_view topic;                 // empty when the client knows the alias
  topic_aliases::outbound_alias alias;
};

// Seconds from `now` until `expires`, rounded up and at least 1: a message still being delivered
// has not expired for its receiver.
std::uint32_t remaining_seconds(time_point expires, time_point now) {
  if (expires <= now) return 1;
  const auto left = std::chrono::ceil<seconds>(expires - now).count();
  return static_cast<std::uint32_t>(std::clamp<decltype(left)>(left, 1, 0xFFFFFFFF));
}

v5_publish plan_v5(const engine_state& st, connection& c, const queued_message& q) {
  const message& m = *q.msg;
  v5_publish v;
  if (m.expires != time_point::max()) v.props.message_expiry = remaining_seconds(m.expires, st.clock);
  v.props.subscription_ids = q.ids.view();
  v.props.forwarded = m.properties;
  v.topic = m.topic;
  if (st.cfg.outgoing_topic_aliases && c.client_topic_alias_maximum > 0) {
    if (!c.aliases) c.aliases = std::make_unique<topic_aliases>();
    v.alias = c.aliases->outbound(m.topic, c.client_topic_alias_maximum);
    v.props.topic_alias = v.alias.alias;
    if (v.alias.known) v.topic = {};
  }
  return v;
}

// Whether the PUBLISH `v` of `q` fits the client's Maximum Packet Size (0: no limit).
bool fits(const connection& c, const queued_message& q, const v5_publish& v) {
  return c.client_max_packet_size == 0 ||
         mqtt::publish_frame_size(v.topic, q.qos, q.msg->payload.size(), v.props) <= c.client_max_packet_size;
}

// Appends the PUBLISH of `q`: the 3.1 / 3.1.1 form, or the MQTT 5 form `v5` (whose new topic
// alias the connection then remembers).
void add_publish(outbound& out, connection& c, const queued_message& q, bool dup, std::uint16_t packet_id,
                 const v5_publish* v5) {
  const auto& m = *q.msg;
  const std::size_t offset = out.headers.size();
  if (v5 == nullptr) {
    mqtt::encode_publish_header(m.topic, q.qos, q.retain, dup, packet_id, m.payload.size(), out.headers);
  } else {
    mqtt::encode_publish_header(v5->topic, q.qos, q.retain, dup, packet_id, m.payload.size(), v5->props,
                                out.headers);
    if (v5->alias.alias != 0 && !v5->alias.known) c.aliases->assign(m.topic, v5->alias.alias);
  }
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
  const bool v5 = c.version == mqtt::protocol_version::v5;
  // Re-sends owed after a reconnect, in their original order [MQTT-4.4.0-1]. An MQTT 5 re-send
  // too large for the client is not sent (the client is not waiting for it).
  for (auto& f : s.inflight) {
    if (!f.resend) continue;
    if (out.total >= budget) return pull_status::more;
    f.resend = false;
    if (f.at == inflight_message::stage::awaiting_pubcomp) {
      const std::size_t offset = out.headers.size();
      mqtt::encode(mqtt::ack_header{mqtt::packet_type::pubrel, f.packet_id}, out.headers, c.version);
      add_header_piece(out, offset);
    } else if (!v5) {
      add_publish(out, c, f.entry, true, f.packet_id, nullptr);
      ++st.counters.messages_sent;
    } else if (const v5_publish p = plan_v5(st, c, f.entry); fits(c, f.entry, p)) {
      add_publish(out, c, f.entry, true, f.packet_id, &p);
      ++st.counters.messages_sent;
    }
  }

  const std::size_t window = std::min<std::size_t>(st.cfg.max_inflight, c.client_receive_maximum);
  // Sends one message; false when it needs an in-flight slot and none is free. A stored message
  // is marked sent; a QoS 1/2 retained message for a persisted session is stored as sent. An
  // expired message, or an MQTT 5 one too large for the client, is consumed without being sent.
  auto send = [&](const queued_message& q) {
    if (q.msg->expired(st.clock)) {
      st.finish_message(s, q);
      return true;
    }
    std::optional<v5_publish> plan;
    if (v5) {
      plan = plan_v5(st, c, q);
      if (!fits(c, q, *plan)) {
        ++st.counters.messages_dropped;
        st.finish_message(s, q);
        return true;
      }
    }
    std::uint16_t packet_id = 0;
    if (q.qos > 0) {
      if (s.inflight.size() >= window) return false;
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
    add_publish(out, c, q, false, packet_id, plan ? &*plan : nullptr);
    ++st.counters.messages_sent;
    return true;
  };

  // Retained messages for new subscriptions go before newer messages, keeping each topic in order.
  while (!s.retained_backlog.empty()) {
    if (out.total >= budget) return pull_status::more;
    retained_batch& b = s.retained_backlog.front();
    message_ptr& m = b.messages[b.next];
    queued_message q;
    q.msg = m;
    q.qos = std::min(m->qos, b.granted_qos);
    q.retain = true;
    q.ids = subscription_ids(b.identifier);
    if (!send(q)) return pull_status::idle;  // an ack wakes us
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
