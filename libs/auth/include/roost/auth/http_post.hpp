#pragma once
// A small synchronous HTTP/1.1 client for the authentication hook: one POST of a JSON body, one
// connection per request, bounded by a timeout. Plain http:// only.
//
//   auto url = parse_http_url("http://127.0.0.1:8081/mqtt/auth");   // host, port 8081, target
//   http_reply r = post_json(*url, R"({"clientid":"c1"})", milliseconds(2000));
//   r.status == 0: not reached (refused, timed out, not HTTP); r.error says why

#include <cstdint>
#include <string>
#include <string_view>

#include "roost/auth/error.hpp"
#include "roost/base/clock.hpp"

namespace roost::auth {

struct http_url {
  std::string host;
  std::uint16_t port = 80;
  std::string target = "/";  // path and query
};

// Parses "http://HOST[:PORT][/PATH]" (HOST may be [IPv6]); fails with the reason.
result<http_url, error> parse_http_url(std::string_view url);

struct http_reply {
  int status = 0;     // the HTTP status, 0 when no response came
  std::string body;   // at most 64 KiB are read
  std::string error;  // when status is 0: what went wrong
};

// POSTs `body` (Content-Type: application/json) to `url` and waits at most `timeout` in all (name
// resolution, connection, request and response). Blocks the calling thread; thread-safe.
http_reply post_json(const http_url& url, std::string_view body, duration timeout);

}  // namespace roost::auth
