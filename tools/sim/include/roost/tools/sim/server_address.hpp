#pragma once
// server_address: the --server argument, `HOST:PORT`, `HOST`, `[IPv6]:PORT` or `[IPv6]`.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace roost::tools::sim {

struct server_address {
  std::string host;
  std::uint16_t port = 0;
};

// Parses `text`; a missing port is `default_port`. Nothing when the text is malformed (empty host,
// a port that is not 1-65535, an unclosed '[').
std::optional<server_address> parse_server_address(std::string_view text, std::uint16_t default_port);

}  // namespace roost::tools::sim
