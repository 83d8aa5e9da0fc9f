#pragma once
// The stream of a TLS connection: Asio's SSL stream over the accepted TCP socket (private to the
// three files that instantiate adapters over it: tls_mqtt_connection.cpp, tls_http_connection.cpp,
// tls_ws_connection.cpp).

#include <boost/asio/ssl/stream.hpp>

#include "shard.hpp"

namespace roost::server {

using tls_stream = asio::ssl::stream<socket_type>;

}  // namespace roost::server
