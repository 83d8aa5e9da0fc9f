// The write-behind worker: group commit, completion order, flush, drain on stop, the soft limit
// (submit never waits, try_submit refuses), the counters. No sleeps: the worker is held still
// with a gate that the test opens.

#include "roost/store/write_behind.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <future>
#include <mutex>
#include <thread>
#include <vector>

#include "gate.hpp"
#include "roost/store/open_database.hpp"
#include "temp_dir.hpp"

namespace roost::store {
namespace {

write_op insert_value(std::int64_t v) {
  return [v](database& db) -> status {
    auto st = db.prepare("INSERT INTO t (v) VALUES (?1)");
    if (!st) return fail(st.error());
    st->bind(1, v);
    return st->run();
  };
}

std::int64_t count_rows(database& db) {
  auto st = db.prepare("SELECT count(*) FROM t");
  if (!st || !*st->step()) return -1;
  return st->column_int64(0);
}

class WriteBehind : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = open_data_dir(dir.path());
    ASSERT_TRUE(opened) << opened.error().reason;
    db.emplace(std::move(opened->db));
    ASSERT_TRUE(db->exec("CREATE TABLE t (v INTEGER NOT NULL UNIQUE)"));
    auto reader_opened = open_data_dir(dir.path());
    ASSERT_TRUE(reader_opened);
    reader.emplace(std::move(reader_opened->db));
  }
  // A completion that appends whether its operation succeeded to `outcomes`.
  auto record_outcome() {
    return [this](const status& s) {
      std::lock_guard lock(outcomes_lock);
      outcomes.push_back(static_cast<bool>(s));
    };
  }

  test::temp_dir dir;
  std::optional<database> db;
  std::optional<database> reader;  // a second connection, as another process would have
  std::vector<bool> outcomes;
  std::mutex outcomes_lock;
};

TEST_F(WriteBehind, ManyOperationsShareFewTransactions) {
  write_behind worker(*db);
  test::gate g;
  const auto commits_before = db->commits();
  ASSERT_TRUE(worker.submit([&](database&) -> status {
    g.wait();
    return ok();
  }));
  g.wait_until_entered();  // the first batch is running; everything below queues behind it
  for (int i = 0; i < 1000; ++i) ASSERT_TRUE(worker.submit(insert_value(i)));
  g.open();
  worker.flush();
  EXPECT_EQ(count_rows(*reader), 1000);
  EXPECT_EQ(worker.batches(), 2u);
  EXPECT_EQ(db->commits() - commits_before, 2u);
}

TEST_F(WriteBehind, CompletionsRunAfterCommitInOrder) {
  write_behind worker(*db);
  test::gate g;
  g.hold(worker);
  std::mutex m;
  std::vector<int> order;
  std::vector<std::int64_t> visible;  // rows another connection sees when each completion runs
  for (int i = 0; i < 50; ++i) {
    ASSERT_TRUE(worker.submit(insert_value(i), [&, i](const status& s) {
      EXPECT_TRUE(s);
      std::lock_guard lock(m);
      order.push_back(i);
      visible.push_back(count_rows(*reader));
    }));
  }
  g.open();
  worker.flush();
  ASSERT_EQ(order.size(), 50u);
  for (int i = 0; i < 50; ++i) {
    EXPECT_EQ(order[static_cast<std::size_t>(i)], i);
    // Committed before the first completion: all 50 are already visible to other connections.
    EXPECT_EQ(visible[static_cast<std::size_t>(i)], 50);
  }
}

TEST_F(WriteBehind, FailingOperationIsUndoneAloneAndReported) {
  write_behind worker(*db);
  auto record = record_outcome();
  test::gate g;
  g.hold(worker);
  ASSERT_TRUE(worker.submit(insert_value(1), record));
  ASSERT_TRUE(worker.submit(
      [](database& d) -> status {
        // Half-done work that must vanish: the first insert succeeds, the second breaks UNIQUE.
        if (auto s = insert_value(2)(d); !s) return s;
        return insert_value(1)(d);
      },
      record));
  ASSERT_TRUE(worker.submit(insert_value(3), record));
  g.open();
  worker.flush();
  EXPECT_EQ(outcomes, (std::vector<bool>{true, false, true}));
  EXPECT_EQ(count_rows(*reader), 2);  // 1 and 3; 2 was rolled back with its operation
}

TEST_F(WriteBehind, TransactionLostInTheMiddleFailsTheWholeBatch) {
  // SQLite rolls the whole transaction back on some errors (SQLITE_FULL, I/O errors); an operation
  // that ends the transaction stands for that. What follows must not be committed on its own.
  write_behind worker(*db);
  auto record = record_outcome();
  test::gate g;
  g.hold(worker);
  ASSERT_TRUE(worker.submit(insert_value(1), record));
  ASSERT_TRUE(worker.submit(
      [](database& d) -> status {
        (void)d.exec("ROLLBACK");
        return fail(error{13, "database or disk is full"});
      },
      record));
  ASSERT_TRUE(worker.submit(insert_value(3), record));
  g.open();
  worker.flush();
  EXPECT_EQ(outcomes, (std::vector<bool>{false, false, false}));
  EXPECT_EQ(count_rows(*reader), 0);
  ASSERT_TRUE(worker.submit(insert_value(4)));  // the next batch is a fresh transaction
  worker.flush();
  EXPECT_EQ(count_rows(*reader), 1);
}

TEST_F(WriteBehind, FlushWaitsForEverythingSubmitted) {
  write_behind worker(*db);
  std::atomic<int> done{0};
  for (int i = 0; i < 200; ++i) {
    ASSERT_TRUE(worker.submit(insert_value(i), [&](const status&) { done.fetch_add(1); }));
  }
  worker.flush();
  EXPECT_EQ(done.load(), 200);
  EXPECT_EQ(count_rows(*reader), 200);
}

