#include "line_listener.hpp"

#include <chrono>
#include <cstdint>

namespace roost::app {

std::unique_ptr<platform::line_hub> make_line_hub(platform::tenant_directory& tenants,
                                                  platform::topic_registry& topics) {
  return std::make_unique<platform::line_hub>(tenants, topics, [] {
    const auto since_epoch = std::chrono::system_clock::now().time_since_epoch();
    return static_cast<std::int64_t>(std::chrono::duration_cast<std::chrono::milliseconds>(since_epoch).count());
  });
}

std::size_t attach_line_hub(server::server_config& config, platform::line_hub& hub) {
  std::size_t attached = 0;
  for (auto& listener : config.listeners) {
    if (listener.profile != server::listener_profile::line) continue;
    listener.line_hub = &hub;
    ++attached;
  }
  return attached;
}

}  // namespace roost::app
