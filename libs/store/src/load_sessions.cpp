// sqlite_persistence::load_sessions: every row of `sessions` with its subscriptions and messages.
// Three queries (sessions, then subscriptions, then messages by id), joined in memory by key.

#include <map>
#include <string>
#include <utility>

#include "message_columns.hpp"
#include "roost/store/sqlite_persistence.hpp"
#include "scope_columns.hpp"

namespace roost::store {
namespace {

using namespace detail;

using session_index = std::map<std::pair<std::int64_t, std::string>, std::size_t>;  // key -> position

// The session of the current row's key columns (0 tenant_id, 1 client_id), or null when the row
// belongs to no loaded session.
broker::stored_session* session_of(const statement& st, const session_index& index,
                                   std::vector<broker::stored_session>& sessions) {
  const auto it = index.find({st.column_int64(0), st.column_text(1)});
  return it == index.end() ? nullptr : &sessions[it->second];
}

bool carries_message(broker::stored_state state) {
  return state == broker::stored_state::queued || state == broker::stored_state::sent;
}

}  // namespace

store_result<std::vector<broker::stored_session>> sqlite_persistence::load_sessions(database& reader) {
  std::vector<broker::stored_session> out;
  session_index index;

  auto sessions =
      reader.prepare("SELECT tenant_id, client_id, protocol_version, expiry_interval FROM sessions "
                     "ORDER BY tenant_id, client_id");
  if (!sessions) return fail(sessions.error());
  auto read = sessions->each_row([&] {
    const auto scope = session_scope_from(sessions->column_int64(0));
    if (!scope) return;
    broker::stored_session s;
    s.scope = *scope;
    s.client_id = sessions->column_text(1);
    s.protocol_level = static_cast<std::uint8_t>(sessions->column_int64(2));
    s.expiry_interval = static_cast<std::uint32_t>(sessions->column_int64(3));
    index.emplace(std::pair{sessions->column_int64(0), s.client_id}, out.size());
    out.push_back(std::move(s));
  });
  if (!read) return fail(read.error());

  auto subscriptions = reader.prepare(
      "SELECT tenant_id, client_id, filter, qos, options, subscription_id FROM session_subscriptions "
      "ORDER BY tenant_id, client_id, filter");
  if (!subscriptions) return fail(subscriptions.error());
  read = subscriptions->each_row([&] {
    auto* s = session_of(*subscriptions, index, out);
    if (s == nullptr) return;
    s->subscriptions.emplace_back(subscriptions->column_text(2),
                                  options_from(subscriptions->column_int64(3), subscriptions->column_int64(4),
                                               subscriptions->column_int64(5)));
  });
  if (!read) return fail(read.error());

  auto messages = reader.prepare(
      "SELECT tenant_id, client_id, id, state, packet_id, topic, payload, qos, retain, properties, expires_at, "
      "subscription_ids FROM session_messages ORDER BY id");
  if (!messages) return fail(messages.error());
  read = messages->each_row([&] {
    auto* s = session_of(*messages, index, out);
    if (s == nullptr) return;
    broker::stored_message m;
    m.id = static_cast<std::uint64_t>(messages->column_int64(2));
    m.state = static_cast<broker::stored_state>(messages->column_int64(3));
    m.packet_id = static_cast<std::uint16_t>(messages->column_int64(4));
    m.qos = static_cast<std::uint8_t>(messages->column_int64(7));
    m.retain = messages->column_int64(8) != 0;
    if (carries_message(m.state)) {
      m.msg = broker::make_message(s->scope, messages->column_text(5), as_bytes(messages->column_text(6)), m.qos,
                                   m.retain, as_bytes(messages->column_text(9)), expiry_from(*messages, 10));
      m.ids = ids_from(messages->column_text(11));
    }
    s->messages.push_back(std::move(m));
  });
  if (!read) return fail(read.error());
  return out;
}

}  // namespace roost::store
