// SUBSCRIBE: grant each filter min(requested, max_qos) or refuse it, answer SUBACK with one code
// per filter in order [MQTT-3.8.4-4] [MQTT-3.8.4-5], then owe the subscriber the retained messages
// that match [MQTT-3.3.1-6], sent with RETAIN=1 [MQTT-3.3.1-8].
//
// MQTT 5: each subscription keeps its options (No Local, Retain As Published, Retain Handling)
// and the packet's Subscription Identifier; subscribing again to a filter replaces them
// [MQTT-3.8.4-3]. Retain Handling 0 sends the retained messages, 1 only when the subscription is
// new, 2 never [MQTT-3.3.1-9] [MQTT-3.3.1-10] [MQTT-3.3.1-11]. Refusals are 0x8F (too many levels)
// and 0x87 (not authorized) instead of 3.1.1's 0x80.

#include <algorithm>

#include "engine_state.hpp"
#include "roost/base/log.hpp"

namespace roost::broker {
namespace {

using mqtt::reason_code;

// The SUBACK code refusing a filter: `v5_code` for MQTT 5, 0x80 for 3.1 / 3.1.1.
std::uint8_t refusal(const connection& c, reason_code v5_code) {
  return c.version == mqtt::protocol_version::v5 ? static_cast<std::uint8_t>(v5_code) : mqtt::suback_failure;
}

// Why `e` is refused (a SUBACK code of 0x80 or more), or 0 when it may be subscribed.
std::uint8_t judge(engine_state& st, const connection& c, const mqtt::subscription_request& e) {
  if (share_filter parts; parse_share(e.filter, parts) == share_syntax::malformed) {
    log::write(log::level::debug, "client " + c.client_id + ": filter " + e.filter + " refused: malformed shared subscription");
    return refusal(c, reason_code::topic_filter_invalid);  // [MQTT-4.8.2-1] [MQTT-4.8.2-2]
  }
  if (st.cfg.max_topic_levels != 0 && mqtt::topic_levels(e.filter) > st.cfg.max_topic_levels) {
    log::write(log::level::debug, "client " + c.client_id + ": filter " + e.filter + " refused: too many levels");
    return refusal(c, reason_code::topic_filter_invalid);
  }
  if (c.topics != nullptr && !c.topics->allow_subscribe(c.sess->scope, e.filter)) {
    log::write(log::level::debug, "client " + c.client_id + ": filter " + e.filter + " refused by the listener");
    return refusal(c, reason_code::not_authorized);
  }
  // Access control: a filter the rules deny is refused here (MQTT 5: 0x87, 3.1.1: 0x80).
  if (!st.may_subscribe(c, e.filter)) return refusal(c, reason_code::not_authorized);
  return 0;
}

// The options a granted subscription keeps.
subscription_options options_of(const engine_state& st, const mqtt::subscribe& p, const mqtt::subscription_request& e) {
  return {std::min(e.qos, st.cfg.max_qos), e.no_local, e.retain_as_published, e.retain_handling,
          p.props.subscription_identifier.value_or(0)};
}

// Owes `s` the retained messages matching a subscription to `filter` that are not expired.
void owe_retained(engine_state& st, session& s, const std::string& filter, const subscription_options& o) {
  retained_batch batch{filter, o.qos, o.identifier, {}, 0};
  st.tables(s.scope).retained.match(filter, batch.messages);
  std::erase_if(batch.messages, [&](const message_ptr& m) { return m->expired(st.clock); });  // [MQTT-3.3.2-5]
  if (st.screens_deliveries(s.scope)) {  // topics under the filter that the access rules keep from `s`
    std::erase_if(batch.messages, [&](const message_ptr& m) { return !st.may_deliver(s, m->topic); });
  }
  if (!batch.messages.empty()) s.retained_backlog.push_back(std::move(batch));
}

}  // namespace

void engine_state::handle_subscribe(connection& c, const mqtt::frame& f) {
  auto p = mqtt::decode_subscribe(f, c.version);
  if (!p) return close(c, p.error());
  session& s = *c.sess;

  mqtt::suback ack{p->packet_id, {}};
  ack.return_codes.reserve(p->entries.size());
  for (const auto& e : p->entries) {
    if (const std::uint8_t refused = judge(*this, c, e); refused != 0) {
      ack.return_codes.push_back(refused);
      continue;
    }
    const subscription_options options = options_of(*this, *p, e);
    // Subscribing again to the same filter replaces the subscription [MQTT-3.8.4-3].
    const bool added = add_subscription(s, e.filter, options);
    if (added && c.topics != nullptr) c.topics->subscribed(s.scope, e.filter);
    s.subscriptions[e.filter] = options;
    if (persisted(s)) durable->subscription_set(ref(s), e.filter, options);
    ack.return_codes.push_back(options.qos);

    drop_retained_backlog(s, e.filter);
    // A shared subscription gets no retained messages when it is made (docs/mqtt5.md).
    if (is_shared(e.filter)) continue;
    if (options.retain_handling == 0 || (options.retain_handling == 1 && added)) owe_retained(*this, s, e.filter, options);
  }
  acknowledge(c, ack);
}

}  // namespace roost::broker
