#pragma once
// HTTP as the web application sees it: a parsed request in, one response out. The server's HTTP
// connections (Beast) fill `request` and write `response`; nothing here knows about sockets.
//
//   app.handle(request{"GET", "/va/getmsg", "uid=K&topic=t&type=1", ...},
//              [](response r) { /* write r; may run on another thread */ });

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace roost::web {

struct request {
  std::string method;  // upper case: "GET", "POST", "HEAD", ...
  std::string path;    // percent-decoded path, without the query: "/va/getmsg"
  std::string query;   // raw query string without '?': "uid=K&topic=t"
  // Header names in lower case; a repeated header keeps its last value.
  std::map<std::string, std::string, std::less<>> headers;
  std::string body;
  std::string remote;  // peer address, for logs and rate limits: "127.0.0.1"

  // The header's value, or "" when absent. `name` in lower case.
  std::string_view header(std::string_view name) const {
    auto it = headers.find(name);
    return it == headers.end() ? std::string_view{} : std::string_view{it->second};
  }
};

// For a HEAD request the connection writes the header only, with the body's length as
// Content-Length; a handler that leaves the body out gives the length in a Content-Length header.
struct response {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  // Extra headers ("Cache-Control", "Location", "Content-Encoding", ...).
  std::vector<std::pair<std::string, std::string>> headers;
};

// Hands the response to the connection. Call exactly once, from any thread; the connection writes
// it on its own thread.
using respond = std::function<void(response)>;

// What an HTTP listener serves.
class http_handler {
 public:
  virtual ~http_handler() = default;
  // Handles one request; calls `done` exactly once, now or later (after a commit, say). Must not
  // block: anything slow is handed elsewhere. Thread-safe.
  virtual void handle(const request& r, respond done) = 0;
};

}  // namespace roost::web
