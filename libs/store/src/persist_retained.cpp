// sqlite_persistence::retained_changed: one INSERT OR REPLACE (or DELETE, for an empty payload)
// on `retained` per change, keyed (tenant_id, namespace, topic), with the message's MQTT 5
// properties and expiry.

#include "message_columns.hpp"
#include "roost/store/sqlite_persistence.hpp"
#include "scope_columns.hpp"

namespace roost::store {

using namespace detail;

void sqlite_persistence::retained_changed(const broker::message_ptr& msg) {
  const auto columns = columns_of(msg->scope);
  if (!columns) return submit(unstorable(msg->scope));
  submit([c = *columns, msg, now = wall_seconds(), expires = expiry_column(msg->expires)](database& db) -> status {
    auto bind_key = [&](statement& st) { st.bind(1, c.tenant_id).bind(2, c.ns).bind(3, msg->topic); };
    if (msg->payload.empty()) {
      return run_cached(db, "DELETE FROM retained WHERE tenant_id = ?1 AND namespace = ?2 AND topic = ?3", bind_key);
    }
    return run_cached(db,
                      "INSERT OR REPLACE INTO retained (tenant_id, namespace, topic, payload, qos, stored_at, "
                      "properties, expires_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                      [&](statement& st) {
                        bind_key(st);
                        st.bind_blob(4, as_chars(msg->payload)).bind(5, std::int64_t{msg->qos}).bind(6, now);
                        if (msg->properties.empty()) {
                          st.bind_null(7);
                        } else {
                          st.bind_blob(7, as_chars(msg->properties));
                        }
                        bind_optional(st, 8, expires);
                      });
  });
}

}  // namespace roost::store
