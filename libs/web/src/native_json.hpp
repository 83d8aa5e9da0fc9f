#pragma once
// Responses and request bodies of the native API (/api/v1): JSON in, JSON out, errors as
// {"error":{"code","message"}} (replies.hpp).
//
//   native_reply(201, {{"topic", ...}})    -> 201 with the serialized object
//   parse_object_body(r, config)           -> the body's JSON object, or the 400/413 to answer

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <string>
#include <string_view>

#include "roost/base/result.hpp"
#include "roost/web/http.hpp"
#include "roost/web/settings.hpp"

namespace roost::web {

// HTTP `status` with `body` serialized.
response native_reply(int status, const boost::json::value& body);

// HTTP 204 without a body.
response no_content();

// HTTP 405 method_not_allowed naming `method`, with `Allow: <allow>` ("GET, POST").
response method_not_allowed(std::string_view method, std::string_view allow);

// Whether the request reads (GET, or HEAD which the server answers without the body).
bool is_read(const request& r);

// The request body as a JSON object. Fails with 413 too_large when it is larger than
// config.max_body_bytes, and 400 bad_request when it is empty, not JSON or not an object.
result<boost::json::object, response> parse_object_body(const request& r, const settings& config);

}  // namespace roost::web
