#include "roost/store/open_database.hpp"

#include <sqlite3.h>

#include <chrono>
#include <ctime>
#include <system_error>

#include "roost/store/migrations.hpp"

namespace roost::store {
namespace {

namespace fs = std::filesystem;

bool is_damage(int code) { return code == SQLITE_CORRUPT || code == SQLITE_NOTADB; }

// "20261125T211757Z": when the damaged file was found, in UTC, for its new name.
std::string utc_stamp() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm parts{};
  ::gmtime_r(&now, &parts);
  char text[32];
  std::strftime(text, sizeof text, "%Y%m%dT%H%M%SZ", &parts);
  return text;
}

// A name next to `file` that is not taken: roost.db.corrupt-<stamp>, then -2, -3, ...
fs::path aside_name(const fs::path& file) {
  const std::string base = file.string() + ".corrupt-" + utc_stamp();
  fs::path candidate = base;
  for (int n = 2; fs::exists(candidate); ++n) candidate = base + "-" + std::to_string(n);
  return candidate;
}

// Renames `file` and its -wal/-shm companions to `target` (+ the same suffixes).
status move_aside(const fs::path& file, const fs::path& target) {
  for (const char* suffix : {"", "-wal", "-shm"}) {
    const fs::path from = file.string() + suffix;
    std::error_code ec;
    if (!fs::exists(from, ec)) continue;
    fs::rename(from, target.string() + suffix, ec);
    if (ec) return fail(error{0, "cannot move " + from.string() + " aside: " + ec.message()});
  }
  return ok();
}

// Opens the file and proves it sound: pragmas succeed and quick_check says "ok".
store_result<database> open_checked(const fs::path& file, const database_options& options) {
  auto db = database::open(file, options);
  if (!db) return db;
  auto check = db->quick_check();
  if (!check) return fail(check.error());
  if (*check != "ok") return fail(error{SQLITE_CORRUPT, "quick_check: " + *check});
  return db;
}

}  // namespace

store_result<opened_database> open_data_dir(const fs::path& data_dir,
                                            const database_options& options) {
  std::error_code ec;
  fs::create_directories(data_dir, ec);
  if (ec) return fail(error{0, "cannot create " + data_dir.string() + ": " + ec.message()});
  const fs::path file = data_dir / database_file_name;

  std::vector<std::string> notices;
  auto db = open_checked(file, options);
  if (!db && is_damage(db.error().code)) {
    const fs::path aside = aside_name(file);
    if (auto moved = move_aside(file, aside); !moved) return fail(moved.error());
    notices.push_back(file.string() + " is damaged (" + db.error().reason + "); moved it to " +
                      aside.string() + " and started a new, empty database");
    db = open_checked(file, options);
  }
  if (!db) return fail(error{db.error().code, file.string() + ": " + db.error().reason});

  auto version = migrate(*db);
  if (!version) return fail(error{version.error().code, file.string() + ": " + version.error().reason});
  return opened_database{std::move(*db), std::move(notices)};
}

}  // namespace roost::store
