// HTTP over TLS (https, and wss on the listener's WebSocket paths): the HTTP adapter instantiated
// over the SSL stream. Its WebSocket twin is instantiated in tls_ws_connection.cpp.

#include <boost/asio/ssl/context.hpp>
#include <boost/beast/websocket/ssl.hpp>

#include "http_connection_impl.hpp"
#include "tls_connections.hpp"
#include "tls_stream.hpp"

namespace roost::server {

extern template class ws_mqtt_connection<tls_stream>;
template class http_connection<tls_stream>;

std::shared_ptr<shard_resident> make_tls_http_connection(server_context& context, shard& home, socket_type socket,
                                                         std::shared_ptr<const http_options> options,
                                                         const tls_context& tls) {
  auto ctx = tls.current();
  tls_stream stream(std::move(socket), *ctx);
  return std::make_shared<http_connection<tls_stream>>(context, home, std::move(stream), std::move(options),
                                                       std::shared_ptr<const void>(std::move(ctx)));
}

}  // namespace roost::server
