#pragma once
// The device cloud's topic records: per scope (tenant namespace) and base topic name, the display
// name, the device type, the latest value and its time, a bounded history and the number of live
// subscribers. The broker's retained messages are a different thing: this records every publish,
// `/up` and `/set` included.
//
//   observe_publish(s, "temp004/up", "#21#40", t)  -> temp004: value "#21#40" at t, history +1
//   subscriber_added(s, "ledctrl002")               -> ledctrl002: online 1
//   subscriber_added(s, "ledctrl002/app")           -> not counted (an app, not a device)
//
// Thread-safe (one mutex; every call is short).

#include <cstddef>
#include <cstdint>
#include <deque>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "roost/broker/scope.hpp"
#include "roost/platform/topic_rules.hpp"

namespace roost::platform {

struct history_entry {
  std::string value;
  std::int64_t time_ms = 0;  // Unix time in milliseconds
};

struct topic_record {
  std::string name;
  std::string display_name;
  device_type type = device_type::none;
  std::optional<history_entry> latest;
  std::deque<history_entry> history;  // oldest first, at most history_limit entries
  int online = 0;                     // live subscribers (devices; /app and wildcards not counted)
};

class topic_registry {
 public:
  explicit topic_registry(std::size_t history_limit = 1000) : _history_limit(history_limit) {}

  // Creates the topic `name` (a valid base name) if it does not exist; true when it was created.
  bool create(broker::scope_id scope, std::string_view name);

  // Whether the base topic exists.
  bool exists(broker::scope_id scope, std::string_view name) const;

  // Records a publish to `topic` (suffix allowed): its base topic's latest value and history.
  // Creates the base topic when `create_missing`; returns false when it does not exist (and was
  // not created) or the name is invalid.
  bool observe_publish(broker::scope_id scope, std::string_view topic, std::string_view value, std::int64_t time_ms,
                       bool create_missing);

  // A live subscription to `filter` began or ended. Only plain topic names count (not `/app`, not
  // wildcards); a subscription to an unknown topic (or its `/app`) creates it when `create_missing`.
  void subscriber_added(broker::scope_id scope, std::string_view filter, bool create_missing);
  void subscriber_removed(broker::scope_id scope, std::string_view filter);

  // Copies of the records (nullopt / empty when unknown).
  std::optional<topic_record> find(broker::scope_id scope, std::string_view name) const;
  std::vector<topic_record> list(broker::scope_id scope) const;
  std::optional<history_entry> latest(broker::scope_id scope, std::string_view name) const;

  bool rename(broker::scope_id scope, std::string_view name, std::string_view display_name);
  bool remove(broker::scope_id scope, std::string_view name);

 private:
  using topics = std::map<std::string, topic_record, std::less<>>;
  // The record of a valid `name`, created when missing and `create_missing`; null otherwise.
  topic_record* lookup(broker::scope_id scope, std::string_view name, bool create_missing);
  // The record or null, creating nothing.
  const topic_record* peek(broker::scope_id scope, std::string_view name) const;

  std::size_t _history_limit;
  mutable std::mutex _mutex;
  std::map<broker::scope_id, topics> _scopes;
};

}  // namespace roost::platform
