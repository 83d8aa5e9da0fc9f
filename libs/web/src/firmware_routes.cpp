#include "router.hpp"

namespace roost::web {

void add_firmware_routes(router&, route_context&) {}

}  // namespace roost::web
