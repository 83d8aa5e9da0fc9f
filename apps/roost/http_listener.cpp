#include "http_listener.hpp"

#include <algorithm>

namespace roost::app {

std::size_t attach_web(server::server_config& config, web::http_handler& app, broker::listener_binding cloud,
                       const web::settings& settings) {
  std::size_t attached = 0;
  for (auto& listener : config.listeners) {
    if (listener.profile != server::listener_profile::http) continue;
    listener.http = &app;
    listener.websockets = {{"/mqtt", cloud}, {"/broker", {}}};
    if (listener.tls) listener.websockets.push_back({"/wss", cloud});
    listener.http_max_body = std::max(settings.max_body_bytes, settings.max_firmware_bytes);
    ++attached;
  }
  return attached;
}

}  // namespace roost::app
