// The firmware paths outside the native API: downloads and the compatible version query. The
// native API's /api/v1/topics/{ns}/{name}/firmware is routed with the other topic paths.

#include "firmware_handlers.hpp"
#include "router.hpp"

namespace roost::web {

void add_firmware_routes(router& r, route_context& ctx) {
  r.prefix("/firmware/", [&ctx](const request& q, respond done) { handle_firmware_download(q, std::move(done), ctx); });
  r.exact("/vb/api/v1/firmwareVersion",
          [&ctx](const request& q, respond done) { handle_firmware_version(q, std::move(done), ctx); });
}

}  // namespace roost::web
