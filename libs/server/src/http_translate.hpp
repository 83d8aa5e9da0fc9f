#pragma once
// Between Beast's HTTP messages and the web application's (roost/web/http.hpp), plus the errors
// the HTTP connection answers by itself. Pure functions: no sockets.

#include <string>
#include <string_view>

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>

#include "roost/base/result.hpp"
#include "roost/web/http.hpp"

namespace roost::server {

using beast_request = boost::beast::http::request<boost::beast::http::string_body>;
using beast_response = boost::beast::http::response<boost::beast::http::string_body>;

// The application's view of `r`: the method as sent ("GET"), the percent-decoded path and the raw
// query of an origin-form target ("/va/getmsg?uid=K" -> "/va/getmsg", "uid=K"), header names in
// lower case (a repeated header keeps its last value), the body (moved out of `r`) and `remote`.
// Fails with a reason when the target is not "/path[?query]" or its path decodes to a control
// character.
result<web::request, std::string> to_web_request(beast_request& r, std::string remote);

// `r` as an HTTP/1.`version` response with `Server: roost`, its Content-Type, Content-Length (none
// for 1xx, 204 and 304, whose body is dropped) and Connection as `keep_alive` says. A status
// outside 100..599 becomes 500; extra headers that would break the framing (Content-Length,
// Transfer-Encoding, Connection, Server) or hold a control character are left out. For a HEAD
// request (`head`; only the header is written) an application that left the body out may give
// the length in a Content-Length header of its own, which is then kept.
beast_response to_beast_response(web::response r, unsigned version, bool keep_alive, bool head = false);

// The web API's error shape: {"error":{"code":"<code>","message":"<message>"}} with `status`.
web::response error_response(int status, std::string_view code, std::string_view message);

// The subprotocol to answer a WebSocket upgrade with, from the client's Sec-WebSocket-Protocol
// list ("mqtt, mqttv3.1"): "mqtt" when offered, else "mqttv3.1" when offered, else "" (no header).
std::string choose_subprotocol(std::string_view offered);

}  // namespace roost::server
