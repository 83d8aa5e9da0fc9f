// Publishing a will: like a PUBLISH from its client, retained if asked [MQTT-3.1.2-8]
// [MQTT-3.1.2-17], with its MQTT 5 will properties (payload format indicator, content type,
// response topic, correlation data, user properties) forwarded to MQTT 5 subscribers and its
// Message Expiry Interval counted from the moment it is published [MQTT-3.1.3-10].

#include "engine_state.hpp"

namespace roost::broker {
namespace {

// The will properties a PUBLISH forwards (a property list without its length): the codec keeps
// the ones a server passes on unchanged.
mqtt::bytes forwarded_will_properties(const mqtt::properties& will) {
  mqtt::bytes all;
  mqtt::encode_properties(will, all);
  mqtt::bytes forwarded;
  mqtt::forwarded_properties(all, forwarded);
  return forwarded;
}

}  // namespace

void engine_state::publish_will_message(scope_id scope, const mqtt::will_message& w, time_point now) {
  if (cfg.max_topic_levels != 0 && mqtt::topic_levels(w.topic) > cfg.max_topic_levels) return;
  const mqtt::bytes props = forwarded_will_properties(w.props);
  time_point expires = time_point::max();
  if (w.props.message_expiry_interval) expires = now + seconds(*w.props.message_expiry_interval);
  publish(make_message(scope, w.topic, w.payload, w.qos, w.retain, props, expires));
}

}  // namespace roost::broker
