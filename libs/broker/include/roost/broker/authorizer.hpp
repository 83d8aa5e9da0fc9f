#pragma once
// Port: what a connected client may do. The broker asks it for every PUBLISH (and will), every
// SUBSCRIBE filter and, when the rules can refuse deliveries, every delivery, so that a rule
// changed while clients are connected applies to the subscriptions they already hold.
//
// The engine calls it with its lock held: implementations must be thread-safe and quick, never
// block on a reload (e.g. read an immutable rule set through an atomic pointer), and never call
// back into the engine.

#include <optional>
#include <string_view>

#include "roost/broker/scope.hpp"

namespace roost::broker {

// The client an access question is about.
struct client_identity {
  scope_id scope = default_scope;
  std::string_view client_id;
  std::optional<std::string_view> username;
};

class authorizer {
 public:
  virtual ~authorizer() = default;

  // Whether `who` may publish to `topic` (a valid topic name). A will is asked the same.
  virtual bool allow_publish(const client_identity& who, std::string_view topic) = 0;

  // Whether `who` may subscribe to `filter` (a valid topic filter; for a shared subscription the
  // filter without its $share/group/ prefix).
  virtual bool allow_subscribe(const client_identity& who, std::string_view filter) = 0;

  // Whether a message published to `topic` may be delivered to `who` through a subscription it
  // holds. Only asked when screens_deliveries(who.scope) said so.
  virtual bool allow_delivery(const client_identity& who, std::string_view topic) = 0;

  // Whether allow_delivery can be false for any client of `scope` under the rules in force now.
  // Cheap: asked once per routed message.
  virtual bool screens_deliveries(scope_id scope) = 0;
};

}  // namespace roost::broker
