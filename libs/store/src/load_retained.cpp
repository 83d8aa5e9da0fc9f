// sqlite_persistence::load_retained: every row of `retained` back as a retained message of its
// scope, with its MQTT 5 properties and expiry; a row whose message has expired is left out.

#include "message_columns.hpp"
#include "roost/store/sqlite_persistence.hpp"
#include "scope_columns.hpp"

namespace roost::store {

using namespace detail;

store_result<std::vector<broker::message_ptr>> sqlite_persistence::load_retained(database& reader) {
  auto st = reader.prepare("SELECT tenant_id, namespace, topic, payload, qos, properties, expires_at FROM retained");
  if (!st) return fail(st.error());
  std::vector<broker::message_ptr> out;
  auto read = st->each_row([&] {
    const auto scope = scope_from(st->column_int64(0), st->column_int64(1));
    if (!scope) return;  // a namespace without retained messages: nothing to restore
    const time_point expires = expiry_from(*st, 6);
    if (expires <= clock_type::now()) return;  // [MQTT-3.3.2-5]
    out.push_back(broker::make_message(*scope, st->column_text(2), as_bytes(st->column_text(3)),
                                       static_cast<std::uint8_t>(st->column_int64(4)), true,
                                       as_bytes(st->column_text(5)), expires));
  });
  if (!read) return fail(read.error());
  return out;
}

}  // namespace roost::store
