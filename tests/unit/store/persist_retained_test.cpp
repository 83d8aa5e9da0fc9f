// sqlite_persistence, retained messages: written through the write-behind worker, replaced and
// removed, and loaded back (binary payloads, QoS, scopes) through another connection.

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "persistence_fixture.hpp"
#include "roost/platform/cloud_scope.hpp"

namespace roost::store::test {
namespace {

using RetainedPersistence = PersistenceTest;


// Everything stored, as "scope topic=payload qos", sorted.
std::vector<std::string> describe(const std::vector<broker::message_ptr>& loaded) {
  std::vector<std::string> out;
  for (const auto& m : loaded) {
    EXPECT_TRUE(m->retain);
    out.push_back(std::to_string(m->scope) + " " + std::string(m->topic) + "=" + text_of(*m) + " " + std::to_string(m->qos));
  }
  std::sort(out.begin(), out.end());
  return out;
}

TEST_F(RetainedPersistence, StoresReplacesAndRemoves) {
  store->retained_changed(make_msg(0, "a/b", "one", 1, true));
  store->retained_changed(make_msg(0, "a/c", "two", 0, true));
  store->retained_changed(make_msg(0, "a/b", "newer", 2, true));
  store->retained_changed(make_msg(0, "a/c", "", 0, true));  // cleared
  EXPECT_EQ(describe(retained()), (std::vector<std::string>{"0 a/b=newer 2"}));
  EXPECT_TRUE(errors().empty());
}

TEST_F(RetainedPersistence, ScopesAreKeptApart) {
  store->retained_changed(make_msg(0, "state", "plain", 0, true));
  store->retained_changed(make_msg(tenant_7, "state", "tenant", 0, true));
  EXPECT_EQ(describe(retained()),
            (std::vector<std::string>{"0 state=plain 0", std::to_string(tenant_7) + " state=tenant 0"}));
  EXPECT_EQ(query("SELECT count(*) FROM retained WHERE tenant_id = 0 AND namespace = 0"), 1);
  EXPECT_EQ(query("SELECT count(*) FROM retained WHERE tenant_id = 7 AND namespace = 1"), 1);
  store->retained_changed(make_msg(tenant_7, "state", "", 0, true));  // clears the tenant's only
  EXPECT_EQ(describe(retained()), (std::vector<std::string>{"0 state=plain 0"}));
}

TEST_F(RetainedPersistence, BinaryPayloadsSurvive) {
  const std::string bytes("\x00\x01\xff\r\n", 5);
  store->retained_changed(make_msg(0, "bin", bytes, 0, true));
  const auto loaded = retained();
  ASSERT_EQ(loaded.size(), 1u);
  EXPECT_EQ(text_of(*loaded[0]), bytes);
}

TEST_F(RetainedPersistence, ScopeWithoutRowsIsReportedNotStored) {
  // A tenant's TCP namespace never reaches the broker's persistence; if it did, storing it as the
  // MQTT namespace would leak it into another scope at the next start.
  store->retained_changed(make_msg(platform::scope_of(7, platform::cloud_namespace::tcp), "t", "x", 0, true));
  const auto failures = errors();
  ASSERT_EQ(failures.size(), 1u);
  EXPECT_NE(failures[0].find("not stored"), std::string::npos) << failures[0];
  EXPECT_TRUE(retained().empty());
}

TEST_F(RetainedPersistence, UnmappedRowsAreSkippedAtLoad) {
  ASSERT_TRUE(reader->exec("INSERT INTO retained (tenant_id, namespace, topic, payload, qos, stored_at) "
                           "VALUES (3, 3, 'tcp', x'31', 0, 0), (5, 1, 'mqtt', x'32', 1, 0)"));
  EXPECT_EQ(describe(retained()),
            (std::vector<std::string>{std::to_string(platform::scope_of(5, platform::cloud_namespace::mqtt)) +
                                      " mqtt=2 1"}));
}

}  // namespace
}  // namespace roost::store::test
