#include "router.hpp"

namespace roost::web {

void add_console_routes(router&, route_context&) {}

}  // namespace roost::web
