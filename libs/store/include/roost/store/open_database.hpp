#pragma once
// Opens the data directory's database, <data>/roost.db, the way `roost serve` and `roost tenant`
// do: creates the directory and file when missing, checks the file, moves a damaged one aside and
// starts afresh, then applies the schema migrations.
//
//   auto opened = open_data_dir("./roost-data");
//   if (!opened) fatal(opened.error().reason);
//   for (auto& notice : opened->notices) log_warning(notice);   // e.g. a file moved aside
//   use(opened->db);

#include <filesystem>
#include <string>
#include <vector>

#include "roost/store/database.hpp"

namespace roost::store {

inline constexpr std::string_view database_file_name = "roost.db";

struct opened_database {
  database db;
  // What was done that a person should know about, one sentence each, for the caller to log.
  std::vector<std::string> notices;
};

// A file that SQLite calls corrupt or not a database (SQLITE_CORRUPT, SQLITE_NOTADB) or that
// fails PRAGMA quick_check is renamed to roost.db.corrupt-<UTC timestamp> (its -wal and -shm files
// with it) and a fresh database is created; a notice says so and where the old file went. Other
// failures (no permission, a full disk, a database from a newer roost) are returned as errors.
store_result<opened_database> open_data_dir(const std::filesystem::path& data_dir,
                                            const database_options& options = {});

}  // namespace roost::store
