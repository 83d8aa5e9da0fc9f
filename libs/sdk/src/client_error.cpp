// Names of client_error for logs and status lines.

#include "roost/sdk/mqtt_client.hpp"

namespace roost::sdk {

const char* to_string(client_error e) {
  switch (e) {
    case client_error::none: return "none";
    case client_error::invalid_argument: return "invalid_argument";
    case client_error::too_large: return "too_large";
    case client_error::queue_full: return "queue_full";
    case client_error::no_packet_id: return "no_packet_id";
    case client_error::connect_failed: return "connect_failed";
    case client_error::connection_refused: return "connection_refused";
    case client_error::protocol_error: return "protocol_error";
    case client_error::timeout: return "timeout";
    case client_error::closed: return "closed";
  }
  return "unknown";
}

}  // namespace roost::sdk
