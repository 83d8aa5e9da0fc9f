#include "router.hpp"

namespace roost::web {

void add_native_routes(router&, route_context&) {}

}  // namespace roost::web
