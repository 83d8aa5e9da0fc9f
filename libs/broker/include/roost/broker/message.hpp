#pragma once
// An application message as the broker keeps it: immutable once made and shared by reference
// between every subscriber queue, the retained store and in-flight windows. One allocation per
// PUBLISH received (the reference count, the message, its topic and payload bytes together), none
// per subscriber.

#include <cstdint>
#include <memory>
#include <string_view>

#include "roost/broker/scope.hpp"
#include "roost/mqtt/packets.hpp"

namespace roost::broker {

// `topic` and `payload` view bytes that live in the same allocation as the message, so they are
// valid exactly as long as a message_ptr to it is held; a copy of the struct does not own them.
struct message {
  scope_id scope = default_scope;
  std::string_view topic;
  mqtt::byte_view payload;
  std::uint8_t qos = 0;
  bool retain = false;
};

using message_ptr = std::shared_ptr<const message>;

// A message holding copies of `topic` and `payload`, made with a single allocation.
message_ptr make_message(scope_id scope, std::string_view topic, mqtt::byte_view payload,
                         std::uint8_t qos, bool retain);

}  // namespace roost::broker
