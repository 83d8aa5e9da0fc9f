// $SYS/broker/...: the broker's own counters as retained messages, refreshed every sys_interval.

#include <chrono>
#include <string>
#include <utility>

#include "engine_state.hpp"

namespace roost::broker {

std::size_t engine_state::subscription_count() const {
  std::size_t n = 0;
  for (const auto& [id, space] : scopes) n += space.subscriptions.size();
  return n;
}

std::size_t engine_state::retained_count() const {
  std::size_t n = 0;
  for (const auto& [id, space] : scopes) n += space.retained.size();
  return n;
}

void engine_state::publish_sys(time_point now) {
  if (cfg.sys_interval.count() <= 0) return;
  if (last_sys != time_point{} && now - last_sys < cfg.sys_interval) return;
  last_sys = now;

  const auto uptime = std::chrono::duration_cast<std::chrono::seconds>(now - started).count();
  const std::pair<const char*, std::string> values[] = {
      {"$SYS/broker/version", cfg.version},
      {"$SYS/broker/uptime", std::to_string(uptime) + " seconds"},
      {"$SYS/broker/clients/connected", std::to_string(counters.clients_connected)},
      {"$SYS/broker/clients/total", std::to_string(sessions.size())},
      {"$SYS/broker/messages/received", std::to_string(counters.messages_received)},
      {"$SYS/broker/messages/sent", std::to_string(counters.messages_sent)},
      {"$SYS/broker/messages/dropped", std::to_string(counters.messages_dropped)},
      {"$SYS/broker/acl/denied/publish", std::to_string(counters.acl_denied_publish)},
      {"$SYS/broker/acl/denied/subscribe", std::to_string(counters.acl_denied_subscribe)},
      {"$SYS/broker/bytes/received", std::to_string(counters.bytes_received)},
      {"$SYS/broker/bytes/sent", std::to_string(bytes_written.load(std::memory_order_relaxed))},
      {"$SYS/broker/subscriptions/count", std::to_string(subscription_count())},
      {"$SYS/broker/retained messages/count", std::to_string(retained_count())},
  };
  for (const auto& [topic, value] : values) {
    const auto* data = reinterpret_cast<const std::uint8_t*>(value.data());
    publish(make_message(default_scope, topic, mqtt::byte_view{data, value.size()}, 0, true));
  }
}

}  // namespace roost::broker
