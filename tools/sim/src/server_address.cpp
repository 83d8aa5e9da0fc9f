#include "roost/tools/sim/server_address.hpp"

#include <charconv>

namespace roost::tools::sim {
namespace {

std::optional<std::uint16_t> parse_port(std::string_view text) {
  unsigned value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc{} || end != text.data() + text.size() || value == 0 || value > 65535)
    return std::nullopt;
  return static_cast<std::uint16_t>(value);
}

}  // namespace

std::optional<server_address> parse_server_address(std::string_view text, std::uint16_t default_port) {
  server_address out{{}, default_port};
  std::string_view port_text;
  if (text.starts_with('[')) {
    const auto close = text.find(']');
    if (close == std::string_view::npos) return std::nullopt;
    out.host = std::string{text.substr(1, close - 1)};
    const std::string_view rest = text.substr(close + 1);
    if (!rest.empty()) {
      if (!rest.starts_with(':')) return std::nullopt;
      port_text = rest.substr(1);
      if (port_text.empty()) return std::nullopt;
    }
  } else {
    const auto colon = text.rfind(':');
    // More than one ':' without brackets is a bare IPv6 address.
    if (colon != std::string_view::npos && text.find(':') == colon) {
      out.host = std::string{text.substr(0, colon)};
      port_text = text.substr(colon + 1);
      if (port_text.empty()) return std::nullopt;
    } else {
      out.host = std::string{text};
    }
  }
  if (out.host.empty()) return std::nullopt;
  if (!port_text.empty()) {
    const auto port = parse_port(port_text);
    if (!port) return std::nullopt;
    out.port = *port;
  }
  return out;
}

}  // namespace roost::tools::sim
