#include "http_translate.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdint>
#include <optional>

#include <boost/beast/core/string.hpp>
#include <boost/beast/http/field.hpp>
#include <boost/beast/http/status.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/object.hpp>
#include <boost/url/parse.hpp>

namespace roost::server {

namespace http = boost::beast::http;

namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

bool has_control(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](unsigned char c) { return c < 0x20 || c == 0x7f; });
}

bool framing_header(std::string_view name) {
  using boost::beast::iequals;
  return iequals(name, "content-length") || iequals(name, "transfer-encoding") || iequals(name, "connection") ||
         iequals(name, "server");
}

bool no_body_status(int status) { return (status >= 100 && status < 200) || status == 204 || status == 304; }

// A non-negative decimal number that is the whole of `s`, or nothing.
std::optional<std::uint64_t> decimal(std::string_view s) {
  std::uint64_t v = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (s.empty() || ec != std::errc{} || end != s.data() + s.size()) return std::nullopt;
  return v;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace

result<web::request, std::string> to_web_request(beast_request& r, std::string remote) {
  const std::string_view target(r.target().data(), r.target().size());
  auto parsed = boost::urls::parse_origin_form(target);
  if (!parsed) return fail("bad request target '" + std::string(target.substr(0, 200)) + "'");

  web::request out;
  out.path = parsed->path();
  if (has_control(out.path)) return fail(std::string("the request path decodes to a control character"));
  if (parsed->has_query()) out.query = std::string(parsed->encoded_query());
  out.method = std::string(r.method_string());
  for (const auto& field : r) {
    out.headers[lower(std::string_view(field.name_string().data(), field.name_string().size()))] =
        std::string(field.value());
  }
  out.body = std::move(r.body());
  out.remote = std::move(remote);
  return out;
}

beast_response to_beast_response(web::response r, unsigned version, bool keep_alive, bool head) {
  const int status = r.status >= 100 && r.status <= 599 ? r.status : 500;
  beast_response res{static_cast<http::status>(status), version};
  res.set(http::field::server, "roost");
  std::optional<std::uint64_t> declared_length;
  for (auto& [name, value] : r.headers) {
    if (head && boost::beast::iequals(name, "content-length")) declared_length = decimal(value);
    if (name.empty() || framing_header(name) || has_control(name) || has_control(value)) continue;
    res.set(name, value);
  }
  if (no_body_status(status)) {
    res.erase(http::field::content_type);
  } else {
    if (!r.content_type.empty() && !has_control(r.content_type)) res.set(http::field::content_type, r.content_type);
    res.body() = std::move(r.body);
    res.content_length(res.body().empty() && declared_length ? *declared_length : res.body().size());
  }
  res.keep_alive(keep_alive);
  return res;
}

web::response error_response(int status, std::string_view code, std::string_view message) {
  boost::json::object error{{"code", code}, {"message", message}};
  web::response r;
  r.status = status;
  r.body = boost::json::serialize(boost::json::object{{"error", std::move(error)}});
  return r;
}

std::string choose_subprotocol(std::string_view offered) {
  bool mqtt = false;
  bool mqtt31 = false;
  while (!offered.empty()) {
    const auto comma = offered.find(',');
    const std::string_view item = trim(offered.substr(0, comma));
    mqtt = mqtt || item == "mqtt";
    mqtt31 = mqtt31 || item == "mqttv3.1";
    if (comma == std::string_view::npos) break;
    offered.remove_prefix(comma + 1);
  }
  if (mqtt) return "mqtt";
  if (mqtt31) return "mqttv3.1";
  return {};
}

}  // namespace roost::server
