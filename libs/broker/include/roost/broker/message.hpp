#pragma once
// An application message as the broker keeps it: immutable once made and shared by reference
// between every subscriber queue, the retained store and in-flight windows. One allocation per
// PUBLISH received (the reference count, the message, its topic, MQTT 5 properties and payload
// bytes together), none per subscriber.

#include <cstdint>
#include <memory>
#include <string_view>

#include "roost/base/clock.hpp"
#include "roost/broker/scope.hpp"
#include "roost/mqtt/packets.hpp"

namespace roost::broker {

// `topic`, `payload` and `properties` view bytes that live in the same allocation as the message,
// so they are valid exactly as long as a message_ptr to it is held; a copy of the struct does not
// own them.
struct message {
  scope_id scope = default_scope;
  std::string_view topic;
  mqtt::byte_view payload;
  // MQTT 5 properties forwarded unchanged to MQTT 5 subscribers, encoded as in a PUBLISH's
  // property block without its length (see mqtt::forwarded_properties); empty: none. Never sent
  // to 3.1 / 3.1.1 subscribers.
  mqtt::byte_view properties;
  // Message Expiry: the message is not delivered at or after this instant [MQTT-3.3.2-5];
  // time_point::max(): it never expires.
  time_point expires = time_point::max();
  std::uint8_t qos = 0;
  bool retain = false;

  // Whether the message has expired at `now`.
  bool expired(time_point now) const { return now >= expires; }
};

using message_ptr = std::shared_ptr<const message>;

// A message holding copies of `topic`, `payload` and `properties`, made with a single allocation.
message_ptr make_message(scope_id scope, std::string_view topic, mqtt::byte_view payload,
                         std::uint8_t qos, bool retain, mqtt::byte_view properties = {},
                         time_point expires = time_point::max());

}  // namespace roost::broker
