#pragma once
// Where the topic registry keeps its records beyond the process: a port, implemented over SQLite
// by roost::store::sqlite_topic_store. The registry tells the store about every change as it
// happens and reads everything back once at start.
//
//   observe_publish(s, "temp004/up", "#21", t)  -> store.saved(s, temp004 record, &{"#21", t})
//   rename(s, "temp004", "Kitchen")             -> store.saved(s, temp004 record, nullptr)
//   remove(s, "temp004")                        -> store.removed(s, "temp004")
//
// Contract for implementations: saved() and removed() are called WITH the registry's mutex held,
// so that the store sees changes in the order the registry made them. They must therefore not do
// I/O on the caller's thread: they copy what they need and hand it to a writer (a queue push), and
// return, never waiting (the caller may hold the broker's lock). Failures of the
// later write are the store's to report; the registry's in-memory state is the truth while the
// process runs. Online counts are live state and are never stored.

#include <cstddef>
#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "roost/base/result.hpp"
#include "roost/broker/scope.hpp"
#include "roost/platform/topic_rules.hpp"

namespace roost::platform {

struct history_entry {
  std::string value;
  std::int64_t time_ms = 0;  // Unix time in milliseconds
};

// One topic of a scope, as topic_registry keeps it.
struct topic_record {
  std::string name;
  std::string display_name;
  device_type type = device_type::none;
  std::optional<history_entry> latest;
  std::deque<history_entry> history;  // oldest first, at most history_limit entries
  int online = 0;                     // live subscribers (devices; /app and wildcards not counted)
};

// One stored topic with its scope, as load() returns it (history oldest first, online 0).
struct stored_topic {
  broker::scope_id scope = 0;
  topic_record record;
};

struct topic_store_error {
  std::string reason;  // lower case, no trailing period
};

template <class T>
using topic_store_result = result<T, topic_store_error>;

class topic_store {
 public:
  virtual ~topic_store() = default;

  // The record `r` of `scope` was created or changed (display name, type, latest value). When the
  // change appended to the history, `appended` is that entry (also r.history's last); otherwise
  // null. The store keeps at most its history limit of entries per topic, dropping the oldest.
  virtual void saved(broker::scope_id scope, const topic_record& r, const history_entry* appended) = 0;

  // The topic `name` of `scope` was removed, with its history.
  virtual void removed(broker::scope_id scope, std::string_view name) = 0;

  // Every stored topic with its history. Called at start, before the registry is in use and
  // before any saved()/removed().
  virtual topic_store_result<std::vector<stored_topic>> load() = 0;
};

}  // namespace roost::platform
