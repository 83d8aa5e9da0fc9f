// MQTT over WebSocket over TLS (wss): the WebSocket adapter instantiated over the SSL stream.

#include <boost/beast/websocket/ssl.hpp>

#include "tls_stream.hpp"
#include "ws_mqtt_connection_impl.hpp"

namespace roost::server {

template class ws_mqtt_connection<tls_stream>;

}  // namespace roost::server
