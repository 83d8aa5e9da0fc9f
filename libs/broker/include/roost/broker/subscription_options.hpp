#pragma once
// What one subscription asked for and was granted: the granted QoS and, from MQTT 5, the
// subscription options and identifier. Kept per (filter, session) pair in the subscription trie
// and in the session's own list; 3.1 / 3.1.1 subscriptions use only `qos`.

#include <cstdint>

namespace roost::broker {

struct subscription_options {
  std::uint8_t qos = 0;                // granted QoS 0..2
  bool no_local = false;               // not delivered to the session that published [MQTT-3.8.3-3]
  bool retain_as_published = false;    // RETAIN flag kept on delivery [MQTT-3.3.1-12]
  std::uint8_t retain_handling = 0;    // 0: retained sent on subscribe, 1: only if new, 2: never
  std::uint32_t identifier = 0;        // Subscription Identifier (1..268,435,455); 0: none

  bool operator==(const subscription_options&) const = default;
};

}  // namespace roost::broker
