// The -L URL: mqtt://[username[:password]@]host[:port]/topic.

#include "roost/tools/pubsub/parse_url.hpp"

#include <charconv>

namespace roost::tools {

namespace {

constexpr std::string_view scheme = "mqtt://";

bool starts_with_ignoring_case(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    char c = s[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != prefix[i]) return false;
  }
  return true;
}

result<int, std::string> parse_port(std::string_view text) {
  int port = 0;
  const auto* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, port);
  if (text.empty() || ec != std::errc{} || ptr != end || port < 1 || port > 65535)
    return fail(std::string{"invalid port '"} + std::string{text} + "' in the URL");
  return port;
}

}  // namespace

result<mqtt_url, std::string> parse_mqtt_url(std::string_view url) {
  if (starts_with_ignoring_case(url, "mqtts://"))
    return fail(std::string{"mqtts:// URLs are not supported (no TLS)"});
  if (!starts_with_ignoring_case(url, scheme))
    return fail(std::string{"the URL must start with mqtt://"});
  std::string_view rest = url.substr(scheme.size());
  const auto slash = rest.find('/');
  if (slash == std::string_view::npos) return fail(std::string{"the URL has no topic (mqtt://host/topic)"});
  mqtt_url out;
  out.topic = std::string{rest.substr(slash + 1)};
  std::string_view authority = rest.substr(0, slash);

  if (const auto at = authority.rfind('@'); at != std::string_view::npos) {
    const std::string_view userinfo = authority.substr(0, at);
    authority = authority.substr(at + 1);
    const auto colon = userinfo.find(':');
    out.username = std::string{userinfo.substr(0, colon)};
    if (colon != std::string_view::npos) out.password = std::string{userinfo.substr(colon + 1)};
  }

  std::string_view host = authority;
  std::string_view port;
  if (authority.starts_with('[')) {
    const auto close = authority.find(']');
    if (close == std::string_view::npos) return fail(std::string{"unclosed '[' in the URL's host"});
    host = authority.substr(1, close - 1);
    const std::string_view after = authority.substr(close + 1);
    if (!after.empty()) {
      if (!after.starts_with(':')) return fail(std::string{"unexpected text after the URL's host"});
      port = after.substr(1);
      if (port.empty()) return fail(std::string{"empty port in the URL"});
    }
  } else if (const auto colon = authority.rfind(':'); colon != std::string_view::npos) {
    host = authority.substr(0, colon);
    port = authority.substr(colon + 1);
    if (port.empty()) return fail(std::string{"empty port in the URL"});
  }
  if (host.empty()) return fail(std::string{"the URL has no host"});
  out.host = std::string{host};
  if (!port.empty()) {
    auto p = parse_port(port);
    if (!p) return fail(p.error());
    out.port = *p;
  }
  return out;
}

}  // namespace roost::tools
