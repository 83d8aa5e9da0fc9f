#pragma once
// The TCP line protocol's part of `roost serve`: one hub over the tenants and the topic registry,
// shared by every listener with the `line` profile.
//
//   auto hub = make_line_hub(tenants, topics);
//   server::server_config net = config.server;
//   attach_line_hub(net, *hub);                  // before constructing the server
//   server::server s{net, engine};

#include <cstddef>
#include <memory>

#include "roost/platform/line_hub.hpp"
#include "roost/platform/tenant_directory.hpp"
#include "roost/platform/topic_registry.hpp"
#include "roost/server/config.hpp"

namespace roost::app {

// A hub that stamps history with the system clock. `tenants` and `topics` must outlive it.
std::unique_ptr<platform::line_hub> make_line_hub(platform::tenant_directory& tenants,
                                                  platform::topic_registry& topics);

// Points every `line` listener of `config` at `hub` (which must outlive the server); returns how
// many there are.
std::size_t attach_line_hub(server::server_config& config, platform::line_hub& hub);

}  // namespace roost::app
