#pragma once
// Numbered schema migrations. The schema version is SQLite's PRAGMA user_version: 0 for a new
// file, N after migration N. Each step runs in its own transaction together with the version bump,
// so a crash leaves the file at the previous version, never half-migrated.
//
//   version 0 --migration 1--> version 1 --migration 2--> version 2 ...
//
// Migrations are append-only: a released step is never edited, a change is a new step.

#include <span>
#include <string_view>

#include "roost/store/database.hpp"

namespace roost::store {

struct migration {
  int version;           // 1, 2, 3, ... in order without gaps
  std::string_view sql;  // one or more statements
};

// Roost's own migrations, oldest first.
std::span<const migration> schema_migrations();

// The version the newest migration produces.
int latest_schema_version();

// Brings `db` up to the last of `steps`, applying each missing step in one transaction
// (BEGIN IMMEDIATE, so two processes opening the same file at once do not both apply it).
// Returns the version reached. Fails, changing nothing, when the file's version is newer than the
// last step (a newer roost wrote it), and with the failing step's number and SQLite's message
// when a step fails (that step is rolled back).
store_result<int> migrate(database& db, std::span<const migration> steps = schema_migrations());

}  // namespace roost::store
