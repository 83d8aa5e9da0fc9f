#include "roost/platform/topic_registry.hpp"

namespace roost::platform {

topic_record* topic_registry::lookup(broker::scope_id scope, std::string_view name, bool create_missing) {
  if (!valid_topic_name(name)) return nullptr;
  auto& space = _scopes[scope];
  auto it = space.find(name);
  if (it != space.end()) return &it->second;
  if (!create_missing) return nullptr;
  topic_record r;
  r.name.assign(name);
  r.type = device_type_of(name);
  return &space.emplace(r.name, std::move(r)).first->second;
}

bool topic_registry::create(broker::scope_id scope, std::string_view name) {
  std::lock_guard guard{_mutex};
  if (!valid_topic_name(name)) return false;
  const bool existed = _scopes[scope].contains(name);
  lookup(scope, name, true);
  return !existed;
}

bool topic_registry::exists(broker::scope_id scope, std::string_view name) const {
  std::lock_guard guard{_mutex};
  return peek(scope, name) != nullptr;
}

bool topic_registry::observe_publish(broker::scope_id scope, std::string_view topic, std::string_view value,
                                     std::int64_t time_ms, bool create_missing) {
  std::lock_guard guard{_mutex};
  topic_record* r = lookup(scope, split_suffix(topic).base, create_missing);
  if (r == nullptr) return false;
  history_entry e{std::string(value), time_ms};
  r->latest = e;
  if (_history_limit == 0) return true;
  if (r->history.size() >= _history_limit) r->history.pop_front();
  r->history.push_back(std::move(e));
  return true;
}

void topic_registry::subscriber_added(broker::scope_id scope, std::string_view filter, bool create_missing) {
  std::lock_guard guard{_mutex};
  const split_topic t = split_suffix(filter);
  topic_record* r = lookup(scope, t.base, create_missing);
  if (r != nullptr && t.suffix == topic_suffix::none) ++r->online;
}

void topic_registry::subscriber_removed(broker::scope_id scope, std::string_view filter) {
  std::lock_guard guard{_mutex};
  if (split_suffix(filter).suffix != topic_suffix::none) return;
  if (topic_record* r = lookup(scope, filter, false); r != nullptr && r->online > 0) --r->online;
}

const topic_record* topic_registry::peek(broker::scope_id scope, std::string_view name) const {
  auto s = _scopes.find(scope);
  if (s == _scopes.end()) return nullptr;
  auto it = s->second.find(name);
  return it == s->second.end() ? nullptr : &it->second;
}

std::optional<topic_record> topic_registry::find(broker::scope_id scope, std::string_view name) const {
  std::lock_guard guard{_mutex};
  const topic_record* r = peek(scope, name);
  if (r == nullptr) return std::nullopt;
  return *r;
}

std::vector<topic_record> topic_registry::list(broker::scope_id scope) const {
  std::lock_guard guard{_mutex};
  std::vector<topic_record> out;
  if (auto s = _scopes.find(scope); s != _scopes.end()) {
    for (const auto& [name, r] : s->second) out.push_back(r);
  }
  return out;
}

std::optional<history_entry> topic_registry::latest(broker::scope_id scope, std::string_view name) const {
  std::lock_guard guard{_mutex};
  const topic_record* r = peek(scope, name);
  if (r == nullptr) return std::nullopt;
  return r->latest;
}

bool topic_registry::rename(broker::scope_id scope, std::string_view name, std::string_view display_name) {
  std::lock_guard guard{_mutex};
  topic_record* r = lookup(scope, name, false);
  if (r == nullptr) return false;
  r->display_name.assign(display_name);
  return true;
}

bool topic_registry::remove(broker::scope_id scope, std::string_view name) {
  std::lock_guard guard{_mutex};
  if (peek(scope, name) == nullptr) return false;
  auto& space = _scopes[scope];
  space.erase(space.find(name));
  return true;
}

}  // namespace roost::platform
