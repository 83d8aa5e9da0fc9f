// PUBLISH from a client: check the MQTT 5 rules of the packet (topic alias, Receive Maximum,
// Retain Available), acknowledge by QoS, suppress QoS 2 duplicates, retain, route.
//
//   v5 PUBLISH(topic "", alias 3, qos 1, expiry 60, user property k=v)
//     alias 3 -> "a/b"                        (unknown alias: DISCONNECT 0x94)
//     message a/b, properties [k=v], expires now + 60 s
//     routed to nobody                        PUBACK reason 0x10 (no matching subscribers)

#include <string>

#include "engine_state.hpp"
#include "roost/base/log.hpp"

namespace roost::broker {
namespace {

using mqtt::reason_code;

bool is_v5(const connection& c) { return c.version == mqtt::protocol_version::v5; }

// Resolves or records the topic alias of an MQTT 5 PUBLISH; false when the connection was closed
// for an invalid alias: above the Topic Alias Maximum the server advertised [MQTT-3.3.2-9], or an
// empty topic with an alias the client never set on this connection.
bool resolve_topic_alias(engine_state& st, connection& c, mqtt::publish& p) {
  if (p.topic_alias == 0) return true;
  if (p.topic_alias > st.cfg.topic_alias_maximum) {
    st.close(c, reason_code::topic_alias_invalid, "topic alias above the maximum [MQTT-3.3.2-9]");
    return false;
  }
  if (!c.aliases) c.aliases = std::make_unique<topic_aliases>();
  if (p.topic.empty()) {
    p.topic = c.aliases->inbound(p.topic_alias);
    if (p.topic.empty()) {
      st.close(c, reason_code::topic_alias_invalid, "unknown topic alias");
      return false;
    }
  } else {
    c.aliases->set_inbound(p.topic_alias, p.topic);
  }
  return true;
}

// The MQTT 5 rules a PUBLISH must pass before it is handled; false when the connection was closed.
bool check_v5_publish(engine_state& st, connection& c, mqtt::publish& p) {
  if (p.has_subscription_identifier) {
    st.close(c, reason_code::protocol_error, "subscription identifier in a client PUBLISH [MQTT-3.3.4-6]");
    return false;
  }
  if (!resolve_topic_alias(st, c, p)) return false;
  if (p.retain && !st.cfg.retain_available) {
    st.close(c, reason_code::retain_not_supported, "retained PUBLISH while Retain Available is 0 (section 3.3.1.3)");
    return false;
  }
  // A re-sent QoS 2 PUBLISH whose id is still outstanding is no new unacknowledged message.
  const bool counted = p.qos == 1 || (p.qos == 2 && c.sess->qos2_in.find(p.packet_id) == nullptr);
  if (counted && c.sess->qos2_in.size() + c.pubacks_waiting >= st.cfg.receive_maximum) {
    st.close(c, reason_code::receive_maximum_exceeded, "more unacknowledged PUBLISHes than Receive Maximum [MQTT-3.3.4-7]");
    return false;
  }
  return true;
}

// Makes the message of an accepted PUBLISH: MQTT 5 properties forwarded unchanged
// [MQTT-3.3.2-17..20], the expiry instant from its Message Expiry Interval.
message_ptr message_of(engine_state& st, const session& s, std::string_view topic, const mqtt::publish& p) {
  if (p.properties.empty()) return make_message(s.scope, topic, p.payload, p.qos, p.retain);
  st.scratch_properties.clear();
  mqtt::forwarded_properties(p.properties, st.scratch_properties);
  const time_point expires = p.message_expiry ? st.clock + seconds(*p.message_expiry) : time_point::max();
  return make_message(s.scope, topic, p.payload, p.qos, p.retain, st.scratch_properties, expires);
}

// Retains and routes a new (not duplicate) PUBLISH; returns the reason code of its PUBACK/PUBREC
// (MQTT 5; 3.1 / 3.1.1 acknowledge without one).
reason_code accept_publish(engine_state& st, connection& c, const mqtt::publish& p) {
  session& s = *c.sess;
  publish_plan plan{true, p.topic, audience::everyone};
  if (c.topics != nullptr) plan = c.topics->plan_publish(s.scope, p.topic);
  if (p.topic.starts_with("$SYS")) {
    // $SYS belongs to the broker: clients' publishes there are acknowledged and ignored.
    log::write(log::level::debug, "client " + c.client_id + ": publish to " + std::string(p.topic) + " ignored");
    return reason_code::success;
  }
  if (!plan.allowed) {
    ++st.counters.messages_dropped;
    log::write(log::level::debug, "client " + c.client_id + ": publish to " + std::string(p.topic) + " refused");
    return reason_code::not_authorized;
  }
  // Access control: a PUBLISH the rules deny is dropped here (MQTT 5: reason 0x87, not_authorized).
  if (!st.may_publish(c, p.topic)) return reason_code::not_authorized;
  if (st.cfg.max_topic_levels != 0 && p.topic.size() >= st.cfg.max_topic_levels &&  // n bytes: <= n + 1 levels
      mqtt::topic_levels(p.topic) > st.cfg.max_topic_levels) {
    ++st.counters.messages_dropped;
    log::write(log::level::warn, "client " + c.client_id + ": publish to a topic with more than " +
                                     std::to_string(st.cfg.max_topic_levels) + " levels dropped");
    return reason_code::topic_name_invalid;
  }
  if (c.topics != nullptr) c.topics->published(s.scope, p.topic, p.payload);
  if (plan.to == audience::nobody) return reason_code::success;
  const std::size_t delivered =
      st.publish(message_of(st, s, plan.topic, p), plan.to == audience::others ? &s : nullptr, &s);
  return delivered == 0 ? reason_code::no_matching_subscribers : reason_code::success;
}

}  // namespace

void engine_state::handle_publish(connection& c, const mqtt::frame& f) {
  auto decoded = mqtt::decode_publish(f, c.version);
  if (!decoded) return close(c, decoded.error());
  mqtt::publish& p = *decoded;
  if (is_v5(c)) {
    if (!check_v5_publish(*this, c, p)) return;
  } else if (p.retain && !cfg.retain_available) {
    p.retain = false;
  }
  session& s = *c.sess;
  ++counters.messages_received;

  // Exactly once: a QoS 2 id seen before and not yet released is a re-send, acknowledged again but
  // not routed again [MQTT-4.3.3-2].
  bool duplicate = false;
  if (p.qos == 2) {
    auto [stored, added] = s.qos2_in.add(p.packet_id, 0);
    duplicate = !added;
    if (added && persisted(s)) {
      *stored = next_stored_id++;
      durable->inbound_received(ref(s), *stored, p.packet_id);
    }
  }
  const reason_code outcome = duplicate ? reason_code::success : accept_publish(*this, c, p);
  if (p.qos == 0) return;
  // 3.1 / 3.1.1 have no reason codes: a refused message is acknowledged like any other.
  const auto reason = static_cast<std::uint8_t>(is_v5(c) ? outcome : reason_code::success);
  // With durability full the acknowledgement waits until what this PUBLISH stored is committed.
  if (p.qos == 1) {
    if (must_wait_for_commit(c)) ++c.pubacks_waiting;
    acknowledge(c, mqtt::ack_header{mqtt::packet_type::puback, p.packet_id, reason});
  } else {
    // A refused QoS 2 message ends with PUBREC >= 0x80: its id is not kept for a PUBREL.
    if (reason >= 0x80) {
      if (const std::uint64_t stored = s.qos2_in.release(p.packet_id); stored != 0 && persisted(s)) {
        durable->inbound_released(ref(s), stored);
      }
    }
    acknowledge(c, mqtt::ack_header{mqtt::packet_type::pubrec, p.packet_id, reason});
  }
}

}  // namespace roost::broker
