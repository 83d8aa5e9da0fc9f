#include "parse_endpoint.hpp"

#include <arpa/inet.h>

#include <algorithm>
#include <charconv>

namespace roost::app {

namespace {

constexpr std::string_view expected_forms = "expected HOST:PORT, [IPv6]:PORT or off";

bool is_ipv6(const std::string& s) {
  in6_addr out{};
  return inet_pton(AF_INET6, s.c_str(), &out) == 1;
}

// Letters, digits, '.', '-' and '_': enough for IPv4 addresses and host names.
bool is_host_name(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char ch) {
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '.' ||
           ch == '-' || ch == '_';
  });
}

result<std::uint16_t, std::string> parse_port(std::string_view s) {
  unsigned value = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (s.empty() || ec != std::errc{} || end != s.data() + s.size() || value > 65535) {
    return fail("bad port '" + std::string(s) + "' (expected 0-65535)");
  }
  return static_cast<std::uint16_t>(value);
}

}  // namespace

result<endpoint_spec, std::string> parse_endpoint(std::string_view text) {
  if (text == "off") return endpoint_spec{false, {}, 0};

  std::string host;
  std::string_view rest;
  if (text.starts_with('[')) {
    const auto close = text.find(']');
    if (close == std::string_view::npos) return fail("'" + std::string(text) + "': missing ']'");
    host = std::string(text.substr(1, close - 1));
    if (!is_ipv6(host)) return fail("'" + std::string(text) + "': '" + host + "' is not an IPv6 address");
    rest = text.substr(close + 1);
  } else {
    const auto colon = text.rfind(':');
    if (colon == std::string_view::npos) return fail("'" + std::string(text) + "': " + std::string(expected_forms));
    host = std::string(text.substr(0, colon));
    if (host.find(':') != std::string::npos) {
      return fail("'" + std::string(text) + "': IPv6 addresses go in brackets, e.g. [::1]:1883");
    }
    if (!is_host_name(host)) return fail("'" + std::string(text) + "': bad host '" + host + "'");
    rest = text.substr(colon);
  }

  if (!rest.starts_with(':')) return fail("'" + std::string(text) + "': " + std::string(expected_forms));
  auto port = parse_port(rest.substr(1));
  if (!port) return fail("'" + std::string(text) + "': " + port.error());
  return endpoint_spec{true, std::move(host), *port};
}

std::string format_endpoint(const endpoint_spec& e) {
  if (!e.enabled) return "off";
  const std::string port = std::to_string(e.port);
  if (e.host.find(':') != std::string::npos) return "[" + e.host + "]:" + port;
  return e.host + ":" + port;
}

}  // namespace roost::app
