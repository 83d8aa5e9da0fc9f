#pragma once
// A scope is an isolated topic space with its own subscriptions, retained messages and sessions:
// no filter, however wide, reaches across scopes. Scope 0 is the plain MQTT broker (and the only
// one with $SYS); the device cloud gives each tenant's MQTT and TCP namespaces a scope of their own,
// so tenancy is a key on every lookup, never a prefix on topic strings.

#include <cstdint>

namespace roost::broker {

using scope_id = std::uint64_t;

inline constexpr scope_id default_scope = 0;

}  // namespace roost::broker
