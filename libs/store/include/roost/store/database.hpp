#pragma once
// One SQLite connection (RAII around sqlite3*), configured for Roost: WAL journal, the chosen
// synchronous level, foreign keys on and a busy timeout so that several processes (a running
// `roost serve` and the `roost tenant` command) can share the file. Opening the data directory
// with recovery and migrations is open_data_dir() in open_database.hpp; this is the plain handle.
//
// A connection is used by one thread at a time (the write-behind worker owns its own).

#include <atomic>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string_view>

#include "roost/store/error.hpp"
#include "roost/store/statement.hpp"

struct sqlite3;

namespace roost::store {

// How hard a COMMIT works to reach the disk (PRAGMA synchronous).
enum class sync_mode {
  full,    // FULL: every commit is fsynced before COMMIT returns (durability `full`)
  normal,  // NORMAL: the WAL is synced at checkpoints; a power loss may drop the last commits
  off,     // OFF: no fsync at all
};

struct database_options {
  sync_mode sync = sync_mode::full;
  // How long a statement waits for another connection's lock before failing with SQLITE_BUSY.
  std::chrono::milliseconds busy_timeout{10'000};
};

class database {
 public:
  // Opens (creating when missing) the SQLite file at `path` and applies `options`. Fails with
  // SQLite's code: SQLITE_NOTADB or SQLITE_CORRUPT for a file that is not a sound database.
  static store_result<database> open(const std::filesystem::path& path,
                                     const database_options& options = {});

  database(database&&) noexcept = default;
  database& operator=(database&&) noexcept = default;

  // Runs one or more SQL statements that return no rows of interest.
  status exec(std::string_view sql);
  // Compiles one statement.
  store_result<statement> prepare(std::string_view sql);

  // PRAGMA user_version: the schema version (see migrations.hpp).
  store_result<int> user_version();
  // PRAGMA journal_mode, lower case ("wal").
  store_result<std::string> journal_mode();
  // "ok", or the first problem PRAGMA quick_check reports.
  store_result<std::string> quick_check();

  // Transactions this connection has committed since it was opened (counted by a commit hook).
  std::uint64_t commits() const { return _commits->load(); }

  const std::filesystem::path& path() const { return _path; }
  sqlite3* handle() const { return _db.get(); }

 private:
  struct closer {
    void operator()(sqlite3* db) const;
  };
  database(std::filesystem::path path, sqlite3* db);

  std::filesystem::path _path;
  std::unique_ptr<sqlite3, closer> _db;
  // On the heap so that the commit hook's pointer survives moves of the database.
  std::unique_ptr<std::atomic<std::uint64_t>> _commits;
};

// "what: <sqlite message>" with the connection's last error.
error sqlite_error(sqlite3* db, int rc, std::string_view what);

}  // namespace roost::store
