#pragma once
// The retained message of every topic that has one, in a tree by topic level so that a wildcard
// filter visits only the branches it can match:
//
//   put(sensors/a/temp = "21")  put(sensors/b/temp = "19")  put($SYS/broker/uptime = "5")
//
//   root ─┬─ "sensors" ─┬─ "a" ─ "temp" [21]
//         │             └─ "b" ─ "temp" [19]
//         └─ "$SYS" ─ "broker" ─ "uptime" [5]
//
//   match("sensors/+/temp") -> [21, 19];  match("#") -> [21, 19] ('$' topics need an explicit
//   first level [MQTT-4.7.2-1]);  match("$SYS/#") -> [5]
//
// Not thread-safe.

#include <cstddef>
#include <memory>
#include <string_view>
#include <vector>

#include "roost/broker/message.hpp"

namespace roost::broker {

class retained_store {
 public:
  retained_store();
  ~retained_store();
  retained_store(const retained_store&) = delete;
  retained_store& operator=(const retained_store&) = delete;

  // Makes `msg` the retained message of msg->topic, replacing the previous one. A message with an
  // empty payload removes the topic's retained message instead [MQTT-3.3.1-10] [MQTT-3.3.1-11].
  void put(message_ptr msg);

  // The retained message of exactly this topic, or null.
  message_ptr find(std::string_view topic) const;

  // Appends every retained message whose topic matches the (valid) filter, in no particular order.
  void match(std::string_view filter, std::vector<message_ptr>& out) const;

  std::size_t size() const { return _count; }
  // Sum of topic and payload sizes of the retained messages.
  std::size_t bytes() const { return _bytes; }

 private:
  struct node;
  std::unique_ptr<node> _root;
  std::size_t _count = 0;
  std::size_t _bytes = 0;
};

}  // namespace roost::broker
