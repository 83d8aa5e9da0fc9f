// The plain connection: pragmas, statements, empty text and blobs, the statement cache, the
// commit counter.

#include "roost/store/database.hpp"

#include <gtest/gtest.h>

#include <string>
#include <string_view>

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

TEST(Database, EmptyTextAndBlobAreNotNull) {
  test::temp_dir dir;
  auto db = database::open(dir / "x.db");
  ASSERT_TRUE(db);
  ASSERT_TRUE(db->exec("CREATE TABLE t (b TEXT NOT NULL, c BLOB NOT NULL)"));
  auto insert = db->prepare("INSERT INTO t VALUES (?1, ?2)");
  ASSERT_TRUE(insert);
  insert->bind(1, std::string_view{}).bind_blob(2, std::string_view{});  // views without data
  ASSERT_TRUE(insert->run());
  auto select = db->prepare("SELECT typeof(b), typeof(c), length(c) FROM t");
  ASSERT_TRUE(select);
  ASSERT_TRUE(*select->step());
  EXPECT_EQ(select->column_text(0), "text");
  EXPECT_EQ(select->column_text(1), "blob");
  EXPECT_EQ(select->column_int64(2), 0);
}

TEST(Database, CachedStatementsAreCompiledOnceAndHandedOutReset) {
  test::temp_dir dir;
  auto db = database::open(dir / "x.db");
  ASSERT_TRUE(db);
  ASSERT_TRUE(db->exec("CREATE TABLE t (a INTEGER)"));
  ASSERT_TRUE(db->exec("INSERT INTO t VALUES (1), (2), (3)"));
  const std::string sql = "SELECT a, ?1 FROM t ORDER BY a";
  auto first = db->cached(sql);
  ASSERT_TRUE(first) << first.error().reason;
  (*first)->bind(1, std::int64_t{7});
  ASSERT_TRUE(*(*first)->step());
  EXPECT_EQ((*first)->column_int64(0), 1);
  EXPECT_EQ((*first)->column_int64(1), 7);
  // Same text (another string object): the same statement, rewound and with no bindings left.
  auto again = db->cached(std::string(sql));
  ASSERT_TRUE(again);
  EXPECT_EQ(*again, *first);
  ASSERT_TRUE(*(*again)->step());
  EXPECT_EQ((*again)->column_int64(0), 1);
  EXPECT_TRUE((*again)->column_is_null(1));
  auto other = db->cached("SELECT count(*) FROM t");
  ASSERT_TRUE(other);
  EXPECT_NE(*other, *first);
  auto bad = db->cached("SELECT * FROM missing_table");
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().reason.find("no such table"), std::string::npos) << bad.error().reason;
}

TEST(Database, CachedStatementsFollowAMovedConnection) {
  test::temp_dir dir;
  auto opened = database::open(dir / "x.db");
  ASSERT_TRUE(opened);
  ASSERT_TRUE(opened->exec("CREATE TABLE t (a INTEGER)"));
  auto cached = opened->cached("INSERT INTO t VALUES (?1)");
  ASSERT_TRUE(cached);
  database moved = std::move(*opened);
  auto after = moved.cached("INSERT INTO t VALUES (?1)");
  ASSERT_TRUE(after);
  EXPECT_EQ(*after, *cached);  // the cache moved with the connection
  (*after)->bind(1, std::int64_t{5});
  ASSERT_TRUE((*after)->run());
  auto count = moved.prepare("SELECT count(*) FROM t");
  ASSERT_TRUE(count);
  ASSERT_TRUE(*count->step());
  EXPECT_EQ(count->column_int64(0), 1);
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
