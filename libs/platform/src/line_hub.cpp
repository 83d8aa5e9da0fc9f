// line_hub: subscriptions and routing of the TCP line protocol, per tenant scope.

#include "roost/platform/line_hub.hpp"

#include "roost/platform/cloud_scope.hpp"
#include "roost/platform/topic_rules.hpp"

namespace roost::platform {

line_hub::line_hub(tenant_directory& tenants, topic_registry& topics, wall_clock clock)
    : _tenants(tenants), _topics(topics), _clock(std::move(clock)) {}

void line_hub::register_session(line_session_id session, line_sink& sink) {
  std::lock_guard guard{_mutex};
  _sessions[session].sink = &sink;
}

bool line_hub::authenticate(std::string_view uid) { return _tenants.by_key(uid).has_value(); }

// A repeated subscription is accepted and counted once; an unknown topic needs auto-create.
bool line_hub::subscribe(line_session_id session, std::string_view uid, std::string_view topic) {
  const auto t = _tenants.by_key(uid);
  if (!t) return false;
  const broker::scope_id scope = scope_of(t->id, cloud_namespace::tcp);
  const std::string_view base = split_suffix(topic).base;
  if (!valid_topic_name(base)) return false;

  std::lock_guard guard{_mutex};
  if (!t->auto_create_topics && !_topics.exists(scope, base)) return false;
  session_entry& entry = _sessions[session];
  if (!entry.filters.emplace(scope, std::string(topic)).second) return true;
  _subscribers[{scope, std::string(base)}].insert(session);
  _topics.subscriber_added(scope, topic, t->auto_create_topics);
  return true;
}

// Recorded and routed under the lock, so subscribers see publishes in the registry's order.
bool line_hub::publish(line_session_id session, std::string_view uid, std::string_view topic,
                       std::string_view msg) {
  const auto t = _tenants.by_key(uid);
  if (!t) return false;
  const broker::scope_id scope = scope_of(t->id, cloud_namespace::tcp);
  const split_topic split = split_suffix(topic);
  if (split.suffix == topic_suffix::app) return false;

  std::lock_guard guard{_mutex};
  if (!_topics.observe_publish(scope, topic, msg, _clock(), t->auto_create_topics)) return false;
  if (split.suffix == topic_suffix::up) return true;
  const auto subscribers = _subscribers.find({scope, std::string(split.base)});
  if (subscribers == _subscribers.end()) return true;
  for (const line_session_id id : subscribers->second) {
    if (split.suffix == topic_suffix::set && id == session) continue;
    const auto s = _sessions.find(id);
    if (s == _sessions.end() || s->second.sink == nullptr) continue;
    s->second.sink->push(std::string(uid), std::string(split.base), std::string(msg));
  }
  return true;
}

std::optional<std::string> line_hub::latest(std::string_view uid, std::string_view topic) {
  const auto t = _tenants.by_key(uid);
  if (!t) return std::nullopt;
  auto value = _topics.latest(scope_of(t->id, cloud_namespace::tcp), topic);
  if (!value) return std::nullopt;
  return std::move(value->value);
}

void line_hub::closed(line_session_id session) {
  std::lock_guard guard{_mutex};
  const auto s = _sessions.find(session);
  if (s == _sessions.end()) return;
  for (const auto& [scope, filter] : s->second.filters) {
    const topic_key base{scope, std::string(split_suffix(filter).base)};
    if (auto it = _subscribers.find(base); it != _subscribers.end()) {
      it->second.erase(session);
      if (it->second.empty()) _subscribers.erase(it);
    }
    _topics.subscriber_removed(scope, filter);
  }
  _sessions.erase(s);
}

}  // namespace roost::platform
