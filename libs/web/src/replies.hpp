#pragma once
// Responses shared by every route module.

#include <string>
#include <string_view>

#include "roost/web/http.hpp"

namespace roost::web {

// The native API's error: HTTP `status` with {"error":{"code":"<code>","message":"<message>"}}
// (bytes of `message` that are not UTF-8 become U+FFFD).
response error_reply(int status, std::string_view code, std::string_view message);

// A JSON body with status 200.
response json_reply(std::string body);

}  // namespace roost::web
