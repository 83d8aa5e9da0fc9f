#pragma once
// What the network side of `roost serve` is told: which listeners to open and how many I/O threads
// to run. Plain data; the app fills it from the TOML file and flags (docs/configuration.md).

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "roost/broker/profile.hpp"
#include "roost/platform/line_session.hpp"

namespace roost::platform {
class line_hub;
}
namespace roost::web {
class http_handler;
}

namespace roost::server {

// How a listener talks to its peers. Each profile has its own connection adapter; `mqtt` serves
// both MQTT listeners (the `bemfa` one differs only by its binding); `line` is the device cloud's
// TCP line protocol; `http` serves the web application and MQTT over WebSocket.
enum class listener_profile {
  mqtt,  // MQTT 3.1 / 3.1.1 over TCP
  line,  // the device cloud's TCP line protocol (needs `line_hub`)
  http,  // HTTP/1.1 (needs `http`), with MQTT over WebSocket on the `websockets` paths
};

// A path of the `http` profile where a WebSocket upgrade (subprotocol `mqtt`) becomes an MQTT
// connection with this binding: "/mqtt" -> the device cloud's tenants.
struct websocket_route {
  std::string path;
  broker::listener_binding binding{};
};

// Whether a TLS listener asks its clients for a certificate (verified against `ca_file`).
enum class client_certificates {
  none,      // not asked for
  optional,  // asked for; a client without one is accepted, one with a bad one refused
  require,   // the handshake fails without a valid client certificate
};

// A TLS listener's certificate and client-certificate policy (docs/tls.md). TLS 1.2 and 1.3 only.
struct tls_settings {
  std::string cert_file;  // PEM: the server certificate, then its intermediates
  std::string key_file;   // PEM: its private key (unencrypted)
  std::string ca_file;    // PEM: the CAs client certificates must chain to; empty: none asked for
  client_certificates client_certs = client_certificates::none;
  // The verified client certificate's subject CN becomes the connection's user name; the CONNECT's
  // user name and password are then not checked (the certificate is the credential).
  bool use_identity_as_username = false;
};

struct listener_config {
  std::string name;                             // for logs and errors: "mqtt"
  listener_profile profile = listener_profile::mqtt;
  std::string host;                             // address or name to bind: "0.0.0.0", "::", "localhost"
  std::uint16_t port = 0;                       // 0 = any free port (the bound one is logged)
  bool enabled = true;
  // The authenticator and topic profile of this listener's connections (the device cloud's
  // `bemfa` listener); empty for standard MQTT. Must outlive the server.
  broker::listener_binding binding{};
  // The `line` profile's hub and session settings; the hub must outlive the server.
  platform::line_hub* line_hub = nullptr;
  platform::line_settings line{};
  // The `http` profile's application (must outlive the server), its WebSocket paths, and the
  // largest request body it reads (bigger ones get 413 without being read).
  web::http_handler* http = nullptr;
  std::vector<websocket_route> websockets{};
  std::size_t http_max_body = 17 * 1024 * 1024;
  // Set: the listener speaks TLS with these settings (a certificate is then required to start).
  std::optional<tls_settings> tls{};
};

struct server_config {
  std::vector<listener_config> listeners;
  // I/O threads, one io_context ("shard") each; 0 = one per CPU core.
  unsigned threads = 0;
  bool tcp_nodelay = true;
  // How long a graceful shutdown waits for connections to flush and close.
  std::chrono::milliseconds shutdown_grace{5000};
};

}  // namespace roost::server
