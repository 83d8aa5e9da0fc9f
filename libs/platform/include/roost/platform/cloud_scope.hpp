#pragma once
// The broker scope of a tenant's namespace. A tenant's MQTT topics and its TCP line-protocol
// topics are separate namespaces (as on Bemfa), so each (tenant, namespace) is its own scope;
// scope 0 stays the plain MQTT broker's.
//
//   tenant 7, MQTT -> scope 29 (7 << 2 | 1);  tenant 7, TCP -> scope 30 (7 << 2 | 2)

#include <cstdint>

#include "roost/broker/scope.hpp"

namespace roost::platform {

enum class cloud_namespace : std::uint8_t { mqtt = 1, tcp = 2 };

constexpr broker::scope_id scope_of(std::int64_t tenant_id, cloud_namespace ns) {
  return (static_cast<broker::scope_id>(tenant_id) << 2) | static_cast<broker::scope_id>(ns);
}

constexpr std::int64_t tenant_of(broker::scope_id scope) { return static_cast<std::int64_t>(scope >> 2); }

constexpr cloud_namespace namespace_of(broker::scope_id scope) {
  return static_cast<cloud_namespace>(scope & 0x3);
}

}  // namespace roost::platform
