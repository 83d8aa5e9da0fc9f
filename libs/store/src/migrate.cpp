#include <string>

#include "roost/store/migrations.hpp"

namespace roost::store {
namespace {

error too_new(int found, int known) {
  return error{0, "the database has schema version " + std::to_string(found) +
                      ", newer than this roost understands (" + std::to_string(known) +
                      "); run a newer roost or restore a backup"};
}

// Applies one step and its version bump in a transaction that is rolled back on failure.
status apply(database& db, const migration& step) {
  if (auto s = db.exec(step.sql); !s) {
    return fail(error{s.error().code,
                      "migration " + std::to_string(step.version) + " failed: " + s.error().reason});
  }
  return db.exec("PRAGMA user_version = " + std::to_string(step.version));
}

}  // namespace

store_result<int> migrate(database& db, std::span<const migration> steps) {
  const int known = steps.empty() ? 0 : steps.back().version;
  auto version = db.user_version();
  if (!version) return fail(version.error());
  if (*version > known) return fail(too_new(*version, known));
  for (const migration& step : steps) {
    if (step.version <= *version) continue;
    if (auto s = db.exec("BEGIN IMMEDIATE"); !s) return fail(s.error());
    // Another process may have migrated between our read and our lock: read again under it.
    auto current = db.user_version();
    if (!current) {
      (void)db.exec("ROLLBACK");
      return fail(current.error());
    }
    if (*current >= step.version) {
      (void)db.exec("ROLLBACK");
      *version = *current;
      continue;
    }
    if (auto s = apply(db, step); !s) {
      (void)db.exec("ROLLBACK");
      return fail(s.error());
    }
    if (auto s = db.exec("COMMIT"); !s) {
      (void)db.exec("ROLLBACK");
      return fail(s.error());
    }
    *version = step.version;
  }
  return *version;
}

}  // namespace roost::store
