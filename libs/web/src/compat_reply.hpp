#pragma once
// Responses of the compatible API (/va, /v1, /api/device). Always HTTP 200 (clients read `code`),
// except a method the API does not take (405):
//
//   compat_ok(0)                      -> {"code":0,"message":"OK","data":0}
//   compat_error(compat_code::bad_parameter, "topic is missing")
//                                     -> {"code":10002,"message":"topic is missing"}

#include <boost/json/fwd.hpp>
#include <string_view>

#include "roost/web/http.hpp"

namespace roost::web {

enum class compat_code : int {
  ok = 0,
  bad_parameter = 10002,       // a parameter is missing or invalid (the message says which)
  unknown = 40000,             // the server could not do it (a failed commit)
  wrong_key_or_topic = 40004,  // same text for both: a wrong key never tells whether a topic exists
  exists = 40006,              // the topic already exists
  rate_limited = 40007,        // too many requests for this key (or client address)
};

// The message of `code` where it is always the same ("OK", the 40004 text, ...); "" for
// bad_parameter, whose message names the parameter.
std::string_view compat_text(compat_code code);

// {"code":0,"message":"OK","data":<data>}.
response compat_ok(const boost::json::value& data);

// {"code":<code>,"message":<message>} without `data` (clients that test for `data` see none).
// An empty `message` is replaced by compat_text(code).
response compat_error(compat_code code, std::string_view message = {});

// HTTP 405 with `Allow: GET, POST` and a 10002 body naming the method.
response compat_method_not_allowed(std::string_view method);

// `body` serialized as is, HTTP 200 (the legacy API's own shapes).
response compat_object(const boost::json::object& body);

}  // namespace roost::web
