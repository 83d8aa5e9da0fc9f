// Publishing a will: like a PUBLISH from its client, retained if asked [MQTT-3.1.2-8]
// [MQTT-3.1.2-17], with its MQTT 5 will properties (payload format indicator, content type,
// response topic, correlation data, user properties) forwarded to MQTT 5 subscribers and its
// Message Expiry Interval counted from the moment it is published [MQTT-3.1.3-10].

#include "engine_state.hpp"

namespace roost::broker {
namespace {

// Skips one variable byte integer at `at` in `b`; returns the offset after it.
std::size_t skip_varint(const mqtt::bytes& b, std::size_t at) {
  while (at < b.size() && (b[at] & 0x80) != 0) ++at;
  return at + 1;
}

// The encoded forwarded properties of `w` (a property block without its length), as a PUBLISH
// carries them. The codec writes properties as part of a packet: this encodes a DISCONNECT that
// carries them (fixed header, reason code, property length, properties) and keeps the properties.
mqtt::bytes encode_will_properties(const mqtt::properties& from) {
  mqtt::properties forwarded;
  forwarded.payload_format_indicator = from.payload_format_indicator;
  forwarded.content_type = from.content_type;
  forwarded.response_topic = from.response_topic;
  forwarded.correlation_data = from.correlation_data;
  forwarded.user_properties = from.user_properties;
  if (forwarded.empty()) return {};
  mqtt::bytes frame;
  mqtt::encode(mqtt::disconnect{0, std::move(forwarded)}, frame, mqtt::protocol_version::v5);
  std::size_t at = skip_varint(frame, 1);  // after the remaining length
  at = skip_varint(frame, at + 1);         // after the reason code and the property length
  if (at > frame.size()) return {};
  return mqtt::bytes(frame.begin() + static_cast<std::ptrdiff_t>(at), frame.end());
}

}  // namespace

void engine_state::publish_will_message(scope_id scope, const mqtt::will_message& w, time_point now) {
  if (cfg.max_topic_levels != 0 && mqtt::topic_levels(w.topic) > cfg.max_topic_levels) return;
  const mqtt::bytes props = encode_will_properties(w.props);
  time_point expires = time_point::max();
  if (w.props.message_expiry_interval) expires = now + seconds(*w.props.message_expiry_interval);
  publish(make_message(scope, w.topic, w.payload, w.qos, w.retain, props, expires));
}

}  // namespace roost::broker