TEST_F(WriteBehind, StopDrainsTheQueue) {
  std::atomic<int> done{0};
  {
    write_behind worker(*db);
    test::gate g;
    g.hold(worker);
    for (int i = 0; i < 300; ++i) {
      ASSERT_TRUE(worker.submit(insert_value(i), [&](const status&) { done.fetch_add(1); }));
    }
    std::thread opener([&] { g.open(); });
    worker.stop();  // returns only after the 300 queued operations are written
    opener.join();
    EXPECT_FALSE(worker.submit(insert_value(1000)));
  }
  EXPECT_EQ(done.load(), 300);
  EXPECT_EQ(count_rows(*reader), 300);
}

TEST_F(WriteBehind, FullQueueRefusesTrySubmit) {
  write_behind worker(*db, write_behind_options{.max_queue = 2, .max_batch = 16});
  test::gate g;
  g.hold(worker);
  EXPECT_TRUE(worker.try_submit(insert_value(1)));
  EXPECT_TRUE(worker.try_submit(insert_value(2)));
  EXPECT_FALSE(worker.try_submit(insert_value(3)));
  EXPECT_FALSE(worker.backlogged());  // at the limit, not beyond it
  g.open();
  worker.flush();
  EXPECT_EQ(count_rows(*reader), 2);
}

TEST_F(WriteBehind, SubmitDoesNotWaitPastTheSoftLimit) {
  // The worker is stuck in its first operation; submit() must still return for every one of far
  // more operations than max_queue. Run on another thread so that a submit that blocks fails the
  // test instead of hanging it.
  write_behind worker(*db, write_behind_options{.max_queue = 4, .max_batch = 16});
  test::gate g;
  g.hold(worker);
  auto submitter = std::async(std::launch::async, [&] {
    int accepted = 0;
    for (int i = 0; i < 100; ++i) accepted += worker.submit(insert_value(i)) ? 1 : 0;
    return accepted;
  });
  const bool returned = submitter.wait_for(std::chrono::seconds(10)) == std::future_status::ready;
  EXPECT_TRUE(returned) << "submit() blocked while the queue was past max_queue";
  EXPECT_TRUE(worker.backlogged());
  EXPECT_FALSE(worker.try_submit(insert_value(1000)));  // the soft limit still holds for try_submit
  g.open();
  EXPECT_EQ(submitter.get(), 100);
  worker.flush();
  EXPECT_FALSE(worker.backlogged());
  EXPECT_EQ(count_rows(*reader), 100);
}

TEST_F(WriteBehind, BackloggedOnlyBeyondTheSoftLimit) {
  write_behind worker(*db, write_behind_options{.max_queue = 3, .max_batch = 16});
  test::gate g;
  g.hold(worker);  // the gate's operation has left the queue
  for (int i = 0; i < 3; ++i) {
    EXPECT_FALSE(worker.backlogged());
    ASSERT_TRUE(worker.submit(insert_value(i)));
  }
  EXPECT_FALSE(worker.backlogged());  // exactly max_queue waiting
  ASSERT_TRUE(worker.submit(insert_value(3)));
  EXPECT_TRUE(worker.backlogged());
  g.open();
  worker.flush();
  EXPECT_FALSE(worker.backlogged());
}

TEST_F(WriteBehind, SubmittedCountsAcceptedOperationsOnly) {
  write_behind worker(*db, write_behind_options{.max_queue = 1, .max_batch = 16});
  EXPECT_EQ(worker.submitted(), 0u);
  test::gate g;
  g.hold(worker);
  EXPECT_EQ(worker.submitted(), 1u);
  ASSERT_TRUE(worker.try_submit(insert_value(1)));
  EXPECT_FALSE(worker.try_submit(insert_value(2)));  // refused: not counted
  ASSERT_TRUE(worker.submit(insert_value(3)));
  ASSERT_TRUE(worker.submit({}));  // an empty operation is an operation
  EXPECT_EQ(worker.submitted(), 4u);
  g.open();
  worker.flush();
  EXPECT_EQ(worker.submitted(), 4u);  // writing does not change it
  worker.stop();
  EXPECT_FALSE(worker.submit(insert_value(4)));  // refused after stop: not counted
  EXPECT_EQ(worker.submitted(), 4u);
  EXPECT_EQ(count_rows(*reader), 2);
}

TEST_F(WriteBehind, OtherConnectionWaitsForTheWorkersLock) {
  // The worker holds the write lock (BEGIN IMMEDIATE) while its operation waits on the gate; a
  // second connection (the `roost tenant` command) writing meanwhile waits on the busy timeout
  // instead of failing with "database is locked".
  write_behind worker(*db);
  test::gate g;
  ASSERT_TRUE(worker.submit([&](database& d) -> status {
    g.wait();
    return insert_value(1)(d);
  }));
  g.wait_until_entered();
  status other = ok();
  std::thread cli([&] { other = reader->exec("INSERT INTO t (v) VALUES (2)"); });
  g.open();
  cli.join();
  worker.flush();
  EXPECT_TRUE(other) << other.error().reason;
  EXPECT_EQ(count_rows(*reader), 2);
}

TEST_F(WriteBehind, WritesRunOnTheWorkerThread) {
  write_behind worker(*db);
  std::thread::id writer;
  ASSERT_TRUE(worker.submit([&](database&) -> status {
    writer = std::this_thread::get_id();
    return ok();
  }));
  worker.flush();
  EXPECT_NE(writer, std::thread::id{});
  EXPECT_NE(writer, std::this_thread::get_id());
}

}  // namespace
}  // namespace roost::store
