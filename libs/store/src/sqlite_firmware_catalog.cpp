#include "roost/store/sqlite_firmware_catalog.hpp"

#include <system_error>
#include <vector>

#include "durable_file.hpp"
#include "roost/platform/firmware_rules.hpp"
#include "task_thread.hpp"
#include "topic_columns.hpp"

namespace roost::store {
namespace {

namespace fs = std::filesystem;
using platform::firmware_errc;
using platform::firmware_error;
using platform::firmware_info;

constexpr std::string_view file_suffix = ".bin";

unexpected<firmware_error> storage(const error& e) {
  return fail(firmware_error{firmware_errc::storage, "firmware: " + e.reason});
}

unexpected<firmware_error> bad_scope(broker::scope_id scope) {
  return fail(firmware_error{firmware_errc::invalid,
                             "scope " + std::to_string(scope) + " is not a tenant's MQTT or TCP namespace"});
}

// ?1 tenant_id, ?2 namespace, ?3 topic.
void bind_key(statement& st, broker::scope_id scope, const std::string& topic) {
  st.bind(1, platform::tenant_of(scope)).bind(2, detail::topic_namespace_column(scope)).bind(3, topic);
}

status upsert(database& db, broker::scope_id scope, const std::string& topic, const firmware_info& f) {
  auto st = db.prepare(
      "INSERT INTO firmware (tenant_id, namespace, topic, id, version, tag, file_name, size, crc32, sha256, "
      "uploaded_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11) "
      "ON CONFLICT (tenant_id, namespace, topic) DO UPDATE SET id = excluded.id, version = excluded.version, "
      "tag = excluded.tag, file_name = excluded.file_name, size = excluded.size, crc32 = excluded.crc32, "
      "sha256 = excluded.sha256, uploaded_ms = excluded.uploaded_ms");
  if (!st) return fail(st.error());
  bind_key(*st, scope, topic);
  st->bind(4, f.id).bind(5, f.version).bind(6, f.tag).bind(7, f.file_name);
  st->bind(8, static_cast<std::int64_t>(f.size)).bind(9, f.crc32).bind(10, f.sha256).bind(11, f.uploaded_ms);
  return st->run();
}

void remove_file(const fs::path& file) {
  std::error_code ignored;
  fs::remove(file, ignored);
}

}  // namespace

sqlite_firmware_catalog::sqlite_firmware_catalog(database db, fs::path dir)
    : _db(std::move(db)), _dir(std::move(dir)), _thread(std::make_unique<detail::task_thread>()) {}

sqlite_firmware_catalog::~sqlite_firmware_catalog() { _thread->stop(); }

store_result<std::unique_ptr<sqlite_firmware_catalog>> sqlite_firmware_catalog::open(database db, fs::path dir) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return fail(error{0, "firmware: cannot create " + dir.string() + ": " + ec.message()});
  std::unique_ptr<sqlite_firmware_catalog> catalog(new sqlite_firmware_catalog(std::move(db), std::move(dir)));
  if (auto loaded = catalog->load(); !loaded) return fail(loaded.error());
  if (auto swept = catalog->sweep(); !swept) return fail(swept.error());
  return catalog;
}

status sqlite_firmware_catalog::load() {
  auto st = _db.prepare(
      "SELECT tenant_id, namespace, topic, id, version, tag, file_name, size, crc32, sha256, uploaded_ms "
      "FROM firmware");
  if (!st) return fail(st.error());
  std::lock_guard guard{_mutex};
  return st->each_row([&] {
    const auto scope = detail::topic_scope_from(st->column_int64(0), st->column_int64(1));
    if (!scope) return;
    firmware_info f;
    f.id = st->column_text(3);
    f.version = st->column_text(4);
    f.tag = st->column_text(5);
    f.file_name = st->column_text(6);
    f.size = static_cast<std::uint64_t>(st->column_int64(7));
    f.crc32 = st->column_text(8);
    f.sha256 = st->column_text(9);
    f.uploaded_ms = st->column_int64(10);
    key k{*scope, st->column_text(2)};
    _by_id[f.id] = k;
    _by_topic[std::move(k)] = std::move(f);
  });
}

