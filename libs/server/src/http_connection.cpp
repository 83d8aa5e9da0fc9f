// HTTP over plain TCP; https is instantiated in tls_http_connection.cpp.

#include "http_connection_impl.hpp"

namespace roost::server {

template class http_connection<socket_type>;

}  // namespace roost::server
