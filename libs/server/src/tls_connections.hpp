#pragma once
// The connection adapters of TLS listeners, made without naming a TLS type here (the
// tls_*_connection.cpp files instantiate the SSL stream types): MQTT over TLS (`mqtts`, the device
// cloud's TLS twin) and HTTP over TLS (https, with wss on the listener's WebSocket paths).
//
//   accept -> TLS handshake within tls_handshake_timeout (a failure or timeout is logged at debug
//   and closes that socket only) -> the same exchange as the plain adapter
//
// Each connection takes the listener's context current at its accept (tls_context::current), so a
// reload leaves it alone.

#include <chrono>
#include <memory>

#include "roost/broker/profile.hpp"
#include "server_context.hpp"
#include "shard.hpp"
#include "tls_context.hpp"

namespace roost::server {

struct http_options;

inline constexpr std::chrono::seconds tls_handshake_timeout{10};

// MQTT over TLS on `socket` (accepted, on `home`), with `binding` as for the plain adapter. With
// `tls.settings().use_identity_as_username`, a verified client certificate's CN is the user name.
std::shared_ptr<shard_resident> make_tls_mqtt_connection(server_context& context, shard& home, socket_type socket,
                                                         broker::listener_binding binding, const tls_context& tls);

// HTTP over TLS on `socket`, with the listener's shared `options`.
std::shared_ptr<shard_resident> make_tls_http_connection(server_context& context, shard& home, socket_type socket,
                                                         std::shared_ptr<const http_options> options,
                                                         const tls_context& tls);

}  // namespace roost::server
