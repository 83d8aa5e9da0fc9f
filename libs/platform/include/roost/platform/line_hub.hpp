#pragma once
// line_hub: the line_cloud of the real server. It authenticates uids against the tenant
// directory, keeps every session's subscriptions per tenant scope (scope_of(tenant, tcp)), routes
// publishes, and records values and online counts in the topic registry.
//
//   session 1: cmd=1&uid=K&topic=led002        -> subscribers[(scope K, "led002")] = {1}
//   session 2: cmd=2&uid=K&topic=led002/set&msg=on
//              -> registry: led002 = "on"; sink of session 1: push(K, "led002", "on")
//
// Pushes never call line_session::deliver (a session belongs to its connection's thread): each
// session registers a line_sink, and the hub hands it the push while holding only the hub's own
// lock. Thread-safe: one mutex; tenant lookups happen outside it.

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>

#include "roost/broker/scope.hpp"
#include "roost/platform/line_session.hpp"
#include "roost/platform/tenant_directory.hpp"
#include "roost/platform/topic_registry.hpp"

namespace roost::platform {

// Where the hub hands a session its pushes. push() is called from any thread while the hub holds
// its lock: it must only queue the message for the session's own thread, never block and never
// call back into the hub.
class line_sink {
 public:
  virtual ~line_sink() = default;
  virtual void push(std::string uid, std::string topic, std::string msg) = 0;
};

class line_hub final : public line_cloud {
 public:
  // Unix time in milliseconds, for the registry's history.
  using wall_clock = std::function<std::int64_t()>;

  // `tenants` and `topics` must outlive the hub.
  line_hub(tenant_directory& tenants, topic_registry& topics, wall_clock clock);

  // A fresh session id (unique for the life of the hub).
  line_session_id next_session_id() { return _next_id.fetch_add(1) + 1; }

  // Pushes for `session` go to `sink` until closed(session). `sink` must stay valid until then.
  void register_session(line_session_id session, line_sink& sink);

  bool authenticate(std::string_view uid) override;
  bool subscribe(line_session_id session, std::string_view uid, std::string_view topic) override;
  bool publish(line_session_id session, std::string_view uid, std::string_view topic,
               std::string_view msg) override;
  std::optional<std::string> latest(std::string_view uid, std::string_view topic) override;
  void closed(line_session_id session) override;

 private:
  using topic_key = std::pair<broker::scope_id, std::string>;  // scope, topic

  struct session_entry {
    line_sink* sink = nullptr;
    std::set<topic_key> filters;  // as subscribed: "X" or "X/app"
  };

  tenant_directory& _tenants;
  topic_registry& _topics;
  wall_clock _clock;
  std::atomic<line_session_id> _next_id{0};

  std::mutex _mutex;
  std::map<line_session_id, session_entry> _sessions;
  std::map<topic_key, std::set<line_session_id>> _subscribers;  // by base topic
};

}  // namespace roost::platform
