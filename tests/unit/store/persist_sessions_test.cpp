// sqlite_persistence, sessions: the session row, its subscriptions and its messages in every state,
// written through the write-behind worker and loaded back through another connection; updates,
// deletions, the cascade when a session ends, tenant scopes beside scope 0.

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <chrono>
#include <string>
#include <vector>

#include "gate.hpp"
#include "persistence_fixture.hpp"
#include "roost/platform/cloud_scope.hpp"

namespace roost::store::test {
namespace {

using broker::stored_state;
using SessionPersistence = PersistenceTest;


broker::stored_message queued(std::uint64_t id, broker::scope_id scope, std::string_view topic,
                              std::string_view payload, std::uint8_t qos, bool retain = false) {
  return broker::stored_message{id, stored_state::queued, 0, qos, retain, make_msg(scope, topic, payload, qos)};
}

// "id state packet_id qos retain topic=payload" ("-" for no message), one per message.
std::vector<std::string> describe(const std::vector<broker::stored_message>& messages) {
  std::vector<std::string> out;
  for (const auto& m : messages) {
    std::string line = std::to_string(m.id) + " " + std::to_string(static_cast<int>(m.state)) + " " +
                       std::to_string(m.packet_id) + " " + std::to_string(m.qos) + " " + (m.retain ? "r" : "-") + " ";
    line += m.msg ? std::string(m.msg->topic) + "=" + text_of(*m.msg) : "-";
    out.push_back(line);
  }
  return out;
}

TEST_F(SessionPersistence, SessionWithSubscriptionsAndMessagesInEveryState) {
  const std::string c = "c1";
  store->session_started({0, c}, 4);
  store->subscription_set({0, c}, "a/#", {.qos = 1});
  store->subscription_set({0, c}, "b", {.qos = 2});
  store->subscription_set({0, c}, "a/#", {.qos = 2});  // replaced
  store->subscription_set({0, c}, "z/+", {.qos = 0});
  store->subscription_removed({0, c}, "b");

  store->message_queued({0, c}, queued(10, 0, "a/1", "queued", 1));
  store->message_queued({0, c}, queued(11, 0, "a/2", "goes out", 1, true));
  store->message_sent({0, c}, 11, 5);
  store->message_queued({0, c}, queued(12, 0, "a/3", "exactly once", 2));
  store->message_sent({0, c}, 12, 6);
  store->message_released({0, c}, 12);
  store->inbound_received({0, c}, 13, 9);
  store->message_queued({0, c}, queued(14, 0, "a/4", "acked", 1));
  store->message_sent({0, c}, 14, 7);
  store->message_finished({0, c}, 14);
  store->inbound_received({0, c}, 15, 10);
  store->inbound_released({0, c}, 15);
  broker::stored_message sent_at_once = queued(16, 0, "a/5", "at once", 2);
  sent_at_once.state = stored_state::sent;
  sent_at_once.packet_id = 8;
  store->message_queued({0, c}, sent_at_once);

  const auto loaded = sessions();
  EXPECT_TRUE(errors().empty());
  ASSERT_EQ(loaded.size(), 1u);
  const auto& s = loaded[0];
  EXPECT_EQ(s.scope, broker::default_scope);
  EXPECT_EQ(s.client_id, "c1");
  EXPECT_EQ(s.protocol_level, 4);
  using sub = std::pair<std::string, broker::subscription_options>;
  EXPECT_EQ(s.subscriptions, (std::vector<sub>{{"a/#", {.qos = 2}}, {"z/+", {.qos = 0}}}));
  EXPECT_EQ(describe(s.messages), (std::vector<std::string>{
                                      "10 0 0 1 - a/1=queued",
                                      "11 1 5 1 r a/2=goes out",
                                      "12 2 6 2 - -",
                                      "13 3 9 2 - -",
                                      "16 1 8 2 - a/5=at once",
                                  }));
  for (const auto& m : s.messages) {
    if (m.msg) {
      EXPECT_EQ(m.msg->scope, broker::default_scope);
    }
  }
  // A released message keeps no payload on disk.
  EXPECT_EQ(query("SELECT length(payload) FROM session_messages WHERE id = 12"), 0);
}

TEST_F(SessionPersistence, MessageFieldsSurvive) {
  const std::string c = "fields";
  store->session_started({tenant_7, c}, 3);
  const std::string bytes("\x00\xff\x01 nul", 7);
  store->message_queued({tenant_7, c}, queued(1, tenant_7, "bin", bytes, 2, true));
  store->message_queued({tenant_7, c}, queued(2, tenant_7, "empty", "", 1));
  const auto loaded = sessions();
  EXPECT_TRUE(errors().empty());
  ASSERT_EQ(loaded.size(), 1u);
  EXPECT_EQ(loaded[0].protocol_level, 3);
  ASSERT_EQ(loaded[0].messages.size(), 2u);
  const auto& bin = loaded[0].messages[0];
  ASSERT_TRUE(bin.msg);
  EXPECT_EQ(text_of(*bin.msg), bytes);
  EXPECT_EQ(bin.msg->scope, tenant_7);
  EXPECT_EQ(bin.msg->qos, 2);
  EXPECT_TRUE(bin.msg->retain);
  EXPECT_EQ(bin.qos, 2);
  EXPECT_TRUE(bin.retain);
  const auto& empty = loaded[0].messages[1];
  ASSERT_TRUE(empty.msg);
  EXPECT_TRUE(empty.msg->payload.empty());
  EXPECT_EQ(empty.msg->topic, "empty");
}

TEST_F(SessionPersistence, EndedSessionTakesItsSubscriptionsAndMessages) {
  const std::string gone = "gone";
  const std::string kept = "kept";
  for (const auto* c : {&gone, &kept}) {
    store->session_started({0, *c}, 4);
    store->subscription_set({0, *c}, "x/#", {.qos = 1});
  }
  store->message_queued({0, gone}, queued(1, 0, "x/1", "p", 1));
  store->inbound_received({0, gone}, 2, 3);
  store->message_queued({0, kept}, queued(3, 0, "x/1", "p", 1));
  store->session_ended({0, gone});
  const auto loaded = sessions();
  EXPECT_TRUE(errors().empty());
  ASSERT_EQ(loaded.size(), 1u);
  EXPECT_EQ(loaded[0].client_id, "kept");
  EXPECT_EQ(loaded[0].subscriptions.size(), 1u);
  EXPECT_EQ(loaded[0].messages.size(), 1u);
  EXPECT_EQ(query("SELECT count(*) FROM session_subscriptions WHERE client_id = 'gone'"), 0);
  EXPECT_EQ(query("SELECT count(*) FROM session_messages WHERE client_id = 'gone'"), 0);
}

TEST_F(SessionPersistence, MessageFinishedBeforeItsInsertRanIsNeverWritten) {
  const std::string c = "fast";
  store->session_started({0, c}, 4);
  writer->flush();
  gate held;
  held.hold(*writer);
  const auto before = store->writes();
  store->message_queued({0, c}, queued(1, 0, "t", "short-lived", 1));
  store->message_sent({0, c}, 1, 5);
  store->message_finished({0, c}, 1);  // acknowledged before the worker got to the INSERT
  store->message_queued({0, c}, queued(2, 0, "t", "kept", 1));
  EXPECT_EQ(store->writes() - before, 2u) << "insert, insert: no UPDATE, no DELETE submitted";
  held.open();
  const auto loaded = sessions();
  EXPECT_TRUE(errors().empty());
  ASSERT_EQ(loaded.size(), 1u);
  EXPECT_EQ(describe(loaded[0].messages), (std::vector<std::string>{"2 0 0 1 - t=kept"}));
  EXPECT_EQ(query("SELECT count(*) FROM session_messages WHERE id = 1"), 0);
}

TEST_F(SessionPersistence, MessageSentBeforeItsInsertRanIsInsertedAsSent) {
  const std::string c = "quick";
  store->session_started({0, c}, 4);
  writer->flush();
  gate held;
  held.hold(*writer);
  const auto before = store->writes();
  store->message_queued({0, c}, queued(1, 0, "t", "in flight", 1));
  store->message_sent({0, c}, 1, 9);  // sent before the worker got to the INSERT
  EXPECT_EQ(store->writes() - before, 1u) << "the INSERT alone: no UPDATE submitted";
  held.open();
  const auto loaded = sessions();
  EXPECT_TRUE(errors().empty());
  ASSERT_EQ(loaded.size(), 1u);
  EXPECT_EQ(describe(loaded[0].messages), (std::vector<std::string>{"1 1 9 1 - t=in flight"}));
}

TEST_F(SessionPersistence, OnlyMessagesUnacknowledgedAtTheCommitAreStored) {
  // One batch: three messages queued and sent, the middle one acknowledged before the commit. The
  // commit (and the callback after it) leaves exactly the other two, in order, for a restart.
  const std::string c = "mixed";
  store->session_started({0, c}, 4);
  writer->flush();
  gate held;
  held.hold(*writer);
  for (std::uint64_t id = 1; id <= 3; ++id) {
    store->message_queued({0, c}, queued(id, 0, "t", "m" + std::to_string(id), 1));
    store->message_sent({0, c}, id, static_cast<std::uint16_t>(id));
  }
  store->message_finished({0, c}, 2);
  bool committed = false;
  store->after_commit([&](bool ok) { committed = ok; });
  held.open();
  const auto loaded = sessions();  // flushes: the callback has run
  EXPECT_TRUE(committed);
  EXPECT_TRUE(errors().empty());
  ASSERT_EQ(loaded.size(), 1u);
  EXPECT_EQ(describe(loaded[0].messages), (std::vector<std::string>{"1 1 1 1 - t=m1", "3 1 3 1 - t=m3"}));
  EXPECT_EQ(query("SELECT count(*) FROM session_messages"), 2);
}

TEST_F(SessionPersistence, MessageFinishedAfterItsInsertRanIsDeleted) {
  const std::string c = "slow";
  store->session_started({0, c}, 4);
  store->message_queued({0, c}, queued(1, 0, "t", "p", 1));
  writer->flush();
  EXPECT_EQ(query("SELECT count(*) FROM session_messages WHERE id = 1"), 1);
  store->message_finished({0, c}, 1);
  EXPECT_TRUE(sessions().at(0).messages.empty());
}

TEST_F(SessionPersistence, StartingAgainReplacesAStaleSession) {
  const std::string c = "again";
  store->session_started({0, c}, 3);
  store->subscription_set({0, c}, "old", {.qos = 1});
  store->message_queued({0, c}, queued(1, 0, "old", "p", 1));
  store->session_started({0, c}, 4);  // a session_ended that was never written
  const auto loaded = sessions();
  ASSERT_EQ(loaded.size(), 1u);
  EXPECT_EQ(loaded[0].protocol_level, 4);
  EXPECT_TRUE(loaded[0].subscriptions.empty());
  EXPECT_TRUE(loaded[0].messages.empty());
}

TEST_F(SessionPersistence, TenantScopesAndScopeZeroAreKeptApart) {
  const std::string c = "device";
  const broker::scope_id tenant_9 = platform::scope_of(9, platform::cloud_namespace::mqtt);
  store->session_started({0, c}, 4);
  store->session_started({tenant_7, c}, 4);
  store->session_started({tenant_9, c}, 4);
  store->subscription_set({0, c}, "plain", {.qos = 0});
  store->subscription_set({tenant_7, c}, "seven", {.qos = 1});
  store->subscription_set({tenant_9, c}, "nine", {.qos = 2});
  store->session_ended({tenant_9, c});
  const auto loaded = sessions();
  EXPECT_TRUE(errors().empty());
  ASSERT_EQ(loaded.size(), 2u);  // ordered by tenant id
  EXPECT_EQ(loaded[0].scope, broker::default_scope);
  ASSERT_EQ(loaded[0].subscriptions.size(), 1u);
  EXPECT_EQ(loaded[0].subscriptions[0].first, "plain");
  EXPECT_EQ(loaded[1].scope, tenant_7);
  ASSERT_EQ(loaded[1].subscriptions.size(), 1u);
  EXPECT_EQ(loaded[1].subscriptions[0].first, "seven");
  EXPECT_EQ(query("SELECT count(*) FROM sessions WHERE tenant_id = 0"), 1);
  EXPECT_EQ(query("SELECT count(*) FROM sessions WHERE tenant_id = 7"), 1);
  EXPECT_EQ(query("SELECT count(*) FROM sessions WHERE tenant_id = 9"), 0);
}

TEST_F(SessionPersistence, ScopeWithoutRowsIsReportedNotStored) {
  const std::string c = "tcp";
  store->session_started({platform::scope_of(7, platform::cloud_namespace::tcp), c}, 4);
  store->session_started({platform::scope_of(0, platform::cloud_namespace::mqtt), c}, 4);  // would be scope 0's
  EXPECT_EQ(errors().size(), 2u);
  EXPECT_TRUE(sessions().empty());
}

TEST_F(SessionPersistence, MessageOfAnUnknownSessionFailsAlone) {
  const std::string known = "known";
  const std::string unknown = "unknown";
  store->session_started({0, known}, 4);
  store->message_queued({0, unknown}, queued(1, 0, "t", "p", 1));  // foreign key
  store->message_queued({0, known}, queued(2, 0, "t", "p", 1));
  EXPECT_EQ(errors().size(), 1u);
  const auto loaded = sessions();
  ASSERT_EQ(loaded.size(), 1u);
  ASSERT_EQ(loaded[0].messages.size(), 1u);
  EXPECT_EQ(loaded[0].messages[0].id, 2u);
}

TEST_F(SessionPersistence, ReportsCopyTheirArguments) {
  // The engine's client id and filter strings may change or go away as soon as a call returns;
  // the worker is held so that nothing is written before they do.
  gate g;
  g.hold(*writer);
  {
    std::string client = "short-lived";
    std::string filter = "f/#";
    store->session_started({0, client}, 4);
    store->subscription_set({0, client}, filter, {.qos = 1});
    store->message_queued({0, client}, queued(1, 0, "t", "p", 1));
    client.assign(64, 'x');
    filter.assign(64, 'y');
  }
  g.open();
  const auto loaded = sessions();
  EXPECT_TRUE(errors().empty());
  ASSERT_EQ(loaded.size(), 1u);
  EXPECT_EQ(loaded[0].client_id, "short-lived");
  ASSERT_EQ(loaded[0].subscriptions.size(), 1u);
  EXPECT_EQ(loaded[0].subscriptions[0].first, "f/#");
  EXPECT_EQ(loaded[0].messages.size(), 1u);
}

// Statements alive on a connection (compiled and not finalized).
int live_statements(const database& db) {
  int n = 0;
  for (auto* st = sqlite3_next_stmt(db.handle(), nullptr); st != nullptr; st = sqlite3_next_stmt(db.handle(), st)) {
    ++n;
  }
  return n;
}

TEST_F(SessionPersistence, ManyReportsReuseOneStatementPerSql) {
  // Thousands of messages in one session, each queued, sent and finished or kept: the worker's
  // connection compiles each SQL text once (database::cached) and every row comes out right.
  const std::string c = "busy";
  store->session_started({0, c}, 4);
  for (std::uint64_t id = 1; id <= 3000; ++id) store->message_queued({0, c}, queued(id, 0, "t", std::to_string(id), 1));
  writer->flush();  // every INSERT has run: sending now updates rows, finishing deletes them
  for (std::uint64_t id = 1; id <= 3000; ++id) {
    store->message_sent({0, c}, id, static_cast<std::uint16_t>(id % 65535 + 1));
  }
  for (std::uint64_t id = 1; id <= 3000; ++id) {
    if (id % 3 != 0) store->message_finished({0, c}, id);
  }
  const auto loaded = sessions();
  EXPECT_TRUE(errors().empty());
  // The worker is idle after the flush: its connection holds the statements used, kept: sessions
  // insert; message insert, sent, delete; the savepoint and its release around each operation.
  EXPECT_EQ(live_statements(*writer_db), 6);
  ASSERT_EQ(loaded.size(), 1u);
  ASSERT_EQ(loaded[0].messages.size(), 1000u);
  for (std::size_t i = 0; i < loaded[0].messages.size(); ++i) {
    const auto& m = loaded[0].messages[i];
    EXPECT_EQ(m.id, 3 * (i + 1));
    EXPECT_EQ(m.state, stored_state::sent);
    EXPECT_EQ(m.packet_id, m.id % 65535 + 1);
    ASSERT_TRUE(m.msg);
    EXPECT_EQ(text_of(*m.msg), std::to_string(m.id));
  }
}

TEST_F(SessionPersistence, UnmappedRowsAreSkippedAtLoad) {
  ASSERT_TRUE(reader->exec("INSERT INTO sessions (tenant_id, client_id, protocol_version, created_at, last_seen) "
                           "VALUES (-1, 'odd', 4, 0, 0), (0, 'plain', 4, 0, 0)"));
  const auto loaded = sessions();
  ASSERT_EQ(loaded.size(), 1u);
  EXPECT_EQ(loaded[0].client_id, "plain");
}

TEST_F(SessionPersistence, TimesAreUnixSeconds) {
  const std::string c = "clock";
  store->session_started({0, c}, 4);
  writer->flush();
  const auto now = std::chrono::duration_cast<std::chrono::seconds>(
                       std::chrono::system_clock::now().time_since_epoch())
                       .count();
  const auto created = query("SELECT created_at FROM sessions");
  EXPECT_LE(created, now);
  EXPECT_GE(created, now - 60);
  EXPECT_EQ(query("SELECT last_seen FROM sessions"), created);
}

}  // namespace
}  // namespace roost::store::test
