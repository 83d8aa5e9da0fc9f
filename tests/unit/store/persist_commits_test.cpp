// sqlite_persistence, commits: writes() counts what was handed to the writer, after_commit()
// calls back in order, on the worker thread, only once what came before is visible to another
// connection.

#include <gtest/gtest.h>

#include <atomic>
#include <future>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "gate.hpp"
#include "persistence_fixture.hpp"

namespace roost::store::test {
namespace {

using CommitPersistence = PersistenceTest;

TEST_F(CommitPersistence, WritesCountsEveryOperationOfTheWriter) {
  const std::string c = "c";
  const auto before = store->writes();
  EXPECT_EQ(before, writer->submitted());
  store->session_started({0, c}, 4);
  store->subscription_set({0, c}, "a", {.qos = 1});
  EXPECT_EQ(store->writes(), before + 2);
  ASSERT_TRUE(writer->submit({}));  // another writer of the same store (the topic store)
  EXPECT_EQ(store->writes(), before + 3);
  writer->flush();
  EXPECT_EQ(store->writes(), before + 3);  // committing is not writing more
}

TEST_F(CommitPersistence, DoneComesAfterTheDataIsVisibleElsewhere) {
  const std::string c = "c";
  gate g;
  g.hold(*writer);  // nothing below can be written before open()
  store->session_started({0, c}, 4);
  store->message_queued({0, c}, broker::stored_message{1, broker::stored_state::queued, 0, 1, false,
                                                       make_msg(0, "t", "p", 1)});
  std::promise<std::pair<bool, std::int64_t>> outcome;  // ok, messages another connection sees
  std::atomic<bool> called{false};
  std::thread::id caller;
  store->after_commit([&](bool ok) {
    called = true;
    caller = std::this_thread::get_id();
    outcome.set_value({ok, query("SELECT count(*) FROM session_messages")});
  });
  EXPECT_FALSE(called.load());  // not at once, not while the worker is held
  EXPECT_EQ(query("SELECT count(*) FROM sessions"), 0);
  g.open();
  const auto [ok, visible] = outcome.get_future().get();
  EXPECT_TRUE(ok);
  EXPECT_EQ(visible, 1);
  EXPECT_NE(caller, std::this_thread::get_id());
  EXPECT_TRUE(errors().empty());
}

TEST_F(CommitPersistence, CallbacksRunInTheOrderOfTheirCalls) {
  const std::string c = "c";
  std::mutex m;
  std::vector<int> order;
  auto note = [&](int i) {
    return [&, i](bool ok) {
      EXPECT_TRUE(ok);
      std::lock_guard lock(m);
      order.push_back(i);
    };
  };
  gate g;
  g.hold(*writer);
  store->after_commit(note(1));
  store->session_started({0, c}, 4);
  store->after_commit(note(2));
  g.open();
  writer->flush();  // the next ones land in batches of their own
  store->after_commit(note(3));
  store->subscription_set({0, c}, "a", {.qos = 1});
  store->after_commit(note(4));
  writer->flush();
  EXPECT_EQ(order, (std::vector<int>{1, 2, 3, 4}));
}

TEST_F(CommitPersistence, FailedCommitGivesFalse) {
  // A foreign-key check deferred to COMMIT fails the whole transaction: every completion of the
  // batch, after_commit's included, learns it.
  ASSERT_TRUE(writer->submit([](database& db) -> status {
    if (auto s = db.exec("PRAGMA defer_foreign_keys = ON"); !s) return s;
    return db.exec("INSERT INTO session_subscriptions (tenant_id, client_id, filter, qos) VALUES (0, 'none', 'a', 0)");
  }));
  std::promise<bool> outcome;
  store->after_commit([&](bool ok) { outcome.set_value(ok); });
  EXPECT_FALSE(outcome.get_future().get());
}

TEST_F(CommitPersistence, NothingIsCalledAfterTheWriterStopped) {
  writer->stop();
  bool called = false;
  store->after_commit([&](bool) { called = true; });
  const std::string c = "late";
  store->session_started({0, c}, 4);  // dropped, not blocking, not reported
  EXPECT_FALSE(called);
  EXPECT_TRUE(sessions().empty());
}

}  // namespace
}  // namespace roost::store::test
