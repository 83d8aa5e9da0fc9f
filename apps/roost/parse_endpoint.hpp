#pragma once
// Listener addresses as written in flags and the TOML file.
//
//   "0.0.0.0:1883"     IPv4 address and port
//   "[::]:1883"        IPv6 address in brackets
//   "localhost:1883"   a host name, resolved when the listener binds
//   "127.0.0.1:0"      port 0: any free port (the bound one is logged)
//   "off"              listener disabled

#include <cstdint>
#include <string>
#include <string_view>

#include "roost/base/result.hpp"

namespace roost::app {

struct endpoint_spec {
  bool enabled = true;
  std::string host;  // without brackets; empty when disabled
  std::uint16_t port = 0;
};

// Parses one of the forms above; the error says what was expected ("expected HOST:PORT, ...").
result<endpoint_spec, std::string> parse_endpoint(std::string_view text);

// The inverse: "0.0.0.0:1883", "[::]:1883" or "off".
std::string format_endpoint(const endpoint_spec& e);

}  // namespace roost::app
