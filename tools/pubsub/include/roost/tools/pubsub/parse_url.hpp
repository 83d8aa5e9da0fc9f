#pragma once
// The -L URL of mosquitto_pub/mosquitto_sub: mqtt://[username[:password]@]host[:port]/topic.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "roost/base/result.hpp"

namespace roost::tools {

struct mqtt_url {
  std::optional<std::string> username;
  std::optional<std::string> password;
  std::string host;
  int port = 1883;
  std::string topic;  // everything after the first '/' following the authority; may be empty
};

// Parses `url`. Only the scheme mqtt:// is accepted (mqtts:// is refused: no TLS here). As in
// mosquitto, the authority ends at the first '/', which must be there (the topic follows it, and may
// be empty for `roost sub -L ... -t ...`). The userinfo ends at the last '@' of the authority and is
// split at its first ':'. The host may be a name, an IPv4 address or a bracketed IPv6 address; the
// port, when given, must be 1..65535. Returns the reason on failure.
result<mqtt_url, std::string> parse_mqtt_url(std::string_view url);

}  // namespace roost::tools
