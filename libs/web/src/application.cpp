#include "roost/web/application.hpp"

#include "rate_limiter.hpp"
#include "replies.hpp"
#include "router.hpp"

namespace roost::web {

struct application::parts {
  parts(services s, settings c)
      : svc(std::move(s)), config(std::move(c)), limiter(config.rate_per_second, config.rate_burst) {}
  services svc;
  settings config;
  rate_limiter limiter;
  route_context ctx{svc, config, limiter};
  router routes;
};

application::application(services svc, settings config)
    : _p(std::make_unique<parts>(std::move(svc), std::move(config))) {
  add_compat_routes(_p->routes, _p->ctx);
  add_native_routes(_p->routes, _p->ctx);
  add_firmware_routes(_p->routes, _p->ctx);
  add_console_routes(_p->routes, _p->ctx);
}

application::~application() = default;

void application::handle(const request& r, respond done) {
  if (const handler* h = _p->routes.find(r.path)) return (*h)(r, std::move(done));
  done(error_reply(404, "not_found", "no such path: " + r.path));
}

}  // namespace roost::web
