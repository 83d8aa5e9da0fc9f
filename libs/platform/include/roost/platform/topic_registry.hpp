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
// With a topic_store, every change that is not live state (a topic created, a publish observed, a
// rename, a removal) is passed to the store as it is made, under the registry's mutex (see the
// contract in topic_store.hpp); online counts are not. restore() fills the registry from
// topic_store::load() at start, without calling the store back.
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
#include "roost/platform/topic_store.hpp"

namespace roost::platform {

class topic_registry {
 public:
  // `store`, when given, must outlive the registry.
  explicit topic_registry(std::size_t history_limit = 1000, topic_store* store = nullptr)
      : _history_limit(history_limit), _store(store) {}

  // Adds stored records (topic_store::load()), replacing records of the same scope and name; each
  // history is cut to the newest history_limit entries and online counts start at 0. The store is
  // not called. Returns how many records were added.
  std::size_t restore(std::vector<stored_topic> records);

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
  // Like list(), without the histories (empty): cheap enough for a listing polled every second.
  std::vector<topic_record> summaries(broker::scope_id scope) const;
  std::optional<history_entry> latest(broker::scope_id scope, std::string_view name) const;

  // How many topics `scope` has.
  std::size_t count(broker::scope_id scope) const;

  bool rename(broker::scope_id scope, std::string_view name, std::string_view display_name);
  bool remove(broker::scope_id scope, std::string_view name);
  // Removes every topic of `scope` (a removed tenant's namespace), telling the store of each one;
  // returns how many there were.
  std::size_t remove_scope(broker::scope_id scope);

 private:
  using topics = std::map<std::string, topic_record, std::less<>>;
  // The record of a valid `name`, created when missing and `create_missing`; null otherwise.
  topic_record* lookup(broker::scope_id scope, std::string_view name, bool create_missing);
  // The record or null, creating nothing.
  const topic_record* peek(broker::scope_id scope, std::string_view name) const;

  // Tells the store (if any) that `r` changed; `appended` is the new history entry or null.
  void save(broker::scope_id scope, const topic_record& r, const history_entry* appended);

  std::size_t _history_limit;
  topic_store* _store;
  mutable std::mutex _mutex;
  std::map<broker::scope_id, topics> _scopes;
};

}  // namespace roost::platform
