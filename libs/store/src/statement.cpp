#include "roost/store/statement.hpp"

#include <sqlite3.h>

#include "roost/store/database.hpp"

namespace roost::store {
namespace {

// SQLite binds a null data pointer as NULL, whatever the size: an empty view gets a pointer.
const char* never_null(std::string_view v) { return v.data() != nullptr ? v.data() : ""; }

}  // namespace

void statement::finalizer::operator()(sqlite3_stmt* stmt) const { sqlite3_finalize(stmt); }

statement::statement(sqlite3* db, sqlite3_stmt* stmt) : _db(db), _stmt(stmt) {}

void statement::remember(int rc, int index) {
  if (rc == SQLITE_OK || _bind_error.code != 0) return;
  _bind_error = sqlite_error(_db, rc, "bind parameter " + std::to_string(index));
}

statement& statement::bind(int index, std::int64_t value) {
  remember(sqlite3_bind_int64(_stmt.get(), index, value), index);
  return *this;
}

statement& statement::bind(int index, std::string_view text) {
  remember(sqlite3_bind_text64(_stmt.get(), index, never_null(text), text.size(), SQLITE_TRANSIENT,
                               SQLITE_UTF8),
           index);
  return *this;
}

statement& statement::bind_blob(int index, std::string_view bytes) {
  remember(sqlite3_bind_blob64(_stmt.get(), index, never_null(bytes), bytes.size(), SQLITE_TRANSIENT),
           index);
  return *this;
}

statement& statement::bind_null(int index) {
  remember(sqlite3_bind_null(_stmt.get(), index), index);
  return *this;
}

store_result<bool> statement::step() {
  if (_bind_error.code != 0) return fail(_bind_error);
  const int rc = sqlite3_step(_stmt.get());
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return fail(sqlite_error(_db, rc, sqlite3_sql(_stmt.get())));
}

status statement::run() {
  for (;;) {
    auto row = step();
    if (!row) return fail(row.error());
    if (!*row) return ok();
  }
}

void statement::reset() {
  sqlite3_reset(_stmt.get());
  sqlite3_clear_bindings(_stmt.get());
  _bind_error = {};
}

std::int64_t statement::column_int64(int column) const {
  return sqlite3_column_int64(_stmt.get(), column);
}

std::string statement::column_text(int column) const {
  const auto* text = sqlite3_column_text(_stmt.get(), column);
  if (text == nullptr) return {};
  const int size = sqlite3_column_bytes(_stmt.get(), column);
  return std::string(reinterpret_cast<const char*>(text), static_cast<std::size_t>(size));
}

bool statement::column_is_null(int column) const {
  return sqlite3_column_type(_stmt.get(), column) == SQLITE_NULL;
}

std::int64_t statement::changes() const { return sqlite3_changes64(_db); }

}  // namespace roost::store
