#pragma once
// Port: how the clients of one listener see topics. The plain MQTT listener uses the standard
// behaviour (no profile); the device cloud's listener (Bemfa-compatible) plugs in its own:
//
//   publish "ledctrl"      -> route "ledctrl" to every subscriber (the sender too, if subscribed)
//   publish "ledctrl/set"  -> route "ledctrl" to every subscriber except the sending connection
//   publish "temp004/up"   -> route nowhere; only observers (latest value, history) see it
//   subscribe "ledctrl/up" -> refused (0x80)
//   many devices CONNECT with the account key as client id -> none takes over another
//
// The engine calls these with its lock held: implementations must be thread-safe, quick, and must
// not call back into the engine.

#include <string_view>

#include "roost/broker/authenticator.hpp"
#include "roost/broker/scope.hpp"
#include "roost/mqtt/packets.hpp"

namespace roost::broker {

enum class audience {
  everyone,  // every matching subscription
  others,    // every matching subscription except those of the publishing connection
  nobody,    // no delivery (observers still see the message)
};

struct publish_plan {
  bool allowed = true;         // false: acknowledged, not routed, counted as dropped
  std::string_view topic;      // the topic subscribers receive it on (a view into the input)
  audience to = audience::everyone;
};

class profile {
 public:
  virtual ~profile() = default;

  // Whether connections may share a client id without taking over each other. Such sessions are
  // per connection and end with it.
  virtual bool shared_client_ids() const = 0;

  // Where a PUBLISH to `topic` goes.
  virtual publish_plan plan_publish(scope_id scope, std::string_view topic) = 0;

  // Whether a client may subscribe to `filter` (false: SUBACK 0x80).
  virtual bool allow_subscribe(scope_id scope, std::string_view filter) = 0;

  // Observers. `published` sees every accepted PUBLISH with its original topic (suffix included);
  // `subscribed`/`unsubscribed` pair up for each (connection, filter), including when a session
  // ends, so live subscriber counts stay exact.
  virtual void published(scope_id scope, std::string_view topic, mqtt::byte_view payload) = 0;
  virtual void subscribed(scope_id scope, std::string_view filter) = 0;
  virtual void unsubscribed(scope_id scope, std::string_view filter) = 0;
};

// What a listener gives the engine for each of its connections; null members fall back to the
// engine's defaults (its authenticator; standard MQTT topics).
struct listener_binding {
  authenticator* auth = nullptr;
  profile* topics = nullptr;
};

}  // namespace roost::broker
