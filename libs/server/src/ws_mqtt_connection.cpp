// MQTT over plain WebSocket; wss is instantiated in tls_ws_connection.cpp.

#include "ws_mqtt_connection_impl.hpp"

namespace roost::server {

template class ws_mqtt_connection<socket_type>;

}  // namespace roost::server
