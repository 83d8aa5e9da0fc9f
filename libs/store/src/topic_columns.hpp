#pragma once
// Private to roost::store: how a tenant namespace's scope becomes the (tenant_id, namespace) key
// columns of the tables keyed by topic (`topics`, `history`, `firmware`) and back.
//
//   scope_of(t, cloud_namespace::mqtt) <-> tenant_id t, namespace 1
//   scope_of(t, cloud_namespace::tcp)  <-> tenant_id t, namespace 3

#include <cstdint>
#include <optional>

#include "roost/broker/scope.hpp"
#include "roost/platform/cloud_scope.hpp"

namespace roost::store::detail {

// The `namespace` column's values (schema_migrations.cpp).
inline constexpr std::int64_t topic_column_mqtt = 1;
inline constexpr std::int64_t topic_column_tcp = 3;

// The namespace column of a tenant namespace's scope.
inline std::int64_t topic_namespace_column(broker::scope_id scope) {
  return platform::namespace_of(scope) == platform::cloud_namespace::tcp ? topic_column_tcp : topic_column_mqtt;
}

// The scope of a row's columns; nullopt for a namespace column no scope is stored as.
inline std::optional<broker::scope_id> topic_scope_from(std::int64_t tenant_id, std::int64_t ns) {
  if (ns == topic_column_mqtt) return platform::scope_of(tenant_id, platform::cloud_namespace::mqtt);
  if (ns == topic_column_tcp) return platform::scope_of(tenant_id, platform::cloud_namespace::tcp);
  return std::nullopt;
}

// Whether `scope` is a tenant's MQTT or TCP namespace (tenant ids start at 1).
inline bool is_tenant_namespace(broker::scope_id scope) {
  const std::int64_t tenant = platform::tenant_of(scope);
  if (tenant <= 0) return false;
  return scope == platform::scope_of(tenant, platform::cloud_namespace::mqtt) ||
         scope == platform::scope_of(tenant, platform::cloud_namespace::tcp);
}

}  // namespace roost::store::detail