status sqlite_firmware_catalog::sweep() {
  std::vector<fs::path> orphans;
  std::error_code ec;
  for (fs::directory_iterator it(_dir, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    const bool named = name.ends_with(file_suffix) && _by_id.contains(name.substr(0, name.size() - file_suffix.size()));
    if (!named) orphans.push_back(it->path());
  }
  if (ec) return fail(error{0, "firmware: cannot list " + _dir.string() + ": " + ec.message()});
  for (const auto& file : orphans) remove_file(file);
  return ok();
}

fs::path sqlite_firmware_catalog::file_of(std::string_view id) const {
  return _dir / (std::string(id) + std::string(file_suffix));
}

std::string sqlite_firmware_catalog::remember(const key& k, const firmware_info* info) {
  std::lock_guard guard{_mutex};
  std::string replaced;
  if (auto it = _by_topic.find(k); it != _by_topic.end()) {
    replaced = it->second.id;
    _by_id.erase(replaced);
    _by_topic.erase(it);
  }
  if (info != nullptr) {
    _by_topic.emplace(k, *info);
    _by_id.emplace(info->id, k);
  }
  return replaced;
}

template <class T, class Op>
void sqlite_firmware_catalog::post(callback<T> done, Op op) {
  // The shared state lets the callback run here should the thread refuse the task.
  auto shared = std::make_shared<callback<T>>(std::move(done));
  const bool queued = _thread->post([shared, op = std::move(op)]() mutable {
    auto r = op();
    if (*shared) (*shared)(std::move(r));
  });
  if (!queued && *shared) {
    (*shared)(fail(firmware_error{firmware_errc::storage, "firmware: the catalog is shutting down"}));
  }
}

void sqlite_firmware_catalog::put(broker::scope_id scope, std::string_view topic, platform::firmware_upload upload,
                                  callback<firmware_info> done) {
  post(std::move(done),
       [this, k = key{scope, std::string(topic)}, upload = std::move(upload)] { return do_put(k, upload); });
}

void sqlite_firmware_catalog::remove(broker::scope_id scope, std::string_view topic, callback<bool> done) {
  post(std::move(done), [this, k = key{scope, std::string(topic)}] { return do_remove(k); });
}

void sqlite_firmware_catalog::remove_scope(broker::scope_id scope, callback<std::size_t> done) {
  post(std::move(done), [this, scope] { return do_remove_scope(scope); });
}

void sqlite_firmware_catalog::read(std::string_view id, callback<platform::firmware_file> done) {
  post(std::move(done), [this, id = std::string(id)] { return do_read(id); });
}

std::optional<firmware_info> sqlite_firmware_catalog::find(broker::scope_id scope, std::string_view topic) const {
  std::lock_guard guard{_mutex};
  auto it = _by_topic.find(key{scope, std::string(topic)});
  if (it == _by_topic.end()) return std::nullopt;
  return it->second;
}

std::optional<firmware_info> sqlite_firmware_catalog::by_id(std::string_view id) const {
  std::lock_guard guard{_mutex};
  auto it = _by_id.find(std::string(id));
  if (it == _by_id.end()) return std::nullopt;
  return _by_topic.at(it->second);
}

std::size_t sqlite_firmware_catalog::size() const {
  std::lock_guard guard{_mutex};
  return _by_topic.size();
}

platform::firmware_result<firmware_info> sqlite_firmware_catalog::do_put(const key& k,
                                                                         const platform::firmware_upload& upload) {
  if (!detail::is_tenant_namespace(k.first)) return bad_scope(k.first);
  auto info = platform::describe_firmware(upload);
  if (!info) return info;
  const fs::path file = file_of(info->id);
  if (auto written = detail::write_durably(file, upload.bytes); !written) return storage(written.error());
  if (auto stored = upsert(_db, k.first, k.second, *info); !stored) {
    remove_file(file);
    return storage(stored.error());
  }
  if (const std::string replaced = remember(k, &*info); !replaced.empty()) remove_file(file_of(replaced));
  return info;
}

platform::firmware_result<bool> sqlite_firmware_catalog::do_remove(const key& k) {
  if (!find(k.first, k.second)) return false;
  auto st = _db.prepare("DELETE FROM firmware WHERE tenant_id = ?1 AND namespace = ?2 AND topic = ?3");
  if (!st) return storage(st.error());
  bind_key(*st, k.first, k.second);
  if (auto s = st->run(); !s) return storage(s.error());
  remove_file(file_of(remember(k, nullptr)));
  return true;
}

platform::firmware_result<std::size_t> sqlite_firmware_catalog::do_remove_scope(broker::scope_id scope) {
  if (!detail::is_tenant_namespace(scope)) return bad_scope(scope);
  auto st = _db.prepare("DELETE FROM firmware WHERE tenant_id = ?1 AND namespace = ?2");
  if (!st) return storage(st.error());
  st->bind(1, platform::tenant_of(scope)).bind(2, detail::topic_namespace_column(scope));
  if (auto s = st->run(); !s) return storage(s.error());
  std::vector<std::string> ids;
  {
    std::lock_guard guard{_mutex};
    for (auto it = _by_topic.begin(); it != _by_topic.end();) {
      if (it->first.first != scope) {
        ++it;
        continue;
      }
      ids.push_back(it->second.id);
      _by_id.erase(it->second.id);
      it = _by_topic.erase(it);
    }
  }
  for (const auto& id : ids) remove_file(file_of(id));
  return ids.size();
}

platform::firmware_result<platform::firmware_file> sqlite_firmware_catalog::do_read(const std::string& id) {
  auto info = by_id(id);
  if (!info) return fail(firmware_error{firmware_errc::not_found, "no firmware with id " + id});
  auto bytes = detail::read_whole(file_of(id));
  if (!bytes) return storage(bytes.error());
  if (bytes->size() != info->size) {
    return fail(firmware_error{firmware_errc::storage, "firmware: " + file_of(id).string() + " has " +
                                                           std::to_string(bytes->size()) + " bytes, expected " +
                                                           std::to_string(info->size)});
  }
  return platform::firmware_file{std::move(*info), std::move(*bytes)};
}

}  // namespace roost::store
