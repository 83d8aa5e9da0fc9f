// sqlite_persistence: a session's messages on `session_messages`, one row per stored message
// with the engine's id as its rowid (ascending ids are the delivery order). A row is inserted
// with the session's key, which must exist (foreign key); later changes address it by id alone.
//
//   queued/sent (0/1) --message_sent--> sent (1) --message_released--> released (2, no payload)
//   inbound_qos2 (3), no topic or payload
//   message_finished / inbound_released: the row is deleted

#include <optional>
#include <string>
#include <string_view>

#include "message_columns.hpp"
#include "roost/store/sqlite_persistence.hpp"
#include "scope_columns.hpp"

namespace roost::store {
namespace {

using namespace detail;

std::int64_t state_column(broker::stored_state state) { return static_cast<std::int64_t>(state); }

// The rowid of message `id` (ids above 2^63 - 1 do not occur: the engine counts from 1).
std::int64_t id_column(std::uint64_t id) { return static_cast<std::int64_t>(id); }

// The operation that runs `sql` with ?1 = message id (and ?2 = `packet_id` when given).
write_op by_id(std::string_view sql, std::uint64_t id, std::optional<std::uint16_t> packet_id = std::nullopt) {
  return [sql, id, packet_id](database& db) {
    return run_cached(db, sql, [&](statement& st) {
      st.bind(1, id_column(id));
      if (packet_id) st.bind(2, std::int64_t{*packet_id});
    });
  };
}

constexpr std::string_view insert_message =
    "INSERT INTO session_messages (id, tenant_id, client_id, state, packet_id, topic, payload, qos, retain, "
    "properties, expires_at, subscription_ids) VALUES (?3, ?1, ?2, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)";

// Binds the MQTT 5 columns of a message row (?10 properties, ?11 expires_at, ?12 subscription_ids).
void bind_v5_columns(statement& st, mqtt::byte_view properties, std::optional<std::int64_t> expires,
                     const std::optional<std::string>& ids) {
  if (properties.empty()) {
    st.bind_null(10);
  } else {
    st.bind_blob(10, as_chars(properties));
  }
  bind_optional(st, 11, expires);
  if (ids) {
    st.bind(12, *ids);
  } else {
    st.bind_null(12);
  }
}

constexpr std::string_view delete_message = "DELETE FROM session_messages WHERE id = ?1";

}  // namespace

void sqlite_persistence::message_queued(broker::session_ref s, const broker::stored_message& m) {
  if (!m.msg) {
    return submit([id = m.id](database&) -> status {
      return fail(error{0, "session message " + std::to_string(id) + " reported without its message: not stored"});
    });
  }
  submit(insert_unless_called_off(s, m));
}

write_op sqlite_persistence::insert_unless_called_off(broker::session_ref s, const broker::stored_message& m) {
  auto flag = std::make_shared<pending_insert>();
  {
    std::lock_guard lock(_waiting_mutex);
    _waiting_inserts[m.id] = flag;
  }
  // Reads flag->sent_as only after the state went waiting -> written: a message_sent that saw
  // `waiting` stored it before (sequentially consistent atomics), any later one UPDATEs the row.
  write_op insert = for_session(s, [m, flag, expires = expiry_column(m.msg->expires),
                                    ids = ids_column(m.ids)](database& db, const session_key& key) {
    const std::uint32_t sent_as = flag->sent_as.load();
    const auto state = sent_as != 0 ? broker::stored_state::sent : m.state;
    const auto packet_id = sent_as != 0 ? static_cast<std::uint16_t>(sent_as) : m.packet_id;
    return run_cached(db, insert_message, [&](statement& st) {
      key.bind(st);
      st.bind(3, id_column(m.id)).bind(4, state_column(state)).bind(5, std::int64_t{packet_id});
      st.bind(6, m.msg->topic).bind_blob(7, as_chars(m.msg->payload));
      st.bind(8, std::int64_t{m.qos}).bind(9, std::int64_t{m.retain ? 1 : 0});
      bind_v5_columns(st, m.msg->properties, expires, ids);
    });
  });
  return [this, id = m.id, flag, insert = std::move(insert)](database& db) -> status {
    auto expected = insert_state::waiting;
    const bool go = flag->state.compare_exchange_strong(expected, insert_state::written);
    {
      std::lock_guard lock(_waiting_mutex);
      if (auto it = _waiting_inserts.find(id); it != _waiting_inserts.end() && it->second == flag) {
        _waiting_inserts.erase(it);
      }
    }
    return go ? insert(db) : ok();
  };
}

bool sqlite_persistence::sent_before_insert(std::uint64_t id, std::uint16_t packet_id) {
  insert_flag flag;
  {
    std::lock_guard lock(_waiting_mutex);
    auto it = _waiting_inserts.find(id);
    if (it == _waiting_inserts.end()) return false;
    flag = it->second;
  }
  flag->sent_as.store(0x10000U | packet_id);
  return flag->state.load() == insert_state::waiting;
}

bool sqlite_persistence::call_off_insert(std::uint64_t id) {
  insert_flag flag;
  {
    std::lock_guard lock(_waiting_mutex);
    auto it = _waiting_inserts.find(id);
    if (it == _waiting_inserts.end()) return false;
    flag = std::move(it->second);
    _waiting_inserts.erase(it);
  }
  auto expected = insert_state::waiting;
  return flag->state.compare_exchange_strong(expected, insert_state::called_off);
}

void sqlite_persistence::message_sent(broker::session_ref, std::uint64_t id, std::uint16_t packet_id) {
  if (sent_before_insert(id, packet_id)) return;  // the INSERT writes it as sent
  submit(by_id("UPDATE session_messages SET state = 1, packet_id = ?2 WHERE id = ?1", id, packet_id));
}

void sqlite_persistence::message_released(broker::session_ref, std::uint64_t id) {
  submit(by_id("UPDATE session_messages SET state = 2, payload = x'', properties = NULL WHERE id = ?1", id));
}

void sqlite_persistence::message_finished(broker::session_ref, std::uint64_t id) {
  if (call_off_insert(id)) return;  // never written: nothing to delete
  submit(by_id(delete_message, id));
}

void sqlite_persistence::inbound_received(broker::session_ref s, std::uint64_t id, std::uint16_t packet_id) {
  submit(for_session(s, [id, packet_id](database& db, const session_key& key) {
    return run_cached(db, insert_message, [&](statement& st) {
      key.bind(st);
      st.bind(3, id_column(id)).bind(4, state_column(broker::stored_state::inbound_qos2));
      st.bind(5, std::int64_t{packet_id}).bind(6, std::string_view{}).bind_blob(7, std::string_view{});
      st.bind(8, std::int64_t{2}).bind(9, std::int64_t{0});
      bind_v5_columns(st, {}, std::nullopt, std::nullopt);
    });
  }));
}

void sqlite_persistence::inbound_released(broker::session_ref, std::uint64_t id) {
  submit(by_id(delete_message, id));
}

}  // namespace roost::store
