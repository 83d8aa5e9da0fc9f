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
  topic_record& created = space.emplace(r.name, std::move(r)).first->second;
  save(scope, created, nullptr);
  return &created;
}

void topic_registry::save(broker::scope_id scope, const topic_record& r, const history_entry* appended) {
  if (_store != nullptr) _store->saved(scope, r, appended);
}

std::size_t topic_registry::restore(std::vector<stored_topic> records) {
  std::lock_guard guard{_mutex};
  for (auto& [scope, r] : records) {
    while (r.history.size() > _history_limit) r.history.pop_front();
    r.online = 0;
    std::string name = r.name;
    _scopes[scope].insert_or_assign(std::move(name), std::move(r));
  }
  return records.size();
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
  if (_history_limit == 0) {
    save(scope, *r, nullptr);
    return true;
  }
  if (r->history.size() >= _history_limit) r->history.pop_front();
  r->history.push_back(std::move(e));
  save(scope, *r, &r->history.back());
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

std::vector<topic_record> topic_registry::summaries(broker::scope_id scope) const {
  std::lock_guard guard{_mutex};
  std::vector<topic_record> out;
  if (auto s = _scopes.find(scope); s != _scopes.end()) {
    out.reserve(s->second.size());
    for (const auto& [name, r] : s->second) {
      topic_record& copy = out.emplace_back();
      copy.name = r.name;
      copy.display_name = r.display_name;
      copy.type = r.type;
      copy.latest = r.latest;
      copy.online = r.online;
    }
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
  save(scope, *r, nullptr);
  return true;
}

bool topic_registry::remove(broker::scope_id scope, std::string_view name) {
  std::lock_guard guard{_mutex};
  if (peek(scope, name) == nullptr) return false;
  auto& space = _scopes[scope];
  space.erase(space.find(name));
  if (_store != nullptr) _store->removed(scope, name);
  return true;
}

std::size_t topic_registry::count(broker::scope_id scope) const {
  std::lock_guard guard{_mutex};
  auto s = _scopes.find(scope);
  return s == _scopes.end() ? 0 : s->second.size();
}

std::size_t topic_registry::remove_scope(broker::scope_id scope) {
  std::lock_guard guard{_mutex};
  auto s = _scopes.find(scope);
  if (s == _scopes.end()) return 0;
  const std::size_t n = s->second.size();
  if (_store != nullptr) {
    for (const auto& [name, r] : s->second) _store->removed(scope, name);
  }
  _scopes.erase(s);
  return n;
}

}  // namespace roost::platform
