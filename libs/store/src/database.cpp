#include "roost/store/database.hpp"

#include <sqlite3.h>

#include <string>

namespace roost::store {
namespace {

int count_commit(void* counter) {
  static_cast<std::atomic<std::uint64_t>*>(counter)->fetch_add(1);
  return 0;  // 0 lets the commit proceed
}

std::string_view synchronous_pragma(sync_mode mode) {
  switch (mode) {
    case sync_mode::full: return "PRAGMA synchronous = FULL";
    case sync_mode::normal: return "PRAGMA synchronous = NORMAL";
    case sync_mode::off: return "PRAGMA synchronous = OFF";
  }
  return "PRAGMA synchronous = FULL";
}

// Runs a statement that returns one text value (PRAGMA journal_mode, quick_check).
store_result<std::string> single_text(database& db, std::string_view sql) {
  auto st = db.prepare(sql);
  if (!st) return fail(st.error());
  auto row = st->step();
  if (!row) return fail(row.error());
  if (!*row) return std::string{};
  return st->column_text(0);
}

}  // namespace

error sqlite_error(sqlite3* db, int rc, std::string_view what) {
  const char* message = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  // The extended code tells more (SQLITE_IOERR_FSYNC, ...) but callers compare primary codes.
  return error{rc & 0xff, std::string(what) + ": " + message};
}

void database::closer::operator()(sqlite3* db) const { sqlite3_close_v2(db); }

database::database(std::filesystem::path path, sqlite3* db)
    : _path(std::move(path)), _db(db), _commits(std::make_unique<std::atomic<std::uint64_t>>(0)) {
  sqlite3_commit_hook(db, count_commit, _commits.get());
}

store_result<database> database::open(const std::filesystem::path& path,
                                      const database_options& options) {
  sqlite3* raw = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &raw,
                                 SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                                 nullptr);
  if (rc != SQLITE_OK) {
    error e = sqlite_error(raw, rc, "cannot open " + path.string());
    sqlite3_close_v2(raw);
    return fail(e);
  }
  database db(path, raw);
  sqlite3_extended_result_codes(raw, 1);
  sqlite3_busy_timeout(raw, static_cast<int>(options.busy_timeout.count()));
  // The first statement that reads the file is the one that finds a file that is no database.
  auto mode = single_text(db, "PRAGMA journal_mode = WAL");
  if (!mode) return fail(mode.error());
  if (*mode != "wal") {
    return fail(error{SQLITE_ERROR, path.string() + ": cannot switch to WAL mode (got '" + *mode + "')"});
  }
  if (auto s = db.exec(synchronous_pragma(options.sync)); !s) return fail(s.error());
  if (auto s = db.exec("PRAGMA foreign_keys = ON"); !s) return fail(s.error());
  return db;
}

status database::exec(std::string_view sql) {
  const std::string text(sql);
  char* message = nullptr;
  const int rc = sqlite3_exec(_db.get(), text.c_str(), nullptr, nullptr, &message);
  if (rc == SQLITE_OK) return ok();
  std::string reason = message != nullptr ? message : sqlite3_errstr(rc);
  sqlite3_free(message);
  // Name the statement by the start of its text: enough to recognise it in a message.
  const auto start = text.find_first_not_of(" \t\r\n");
  std::string head = start == std::string::npos ? "" : text.substr(start, 60);
  head = head.substr(0, head.find('\n'));
  return fail(error{rc & 0xff, head + ": " + reason});
}

store_result<statement> database::prepare(std::string_view sql) {
  sqlite3_stmt* stmt = nullptr;
  const int rc = sqlite3_prepare_v3(_db.get(), sql.data(), static_cast<int>(sql.size()),
                                    SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
  if (rc != SQLITE_OK) return fail(sqlite_error(_db.get(), rc, "prepare " + std::string(sql)));
  return statement(_db.get(), stmt);
}

store_result<statement*> database::cached(std::string_view sql) {
  if (auto it = _cached.find(sql); it != _cached.end()) {
    it->second.reset();
    return &it->second;
  }
  auto st = prepare(sql);
  if (!st) return fail(st.error());
  return &_cached.emplace(std::string(sql), std::move(*st)).first->second;
}

bool database::in_transaction() const { return sqlite3_get_autocommit(_db.get()) == 0; }

store_result<int> database::user_version() {
  auto st = prepare("PRAGMA user_version");
  if (!st) return fail(st.error());
  auto row = st->step();
  if (!row) return fail(row.error());
  return *row ? static_cast<int>(st->column_int64(0)) : 0;
}

store_result<std::string> database::journal_mode() { return single_text(*this, "PRAGMA journal_mode"); }

store_result<std::string> database::quick_check() { return single_text(*this, "PRAGMA quick_check"); }

}  // namespace roost::store
