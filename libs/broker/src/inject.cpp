// A publish made by the server itself (HTTP API, console): planned and observed through the
// listener profile like a client's, retained and routed, and reported durable through `done`.

#include <string>

#include "engine_state.hpp"
#include "roost/mqtt/topic.hpp"

namespace roost::broker {

bool engine::inject(scope_id scope, std::string_view topic, mqtt::byte_view payload, std::uint8_t qos, bool retain,
                    profile* topics, std::function<void(bool ok)> done) {
  if (!mqtt::valid_topic_name(topic) || topic.starts_with("$") || qos > 2) return false;
  std::unique_lock guard{_s->lock};
  const bool waits = _s->ack_after_commit && _s->durable != nullptr;
  const std::uint64_t writes_before = waits ? _s->durable->writes() : 0;
  publish_plan plan{true, topic, audience::everyone};
  if (topics != nullptr) plan = topics->plan_publish(scope, topic);
  if (!plan.allowed) {
    ++_s->counters.messages_dropped;
    return false;
  }
  ++_s->counters.messages_received;
  if (topics != nullptr) topics->published(scope, topic, payload);
  if (plan.to != audience::nobody) _s->publish(make_message(scope, plan.topic, payload, qos, retain));
  if (!done) return true;
  if (waits && _s->durable->writes() != writes_before) {
    _s->durable->after_commit(std::move(done));
    return true;
  }
  guard.unlock();
  done(true);
  return true;
}

}  // namespace roost::broker
