#include "native_json.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "replies.hpp"

namespace roost::web {

response native_reply(int status, const boost::json::value& body) {
  response r;
  r.status = status;
  r.body = boost::json::serialize(body);
  return r;
}

response no_content() {
  response r;
  r.status = 204;
  r.content_type.clear();
  return r;
}

response method_not_allowed(std::string_view method, std::string_view allow) {
  response r = error_reply(405, "method_not_allowed",
                           "method " + std::string(method) + " is not allowed here: use " + std::string(allow));
  r.headers.emplace_back("Allow", std::string(allow));
  return r;
}

bool is_read(const request& r) { return r.method == "GET" || r.method == "HEAD"; }

result<boost::json::object, response> parse_object_body(const request& r, const settings& config) {
  if (r.body.size() > config.max_body_bytes) {
    return fail(
        error_reply(413, "too_large", "the body is larger than " + std::to_string(config.max_body_bytes) + " bytes"));
  }
  boost::system::error_code ec;
  boost::json::value v = boost::json::parse(r.body, ec);
  if (ec || !v.is_object()) return fail(error_reply(400, "bad_request", "the body must be a JSON object"));
  return std::move(v.get_object());
}

}  // namespace roost::web
