#include "params.hpp"

#include <boost/json.hpp>
#include <charconv>

namespace roost::web {
namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool is_json(const request& r) {
  const auto type = r.header("content-type");
  if (type.find("json") != std::string_view::npos) return true;
  // Clients that post JSON without saying so: a body that starts like an object.
  const auto first = r.body.find_first_not_of(" \t\r\n");
  return type.empty() && first != std::string::npos && r.body[first] == '{';
}

std::string scalar_text(const boost::json::value& v) {
  if (v.is_string()) return std::string(v.get_string());
  if (v.is_null()) return "";
  return boost::json::serialize(v);
}

}  // namespace

std::string percent_decode(std::string_view s, bool plus_is_space) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c == '+' && plus_is_space) {
      out.push_back(' ');
    } else if (c == '%' && i + 2 < s.size() && hex_value(s[i + 1]) >= 0 &&
               hex_value(s[i + 2]) >= 0) {
      out.push_back(static_cast<char>(hex_value(s[i + 1]) * 16 + hex_value(s[i + 2])));
      i += 2;
    } else {
      out.push_back(c);
    }
  }
  return out;
}

param_map parse_urlencoded(std::string_view s) {
  param_map out;
  while (!s.empty()) {
    const auto amp = s.find('&');
    const auto pair = s.substr(0, amp);
    s = amp == std::string_view::npos ? std::string_view{} : s.substr(amp + 1);
    if (pair.empty()) continue;
    const auto eq = pair.find('=');
    if (eq == std::string_view::npos) {
      out[percent_decode(pair)] = "";
    } else {
      out[percent_decode(pair.substr(0, eq))] = percent_decode(pair.substr(eq + 1));
    }
  }
  return out;
}

result<param_map, std::string> request_params(const request& r) {
  param_map out = parse_urlencoded(r.query);
  if (r.body.empty()) return out;
  if (is_json(r)) {
    boost::system::error_code ec;
    const auto v = boost::json::parse(r.body, ec);
    if (ec || !v.is_object()) return fail(std::string("the body is not a JSON object"));
    for (const auto& [k, value] : v.get_object()) out[std::string(k)] = scalar_text(value);
    return out;
  }
  if (r.header("content-type").find("application/x-www-form-urlencoded") != std::string_view::npos ||
      r.header("content-type").empty()) {
    for (auto& [k, value] : parse_urlencoded(r.body)) out[k] = std::move(value);
  }
  return out;
}

std::optional<std::string_view> param(const param_map& p, std::string_view name) {
  auto it = p.find(name);
  if (it == p.end()) return std::nullopt;
  return std::string_view{it->second};
}

std::optional<std::int64_t> parse_int(std::string_view text) {
  std::int64_t v = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (text.empty() || ec != std::errc{} || end != text.data() + text.size()) return std::nullopt;
  return v;
}

}  // namespace roost::web
