#include "post_message.hpp"

#include "roost/mqtt/packets.hpp"
#include "roost/platform/topic_rules.hpp"

namespace roost::web {

std::optional<platform::cloud_namespace> namespace_of_type(std::string_view type) {
  if (type == "1" || type == "5") return platform::cloud_namespace::mqtt;
  if (type == "3" || type == "7") return platform::cloud_namespace::tcp;
  return std::nullopt;
}

bool post_message(services& svc, const platform::tenant& t, platform::cloud_namespace ns, std::string_view topic,
                  std::string_view msg, bool retain, std::uint8_t qos, std::function<void(bool ok)> done) {
  const auto split = platform::split_suffix(topic);
  if (!platform::valid_topic_name(split.base) || split.suffix == platform::topic_suffix::app) return false;
  if (ns == platform::cloud_namespace::tcp) {
    // Line sessions id 0 is never a session: a `/set` reaches every subscriber.
    if (!svc.line.publish(0, t.private_key, topic, msg)) return false;
    if (done) done(true);
    return true;
  }
  const auto payload = mqtt::byte_view{reinterpret_cast<const std::uint8_t*>(msg.data()), msg.size()};
  return svc.engine.inject(platform::scope_of(t.id, ns), topic, payload, qos, retain, &svc.mqtt_topics,
                           std::move(done));
}

}  // namespace roost::web
