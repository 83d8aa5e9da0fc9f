#include "roost/platform/cloud_profile.hpp"

#include "roost/platform/cloud_scope.hpp"
#include "roost/platform/topic_rules.hpp"

namespace roost::platform {

bool cloud_profile::creates(broker::scope_id scope) const {
  return _tenants.auto_create_topics(tenant_of(scope));
}

broker::publish_plan cloud_profile::plan_publish(broker::scope_id scope, std::string_view topic) {
  const split_topic t = split_suffix(topic);
  const bool known = _topics.exists(scope, t.base) || (creates(scope) && valid_topic_name(t.base));
  if (!known) return {false, topic, broker::audience::nobody};
  switch (t.suffix) {
    case topic_suffix::set:
      return {true, t.base, broker::audience::others};
    case topic_suffix::up:
      return {true, t.base, broker::audience::nobody};
    case topic_suffix::app:
    case topic_suffix::none:
      break;
  }
  return {true, topic, broker::audience::everyone};
}

bool cloud_profile::allow_subscribe(broker::scope_id scope, std::string_view filter) {
  const split_topic t = split_suffix(filter);
  if (t.suffix == topic_suffix::set || t.suffix == topic_suffix::up) return false;
  if (t.base.find_first_of("+#") != std::string_view::npos) return true;  // within the scope
  return _topics.exists(scope, t.base) || (creates(scope) && valid_topic_name(t.base));
}

void cloud_profile::published(broker::scope_id scope, std::string_view topic, mqtt::byte_view payload) {
  const std::string_view value{reinterpret_cast<const char*>(payload.data()), payload.size()};
  _topics.observe_publish(scope, topic, value, _now(), creates(scope));
}

void cloud_profile::subscribed(broker::scope_id scope, std::string_view filter) {
  _topics.subscriber_added(scope, filter, creates(scope));
}

void cloud_profile::unsubscribed(broker::scope_id scope, std::string_view filter) {
  _topics.subscriber_removed(scope, filter);
}

}  // namespace roost::platform
