#pragma once
// The application's routing table: exact paths, then path prefixes (longest first). Each route
// module adds its own (compat_routes.cpp, native_routes.cpp, firmware_routes.cpp,
// console_routes.cpp); the handler decides which methods it takes.

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "roost/web/http.hpp"
#include "roost/web/services.hpp"
#include "roost/web/settings.hpp"

namespace roost::web {

using handler = std::function<void(const request&, respond)>;

class router {
 public:
  // `path` exactly: "/va/postmsg".
  void exact(std::string path, handler h) { _exact[std::move(path)] = std::move(h); }
  // Every path that starts with `prefix` ("/api/v1/topics/"), unless an exact or longer prefix
  // route matches.
  void prefix(std::string prefix, handler h);

  // The handler for `path`, or null.
  const handler* find(std::string_view path) const;

 private:
  std::map<std::string, handler, std::less<>> _exact;
  std::vector<std::pair<std::string, handler>> _prefixes;  // longest first
};

// Everything a route module gets.
struct route_context {
  services& svc;
  const settings& config;
  class rate_limiter& limiter;
};

void add_compat_routes(router& r, route_context& ctx);
void add_native_routes(router& r, route_context& ctx);
void add_firmware_routes(router& r, route_context& ctx);
void add_console_routes(router& r, route_context& ctx);

}  // namespace roost::web
