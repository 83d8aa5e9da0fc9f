#pragma once
// One SQLite connection (RAII around sqlite3*), configured for Roost: WAL journal, the chosen
// synchronous level, foreign keys on and a busy timeout so that several processes (a running
// `roost serve` and the `roost tenant` command) can share the file. Opening the data directory
// with recovery and migrations is open_data_dir() in open_database.hpp; this is the plain handle.
//
// A connection is used by one thread at a time (the write-behind worker owns its own), and so is
// its cache of prepared statements (cached()).

#include <atomic>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

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
  // The statement for `sql`, compiled on its first use on this connection and kept (keyed by the
  // SQL text) until the connection closes: the way to run hot-path SQL, such as the write-behind
  // worker's operations, without compiling it every time. It is handed out reset, with its
  // bindings cleared, and stays valid as long as the connection. The cache has no lock: it belongs
  // to the thread using the connection. One SQL text is one statement, so finish it (run(),
  // each_row() or reset()) before asking for the same SQL again.
  store_result<statement*> cached(std::string_view sql);

  // PRAGMA user_version: the schema version (see migrations.hpp).
  store_result<int> user_version();
  // PRAGMA journal_mode, lower case ("wal").
  store_result<std::string> journal_mode();
  // "ok", or the first problem PRAGMA quick_check reports.
  store_result<std::string> quick_check();

  // True while a transaction is open on this connection (false in autocommit mode, also after
  // SQLite rolled a transaction back by itself on an error such as SQLITE_FULL).
  bool in_transaction() const;

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
  // Looked up by string_view without building a std::string.
  struct sql_hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view sql) const { return std::hash<std::string_view>{}(sql); }
  };
  // Last: destroyed (its statements finalized) before the connection closes.
  std::unordered_map<std::string, statement, sql_hash, std::equal_to<>> _cached;
};

// "what: <sqlite message>" with the connection's last error.
error sqlite_error(sqlite3* db, int rc, std::string_view what);

}  // namespace roost::store
