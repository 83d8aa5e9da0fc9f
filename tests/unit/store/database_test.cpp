// The plain connection: pragmas, statements, the commit counter.

#include "roost/store/database.hpp"

#include <gtest/gtest.h>

#include "temp_dir.hpp"

namespace roost::store {
namespace {

TEST(Database, OpensInWalModeWithForeignKeys) {
  test::temp_dir dir;
  auto db = database::open(dir / "x.db");
  ASSERT_TRUE(db) << db.error().reason;
  auto mode = db->journal_mode();
  ASSERT_TRUE(mode);
  EXPECT_EQ(*mode, "wal");
  auto fk = db->prepare("PRAGMA foreign_keys");
  ASSERT_TRUE(fk);
  ASSERT_TRUE(*fk->step());
  EXPECT_EQ(fk->column_int64(0), 1);
  auto sync = db->prepare("PRAGMA synchronous");
  ASSERT_TRUE(sync);
  ASSERT_TRUE(*sync->step());
  EXPECT_EQ(sync->column_int64(0), 2);  // FULL
}

TEST(Database, SyncModeOffIsApplied) {
  test::temp_dir dir;
  auto db = database::open(dir / "x.db", database_options{.sync = sync_mode::off});
  ASSERT_TRUE(db);
  auto sync = db->prepare("PRAGMA synchronous");
  ASSERT_TRUE(sync);
  ASSERT_TRUE(*sync->step());
  EXPECT_EQ(sync->column_int64(0), 0);
}

TEST(Database, StatementsBindAndReadBack) {
  test::temp_dir dir;
  auto db = database::open(dir / "x.db");
  ASSERT_TRUE(db);
  ASSERT_TRUE(db->exec("CREATE TABLE t (a INTEGER, b TEXT, c BLOB)"));
  auto insert = db->prepare("INSERT INTO t VALUES (?1, ?2, ?3)");
  ASSERT_TRUE(insert);
  insert->bind(1, std::int64_t{42}).bind(2, "hello").bind_null(3);
  ASSERT_TRUE(insert->run());
  EXPECT_EQ(insert->changes(), 1);
  auto select = db->prepare("SELECT a, b, c FROM t");
  ASSERT_TRUE(select);
  ASSERT_TRUE(*select->step());
  EXPECT_EQ(select->column_int64(0), 42);
  EXPECT_EQ(select->column_text(1), "hello");
  EXPECT_TRUE(select->column_is_null(2));
  EXPECT_FALSE(*select->step());
}

TEST(Database, ErrorsCarrySqliteMessage) {
  test::temp_dir dir;
  auto db = database::open(dir / "x.db");
  ASSERT_TRUE(db);
  auto bad = db->prepare("SELECT * FROM missing_table");
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().reason.find("no such table"), std::string::npos) << bad.error().reason;
  auto exec = db->exec("INSERT INTO nowhere VALUES (1)");
  ASSERT_FALSE(exec);
  EXPECT_NE(exec.error().reason.find("no such table"), std::string::npos);
}

TEST(Database, CountsCommits) {
  test::temp_dir dir;
  auto db = database::open(dir / "x.db");
  ASSERT_TRUE(db);
  ASSERT_TRUE(db->exec("CREATE TABLE t (a)"));
  const auto before = db->commits();
  ASSERT_TRUE(db->exec("BEGIN; INSERT INTO t VALUES (1); INSERT INTO t VALUES (2); COMMIT"));
  EXPECT_EQ(db->commits(), before + 1);
  ASSERT_TRUE(db->exec("INSERT INTO t VALUES (3)"));  // autocommit
  EXPECT_EQ(db->commits(), before + 2);
}

TEST(Database, TwoConnectionsShareOneFile) {
  test::temp_dir dir;
  auto server = database::open(dir / "x.db");
  auto cli = database::open(dir / "x.db");
  ASSERT_TRUE(server);
  ASSERT_TRUE(cli);
  ASSERT_TRUE(server->exec("CREATE TABLE t (a)"));
  // The server holds a read transaction open; in WAL mode the other connection can still write.
  ASSERT_TRUE(server->exec("BEGIN"));
  auto count = server->prepare("SELECT count(*) FROM t");
  ASSERT_TRUE(count);
  ASSERT_TRUE(*count->step());
  EXPECT_EQ(count->column_int64(0), 0);
  count->reset();
  ASSERT_TRUE(cli->exec("INSERT INTO t VALUES (1)"));
  ASSERT_TRUE(server->exec("COMMIT"));
  ASSERT_TRUE(*count->step());
  EXPECT_EQ(count->column_int64(0), 1);
}

}  // namespace
}  // namespace roost::store
