#include "serve_config.hpp"

#include <tuple>

namespace roost::app {

serve_config default_serve_config() {
  serve_config c;
  c.server.listeners.push_back({"mqtt", server::listener_profile::mqtt, "0.0.0.0", 1883, true, {}});
  c.server.listeners.push_back({"bemfa", server::listener_profile::mqtt, "0.0.0.0", 9501, true, {}});
  c.server.listeners.push_back({"line", server::listener_profile::line, "0.0.0.0", 8344, true, {}});
  c.server.listeners.push_back({"http", server::listener_profile::http, "0.0.0.0", 8080, true, {}});
  for (auto [name, profile, port] : {std::tuple{"mqtts", server::listener_profile::mqtt, 8883},
                                     std::tuple{"bemfa_tls", server::listener_profile::mqtt, 9503},
                                     std::tuple{"https", server::listener_profile::http, 9504}}) {
    server::listener_config l{name, profile, "0.0.0.0", static_cast<std::uint16_t>(port), true, {}};
    l.tls = server::tls_settings{};
    c.server.listeners.push_back(std::move(l));
  }
  return c;
}

server::server_config resolve_tls(const serve_config& c) {
  server::server_config out = c.server;
  for (auto& l : out.listeners) {
    if (!l.tls) continue;
    server::tls_settings s = c.tls;
    if (!l.tls->cert_file.empty()) {
      s.cert_file = l.tls->cert_file;
      s.key_file = l.tls->key_file;
    }
    if (s.cert_file.empty()) {
      l.enabled = false;
      l.tls.reset();
      continue;
    }
    l.tls = std::move(s);
  }
  return out;
}

server::listener_config* find_listener(serve_config& c, std::string_view name) {
  for (auto& l : c.server.listeners) {
    if (l.name == name) return &l;
  }
  return nullptr;
}

}  // namespace roost::app
