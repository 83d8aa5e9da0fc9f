// Numbered migrations: from empty, idempotent, newer files refused, failing steps rolled back.

#include "roost/store/migrations.hpp"

#include <gtest/gtest.h>

#include <array>

#include "temp_dir.hpp"

namespace roost::store {
namespace {

bool table_exists(database& db, std::string_view name) {
  auto st = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?1");
  if (!st) return false;
  st->bind(1, name);
  auto row = st->step();
  return row && *row;
}

TEST(Migrations, AreNumberedWithoutGaps) {
  int expected = 1;
  for (const migration& m : schema_migrations()) EXPECT_EQ(m.version, expected++);
  EXPECT_EQ(latest_schema_version(), expected - 1);
}

TEST(Migrations, FromEmptyCreateEveryTable) {
  test::temp_dir dir;
  auto db = database::open(dir / "x.db");
  ASSERT_TRUE(db);
  auto version = migrate(*db);
  ASSERT_TRUE(version) << version.error().reason;
  EXPECT_EQ(*version, latest_schema_version());
  EXPECT_EQ(*db->user_version(), latest_schema_version());
  for (const char* table : {"tenants", "topics", "history", "retained", "sessions",
                            "session_subscriptions", "session_messages"}) {
    EXPECT_TRUE(table_exists(*db, table)) << table;
  }
}

TEST(Migrations, SecondRunChangesNothing) {
  test::temp_dir dir;
  auto db = database::open(dir / "x.db");
  ASSERT_TRUE(db);
  ASSERT_TRUE(migrate(*db));
  const auto commits = db->commits();
  auto again = migrate(*db);
  ASSERT_TRUE(again);
  EXPECT_EQ(*again, latest_schema_version());
  EXPECT_EQ(db->commits(), commits);
}

TEST(Migrations, AppliesOnlyMissingSteps) {
  test::temp_dir dir;
  auto db = database::open(dir / "x.db");
  ASSERT_TRUE(db);
  const std::array<migration, 2> steps{{{1, "CREATE TABLE a (x)"}, {2, "CREATE TABLE b (y)"}}};
  ASSERT_EQ(*migrate(*db, std::span(steps).first(1)), 1);
  EXPECT_TRUE(table_exists(*db, "a"));
  EXPECT_FALSE(table_exists(*db, "b"));
  ASSERT_EQ(*migrate(*db, steps), 2);
  EXPECT_TRUE(table_exists(*db, "b"));
}

TEST(Migrations, NewerDatabaseIsReported) {
  test::temp_dir dir;
  auto db = database::open(dir / "x.db");
  ASSERT_TRUE(db);
  ASSERT_TRUE(db->exec("PRAGMA user_version = 99"));
  auto version = migrate(*db);
  ASSERT_FALSE(version);
  EXPECT_NE(version.error().reason.find("schema version 99"), std::string::npos)
      << version.error().reason;
  EXPECT_NE(version.error().reason.find("newer"), std::string::npos);
  EXPECT_EQ(*db->user_version(), 99);
}

TEST(Migrations, FailingStepIsRolledBackWhole) {
  test::temp_dir dir;
  auto db = database::open(dir / "x.db");
  ASSERT_TRUE(db);
  const std::array<migration, 2> steps{
      {{1, "CREATE TABLE a (x)"}, {2, "CREATE TABLE b (y); INSERT INTO nowhere VALUES (1)"}}};
  auto version = migrate(*db, steps);
  ASSERT_FALSE(version);
  EXPECT_NE(version.error().reason.find("migration 2"), std::string::npos) << version.error().reason;
  EXPECT_EQ(*db->user_version(), 1);
  EXPECT_TRUE(table_exists(*db, "a"));
  EXPECT_FALSE(table_exists(*db, "b"));
}

}  // namespace
}  // namespace roost::store
