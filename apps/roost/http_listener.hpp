#pragma once
// The HTTP listener's part of `roost serve`: every listener with the `http` profile serves the web
// application, takes request bodies up to the larger of the API and firmware limits, and turns
// WebSocket upgrades into MQTT connections on two paths:
//
//   /mqtt    the device cloud (the tenant's private key as client id, like the `bemfa` listener)
//   /broker  the plain broker (like the `mqtt` listener)
//   /wss     on a TLS listener (`https`) only: the device cloud, as /mqtt (the compatible secure
//            WebSocket path)
//
//   auto app = cloud->make_web_application(engine, config.web);
//   attach_web(net, *app, cloud->mqtt_binding(), config.web);   // before constructing the server

#include <cstddef>

#include "roost/broker/profile.hpp"
#include "roost/server/config.hpp"
#include "roost/web/http.hpp"
#include "roost/web/settings.hpp"

namespace roost::app {

// Points every `http` listener of `config` at `app` (which must outlive the server) with the
// WebSocket paths above, `/mqtt` getting `cloud` (which must outlive the server too); returns how
// many there are.
std::size_t attach_web(server::server_config& config, web::http_handler& app, broker::listener_binding cloud,
                       const web::settings& settings);

}  // namespace roost::app
