#include "serve_config.hpp"

namespace roost::app {

serve_config default_serve_config() {
  serve_config c;
  c.server.listeners.push_back({"mqtt", server::listener_profile::mqtt, "0.0.0.0", 1883, true, {}});
  c.server.listeners.push_back({"bemfa", server::listener_profile::mqtt, "0.0.0.0", 9501, true, {}});
  c.server.listeners.push_back({"line", server::listener_profile::line, "0.0.0.0", 8344, true, {}});
  c.server.listeners.push_back({"http", server::listener_profile::http, "0.0.0.0", 8080, true, {}});
  return c;
}

server::listener_config* find_listener(serve_config& c, std::string_view name) {
  for (auto& l : c.server.listeners) {
    if (l.name == name) return &l;
  }
  return nullptr;
}

}  // namespace roost::app
