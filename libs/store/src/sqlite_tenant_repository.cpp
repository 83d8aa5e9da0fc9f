#include "roost/store/sqlite_tenant_repository.hpp"

#include <sqlite3.h>

#include "roost/platform/tenant_key.hpp"

namespace roost::store {
namespace {

using platform::tenant;
using platform::tenant_errc;
using platform::tenant_fail;

constexpr std::string_view columns =
    "SELECT id, private_key, name, created_at, auto_create_topics, app_id, secret_hash "
    "FROM tenants ";

tenant read_tenant(const statement& st) {
  tenant t;
  t.id = st.column_int64(0);
  t.private_key = st.column_text(1);
  t.name = st.column_text(2);
  t.created_at = st.column_int64(3);
  t.auto_create_topics = st.column_int64(4) != 0;
  if (!st.column_is_null(5)) t.app_id = st.column_text(5);
  if (!st.column_is_null(6)) t.secret_hash = st.column_text(6);
  return t;
}

// A store error as a tenant error: a broken UNIQUE constraint is a duplicate, anything else is
// the storage's failure.
unexpected<platform::tenant_error> storage_failure(const error& e) {
  return tenant_fail(e.code == SQLITE_CONSTRAINT ? tenant_errc::duplicate : tenant_errc::storage,
                     e.reason);
}

platform::tenant_status require_changed(const statement& st, std::string_view private_key) {
  if (st.changes() == 0) {
    return tenant_fail(tenant_errc::not_found, "no tenant with key " + std::string(private_key));
  }
  return platform::tenant_ok();
}

}  // namespace

platform::tenant_result<tenant> sqlite_tenant_repository::add(const tenant& t) {
  if (!platform::valid_private_key(t.private_key)) {
    return tenant_fail(tenant_errc::invalid, "not a private key: " + t.private_key);
  }
  auto st = _db.prepare(
      "INSERT INTO tenants (private_key, name, created_at, auto_create_topics, app_id, secret_hash) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
  if (!st) return storage_failure(st.error());
  st->bind(1, t.private_key).bind(2, t.name).bind(3, t.created_at);
  st->bind(4, std::int64_t{t.auto_create_topics ? 1 : 0});
  if (t.app_id) {
    st->bind(5, *t.app_id);
  } else {
    st->bind_null(5);
  }
  if (t.secret_hash) {
    st->bind(6, *t.secret_hash);
  } else {
    st->bind_null(6);
  }
  if (auto s = st->run(); !s) return storage_failure(s.error());
  tenant stored = t;
  stored.id = sqlite3_last_insert_rowid(_db.handle());
  return stored;
}

platform::tenant_status sqlite_tenant_repository::remove(std::string_view private_key) {
  auto st = _db.prepare("DELETE FROM tenants WHERE private_key = ?1");
  if (!st) return storage_failure(st.error());
  st->bind(1, private_key);
  if (auto s = st->run(); !s) return storage_failure(s.error());
  return require_changed(*st, private_key);
}

platform::tenant_result<std::vector<tenant>> sqlite_tenant_repository::list() {
  auto st = _db.prepare(std::string(columns) + "ORDER BY created_at, id");
  if (!st) return storage_failure(st.error());
  std::vector<tenant> out;
  for (;;) {
    auto row = st->step();
    if (!row) return storage_failure(row.error());
    if (!*row) return out;
    out.push_back(read_tenant(*st));
  }
}

platform::tenant_result<std::optional<tenant>> sqlite_tenant_repository::find_one(
    std::string_view sql, std::string_view value) {
  auto st = _db.prepare(sql);
  if (!st) return storage_failure(st.error());
  st->bind(1, value);
  auto row = st->step();
  if (!row) return storage_failure(row.error());
  if (!*row) return std::optional<tenant>{};
  return std::optional<tenant>{read_tenant(*st)};
}

platform::tenant_result<std::optional<tenant>> sqlite_tenant_repository::find_by_key(
    std::string_view private_key) {
  return find_one(std::string(columns) + "WHERE private_key = ?1", private_key);
}

platform::tenant_result<std::optional<tenant>> sqlite_tenant_repository::find_by_app_id(
    std::string_view app_id) {
  return find_one(std::string(columns) + "WHERE app_id = ?1", app_id);
}

platform::tenant_status sqlite_tenant_repository::set_app_credentials(std::string_view private_key,
                                                                      std::string_view app_id,
                                                                      std::string_view secret_hash) {
  auto st = _db.prepare("UPDATE tenants SET app_id = ?2, secret_hash = ?3 WHERE private_key = ?1");
  if (!st) return storage_failure(st.error());
  st->bind(1, private_key).bind(2, app_id).bind(3, secret_hash);
  if (auto s = st->run(); !s) return storage_failure(s.error());
  return require_changed(*st, private_key);
}

platform::tenant_status sqlite_tenant_repository::set_auto_create_topics(
    std::string_view private_key, bool enabled) {
  auto st = _db.prepare("UPDATE tenants SET auto_create_topics = ?2 WHERE private_key = ?1");
  if (!st) return storage_failure(st.error());
  st->bind(1, private_key).bind(2, std::int64_t{enabled ? 1 : 0});
  if (auto s = st->run(); !s) return storage_failure(s.error());
  return require_changed(*st, private_key);
}

}  // namespace roost::store
