#include "roost/store/sqlite_retained_store.hpp"

#include <chrono>
#include <optional>
#include <string>

#include "roost/platform/cloud_scope.hpp"

namespace roost::store {
namespace {

constexpr std::int64_t column_plain = 0;  // the plain broker's scope 0
constexpr std::int64_t column_mqtt = 1;   // a tenant's MQTT namespace (schema_migrations.cpp)

struct retained_key {
  std::int64_t tenant_id;
  std::int64_t ns;
  std::string topic;

  explicit retained_key(const broker::message& m)
      : tenant_id(platform::tenant_of(m.scope)),
        ns(m.scope == broker::default_scope ? column_plain : column_mqtt),
        topic(m.topic) {}
  void bind(statement& st) const { st.bind(1, tenant_id).bind(2, ns).bind(3, topic); }
};

std::optional<broker::scope_id> scope_from(std::int64_t tenant_id, std::int64_t ns) {
  if (ns == column_plain && tenant_id == 0) return broker::default_scope;
  if (ns == column_mqtt) return platform::scope_of(tenant_id, platform::cloud_namespace::mqtt);
  return std::nullopt;
}

std::int64_t wall_seconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace

void sqlite_retained_store::retained_changed(const broker::message_ptr& msg) {
  write_op op = [key = retained_key(*msg), msg](database& db) -> status {
    if (msg->payload.empty()) {
      auto st = db.prepare("DELETE FROM retained WHERE tenant_id = ?1 AND namespace = ?2 AND topic = ?3");
      if (!st) return unexpected<error>{st.error()};
      key.bind(*st);
      return st->run();
    }
    auto st = db.prepare(
        "INSERT OR REPLACE INTO retained (tenant_id, namespace, topic, payload, qos, stored_at) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    if (!st) return unexpected<error>{st.error()};
    key.bind(*st);
    const std::string_view payload(reinterpret_cast<const char*>(msg->payload.data()), msg->payload.size());
    st->bind_blob(4, payload).bind(5, static_cast<std::int64_t>(msg->qos)).bind(6, wall_seconds());
    return st->run();
  };
  write_done done;
  if (_on_error) {
    done = [report = _on_error](const status& s) {
      if (!s) report(s.error());
    };
  }
  _writer.submit(std::move(op), std::move(done));
}

store_result<std::vector<broker::message_ptr>> sqlite_retained_store::load(database& reader) {
  auto st = reader.prepare("SELECT tenant_id, namespace, topic, payload, qos FROM retained");
  if (!st) return unexpected<error>{st.error()};
  std::vector<broker::message_ptr> out;
  for (;;) {
    auto row = st->step();
    if (!row) return unexpected<error>{row.error()};
    if (!*row) break;
    const auto scope = scope_from(st->column_int64(0), st->column_int64(1));
    if (!scope) continue;  // a namespace without retained messages: nothing to restore
    const std::string payload = st->column_text(3);
    const auto* data = reinterpret_cast<const std::uint8_t*>(payload.data());
    out.push_back(broker::make_message(*scope, st->column_text(2), mqtt::byte_view(data, payload.size()),
                                       static_cast<std::uint8_t>(st->column_int64(4)), true));
  }
  return out;
}

}  // namespace roost::store
