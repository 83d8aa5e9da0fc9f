#include "firmware_json.hpp"

#include <algorithm>

#include "utf8_text.hpp"

namespace roost::web {
namespace {

constexpr std::size_t max_host_size = 255;

// A host name, an IPv4 address or a bracketed IPv6 address, with an optional port.
bool usable_host(std::string_view host) {
  return !host.empty() && host.size() <= max_host_size && std::all_of(host.begin(), host.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-' ||
           c == ':' || c == '[' || c == ']' || c == '_';
  });
}

}  // namespace

std::string firmware_path(const platform::firmware_info& f) { return "/firmware/" + f.id + "/" + f.file_name; }

std::string download_origin(const request& r, bool secure) {
  const std::string_view host = r.header("host");
  if (!usable_host(host)) return {};
  const bool https = secure || r.header("x-forwarded-proto") == "https";
  return (https ? "https://" : "http://") + std::string(host);
}

boost::json::object firmware_json(const platform::firmware_info& f, std::string_view origin) {
  std::string url(origin);
  url += firmware_path(f);
  return {{"version", f.version}, {"tag", utf8_text(f.tag)}, {"file_name", f.file_name},     {"size", f.size},
          {"crc32", f.crc32},     {"sha256", f.sha256},      {"uploaded_ms", f.uploaded_ms}, {"url", std::move(url)}};
}

}  // namespace roost::web
