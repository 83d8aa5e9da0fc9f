#include "compat_reply.hpp"

#include <boost/json.hpp>
#include <string>

#include "replies.hpp"
#include "utf8_text.hpp"

namespace roost::web {

std::string_view compat_text(compat_code code) {
  switch (code) {
    case compat_code::ok: return "OK";
    case compat_code::bad_parameter: return "";
    case compat_code::unknown: return "the server could not complete the request";
    case compat_code::wrong_key_or_topic: return "wrong private key or topic";
    case compat_code::exists: return "the topic already exists";
    case compat_code::rate_limited: return "too many requests: slow down";
  }
  return "";
}

response compat_ok(const boost::json::value& data) {
  return compat_object({{"code", 0}, {"message", compat_text(compat_code::ok)}, {"data", data}});
}

response compat_error(compat_code code, std::string_view message) {
  if (message.empty()) message = compat_text(code);
  return compat_object({{"code", static_cast<int>(code)}, {"message", utf8_text(message)}});
}

response compat_method_not_allowed(std::string_view method) {
  response r =
      compat_error(compat_code::bad_parameter, "method " + std::string(method) + " is not allowed: use GET or POST");
  r.status = 405;
  r.headers.emplace_back("Allow", "GET, POST");
  return r;
}

response compat_object(const boost::json::object& body) { return json_reply(boost::json::serialize(body)); }

}  // namespace roost::web
