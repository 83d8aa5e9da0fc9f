#pragma once
// Private to sqlite_persistence: how a broker scope becomes the key columns of `retained` and the
// session tables and back, and the small conversions its operations share.
//
//   scope 0 (the plain broker)                      <-> tenant_id 0, namespace 0
//   scope_of(t, cloud_namespace::mqtt), tenant t > 0 <-> tenant_id t, namespace 1
//
// The session tables have no namespace column: only the tenant id is stored. No other scope has
// a row (TCP namespaces never reach the broker's persistence; tenant ids start at 1).

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "roost/broker/persistence.hpp"
#include "roost/mqtt/packets.hpp"
#include "roost/platform/cloud_scope.hpp"
#include "roost/store/error.hpp"
#include "roost/store/write_behind.hpp"

namespace roost::store::detail {

// The `namespace` column of `retained` (schema_migrations.cpp).
inline constexpr std::int64_t column_plain = 0;
inline constexpr std::int64_t column_mqtt = 1;

struct scope_columns {
  std::int64_t tenant_id;
  std::int64_t ns;
};

// The columns of a storable scope; nullopt for any other.
inline std::optional<scope_columns> columns_of(broker::scope_id scope) {
  if (scope == broker::default_scope) return scope_columns{0, column_plain};
  const std::int64_t tenant = platform::tenant_of(scope);
  if (tenant <= 0 || platform::namespace_of(scope) != platform::cloud_namespace::mqtt) return std::nullopt;
  if (platform::scope_of(tenant, platform::cloud_namespace::mqtt) != scope) return std::nullopt;
  return scope_columns{tenant, column_mqtt};
}

// The scope of a row's columns; nullopt for columns no scope is stored as.
inline std::optional<broker::scope_id> scope_from(std::int64_t tenant_id, std::int64_t ns) {
  if (tenant_id == 0 && ns == column_plain) return broker::default_scope;
  if (tenant_id > 0 && ns == column_mqtt) return platform::scope_of(tenant_id, platform::cloud_namespace::mqtt);
  return std::nullopt;
}

// The scope of a session row's tenant id.
inline std::optional<broker::scope_id> session_scope_from(std::int64_t tenant_id) {
  return scope_from(tenant_id, tenant_id == 0 ? column_plain : column_mqtt);
}

// The operation standing for a write about a scope that has no row: it fails, so that on_error
// tells, in its place in the order.
inline write_op unstorable(broker::scope_id scope) {
  return [scope](database&) -> status {
    return fail(error{0, "scope " + std::to_string(scope) +
                             " is neither the plain broker nor a tenant's MQTT namespace: not stored"});
  };
}

// A session's key columns (?1 tenant_id, ?2 client_id in every session statement).
struct session_key {
  std::int64_t tenant_id;
  std::string client_id;

  void bind(statement& st) const { st.bind(1, tenant_id).bind(2, client_id); }
};

// The operation that runs write(db, key) for session `s` (its client id copied), or that fails
// with unstorable() when the session's scope has no row.
template <class Write>
write_op for_session(broker::session_ref s, Write write) {
  const auto columns = columns_of(s.scope);
  if (!columns) return unstorable(s.scope);
  return [key = session_key{columns->tenant_id, s.client_id}, write = std::move(write)](database& db) -> status {
    return write(db, key);
  };
}

// Runs the cached statement `sql` with `bind(statement&)` applied: one row change.
template <class Bind>
status run_cached(database& db, std::string_view sql, Bind&& bind) {
  auto st = db.cached(sql);
  if (!st) return fail(st.error());
  bind(**st);
  return (*st)->run();
}

// Payload bytes as the text view statement::bind_blob takes, and a column's bytes back.
inline std::string_view as_chars(mqtt::byte_view bytes) {
  return {reinterpret_cast<const char*>(bytes.data()), bytes.size()};
}
inline mqtt::byte_view as_bytes(const std::string& chars) {
  return {reinterpret_cast<const std::uint8_t*>(chars.data()), chars.size()};
}

// Now, in Unix seconds (created_at, last_seen, stored_at).
inline std::int64_t wall_seconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace roost::store::detail
