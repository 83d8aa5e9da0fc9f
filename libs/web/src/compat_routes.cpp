#include "router.hpp"

namespace roost::web {

void add_compat_routes(router&, route_context&) {}

}  // namespace roost::web
