#pragma once
// An application message as the broker keeps it: immutable once made and shared by reference
// between every subscriber queue, the retained store and in-flight windows. One allocation per
// PUBLISH received, none per subscriber.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "roost/broker/scope.hpp"
#include "roost/mqtt/packets.hpp"

namespace roost::broker {

struct message {
  scope_id scope = default_scope;
  std::string topic;
  mqtt::bytes payload;
  std::uint8_t qos = 0;
  bool retain = false;
};

using message_ptr = std::shared_ptr<const message>;

inline message_ptr make_message(scope_id scope, std::string_view topic, mqtt::byte_view payload,
                                std::uint8_t qos, bool retain) {
  auto m = std::make_shared<message>();
  m->scope = scope;
  m->topic.assign(topic);
  m->payload.assign(payload.begin(), payload.end());
  m->qos = qos;
  m->retain = retain;
  return m;
}

}  // namespace roost::broker
