// sqlite_persistence: a persistent session's row on `sessions` and its subscriptions on
// `session_subscriptions`, keyed (tenant_id, client_id).

#include "message_columns.hpp"
#include "roost/store/sqlite_persistence.hpp"
#include "scope_columns.hpp"

namespace roost::store {

using namespace detail;

// INSERT OR REPLACE: a stale row of the same key (a session_ended that never committed) is
// replaced, and its subscriptions and messages go with it (the REPLACE deletes it, which cascades).
void sqlite_persistence::session_started(broker::session_ref s, std::uint8_t protocol_level) {
  submit(for_session(s, [level = std::int64_t{protocol_level}, now = wall_seconds()](database& db,
                                                                                      const session_key& key) {
    return run_cached(db,
                      "INSERT OR REPLACE INTO sessions (tenant_id, client_id, protocol_version, created_at, "
                      "last_seen, expiry_interval) VALUES (?1, ?2, ?3, ?4, ?4, 4294967295)",
                      [&](statement& st) {
                        key.bind(st);
                        st.bind(3, level).bind(4, now);
                      });
  }));
}

// Subscriptions and messages are deleted by ON DELETE CASCADE (foreign_keys is on for every
// connection, database::open).
void sqlite_persistence::session_ended(broker::session_ref s) {
  submit(for_session(s, [](database& db, const session_key& key) {
    return run_cached(db, "DELETE FROM sessions WHERE tenant_id = ?1 AND client_id = ?2",
                      [&](statement& st) { key.bind(st); });
  }));
}

void sqlite_persistence::session_expiry_set(broker::session_ref s, std::uint32_t interval) {
  submit(for_session(s, [interval = std::int64_t{interval}, now = wall_seconds()](database& db, const session_key& key) {
    return run_cached(db,
                      "UPDATE sessions SET expiry_interval = ?3, last_seen = ?4 WHERE tenant_id = ?1 AND client_id = ?2",
                      [&](statement& st) {
                        key.bind(st);
                        st.bind(3, interval).bind(4, now);
                      });
  }));
}

void sqlite_persistence::subscription_set(broker::session_ref s, const std::string& filter,
                                          const broker::subscription_options& options) {
  submit(for_session(s, [filter, options](database& db, const session_key& key) {
    return run_cached(db,
                      "INSERT OR REPLACE INTO session_subscriptions (tenant_id, client_id, filter, qos, options, "
                      "subscription_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                      [&](statement& st) {
                        key.bind(st);
                        st.bind(3, filter).bind(4, std::int64_t{options.qos}).bind(5, options_column(options));
                        if (options.identifier == 0) {
                          st.bind_null(6);
                        } else {
                          st.bind(6, std::int64_t{options.identifier});
                        }
                      });
  }));
}

void sqlite_persistence::subscription_removed(broker::session_ref s, const std::string& filter) {
  submit(for_session(s, [filter](database& db, const session_key& key) {
    return run_cached(db, "DELETE FROM session_subscriptions WHERE tenant_id = ?1 AND client_id = ?2 AND filter = ?3",
                      [&](statement& st) {
                        key.bind(st);
                        st.bind(3, filter);
                      });
  }));
}

}  // namespace roost::store
