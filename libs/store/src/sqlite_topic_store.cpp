#include "roost/store/sqlite_topic_store.hpp"

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <utility>

#include "roost/platform/cloud_scope.hpp"
#include "scope_columns.hpp"
#include "topic_columns.hpp"

namespace roost::store {
namespace {

using detail::topic_namespace_column;
using detail::topic_scope_from;

// The key of one topic row, as the statements bind it (?1 tenant, ?2 namespace, ?3 name).
struct topic_key {
  std::int64_t tenant_id;
  std::int64_t ns;
  std::string name;

  topic_key(broker::scope_id scope, std::string_view topic)
      : tenant_id(platform::tenant_of(scope)), ns(topic_namespace_column(scope)), name(topic) {}

  void bind(statement& st) const { st.bind(1, tenant_id).bind(2, ns).bind(3, name); }
};

struct topic_row {
  topic_key key;
  std::string display_name;
  std::int64_t type;
  std::optional<platform::history_entry> latest;
  std::int64_t created_at;
};

// The statements are the worker connection's cached ones (database::cached): compiled once, not
// per change.
status upsert(database& db, const topic_row& row) {
  auto found = db.cached(
      "INSERT INTO topics (tenant_id, namespace, name, display_name, device_type, created_at, last_value, "
      "last_time) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) "
      "ON CONFLICT (tenant_id, namespace, name) DO UPDATE SET display_name = excluded.display_name, "
      "device_type = excluded.device_type, last_value = excluded.last_value, last_time = excluded.last_time");
  if (!found) return fail(found.error());
  statement& st = **found;
  row.key.bind(st);
  st.bind(4, row.display_name).bind(5, row.type).bind(6, row.created_at);
  if (row.latest) {
    st.bind_blob(7, row.latest->value).bind(8, row.latest->time_ms);
  } else {
    st.bind_null(7).bind_null(8);
  }
  return st.run();
}

status append(database& db, const topic_key& key, const platform::history_entry& e, std::size_t limit) {
  auto insert =
      db.cached("INSERT INTO history (tenant_id, namespace, topic, payload, time) VALUES (?1, ?2, ?3, ?4, ?5)");
  if (!insert) return fail(insert.error());
  key.bind(**insert);
  (*insert)->bind_blob(4, e.value).bind(5, e.time_ms);
  if (auto s = (*insert)->run(); !s) return s;
  // Everything at or below the id of the (limit+1)-th newest row goes; the index serves both.
  auto trim = db.cached(
      "DELETE FROM history WHERE tenant_id = ?1 AND namespace = ?2 AND topic = ?3 AND id <= "
      "(SELECT id FROM history WHERE tenant_id = ?1 AND namespace = ?2 AND topic = ?3 "
      "ORDER BY id DESC LIMIT 1 OFFSET ?4)");
  if (!trim) return fail(trim.error());
  key.bind(**trim);
  (*trim)->bind(4, static_cast<std::int64_t>(limit));
  return (*trim)->run();
}

status erase(database& db, const topic_key& key) {
  auto st = db.cached("DELETE FROM topics WHERE tenant_id = ?1 AND namespace = ?2 AND name = ?3");
  if (!st) return fail(st.error());
  key.bind(**st);
  return (*st)->run();
}

unexpected<platform::topic_store_error> load_failure(const error& e) {
  return unexpected<platform::topic_store_error>{{"loading topics: " + e.reason}};
}

}  // namespace

sqlite_topic_store::sqlite_topic_store(write_behind& writer, database& reader, sqlite_topic_store_options options)
    : _writer(writer), _reader(reader), _options(std::move(options)) {
  if (!_options.now_seconds) _options.now_seconds = wall_seconds;
}

void sqlite_topic_store::submit(write_op op) {
  write_done done;
  if (_options.on_error) {
    done = [report = _options.on_error](const status& s) {
      if (!s) report(s.error());
    };
  }
  (void)_writer.submit(std::move(op), std::move(done));
}

void sqlite_topic_store::saved(broker::scope_id scope, const platform::topic_record& r,
                               const platform::history_entry* appended) {
  topic_row row{topic_key(scope, r.name), r.display_name, static_cast<std::int64_t>(r.type), r.latest,
                _options.now_seconds()};
  std::optional<platform::history_entry> entry;
  if (appended != nullptr && _options.history_limit > 0) entry = *appended;
  submit([row = std::move(row), entry = std::move(entry), limit = _options.history_limit](database& db) -> status {
    if (auto s = upsert(db, row); !s) return s;
    if (entry) return append(db, row.key, *entry, limit);
    return ok();
  });
}

void sqlite_topic_store::removed(broker::scope_id scope, std::string_view name) {
  submit([key = topic_key(scope, name)](database& db) { return erase(db, key); });
}

platform::topic_store_result<std::vector<platform::stored_topic>> sqlite_topic_store::load() {
  using slot = std::tuple<std::int64_t, std::int64_t, std::string>;
  std::vector<platform::stored_topic> out;
  std::map<slot, std::size_t> index;  // row key -> position in `out`
  auto topics = _reader.prepare(
      "SELECT tenant_id, namespace, name, display_name, device_type, last_value, last_time FROM topics "
      "ORDER BY tenant_id, namespace, name");
  if (!topics) return load_failure(topics.error());
  for (;;) {
    auto row = topics->step();
    if (!row) return load_failure(row.error());
    if (!*row) break;
    const auto scope = topic_scope_from(topics->column_int64(0), topics->column_int64(1));
    if (!scope) continue;
    platform::topic_record r;
    r.name = topics->column_text(2);
    r.display_name = topics->column_text(3);
    r.type = static_cast<platform::device_type>(topics->column_int64(4));
    if (!topics->column_is_null(6)) r.latest = platform::history_entry{topics->column_text(5), topics->column_int64(6)};
    index.emplace(slot{topics->column_int64(0), topics->column_int64(1), r.name}, out.size());
    out.push_back(platform::stored_topic{*scope, std::move(r)});
  }
  auto history = _reader.prepare("SELECT tenant_id, namespace, topic, payload, time FROM history ORDER BY id");
  if (!history) return load_failure(history.error());
  for (;;) {
    auto row = history->step();
    if (!row) return load_failure(row.error());
    if (!*row) break;
    auto it = index.find(slot{history->column_int64(0), history->column_int64(1), history->column_text(2)});
    if (it == index.end()) continue;
    out[it->second].record.history.push_back(
        platform::history_entry{history->column_text(3), history->column_int64(4)});
  }
  return out;
}

}  // namespace roost::store
