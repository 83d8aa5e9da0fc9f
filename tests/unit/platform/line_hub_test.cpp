// line_hub: routing of the TCP line protocol between sessions of a tenant, isolation between
// tenants, online counts and values in the topic registry, auto-create, and cleanup on close.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "fake_tenant_repository.hpp"
#include "roost/platform/cloud_scope.hpp"
#include "roost/platform/line_hub.hpp"

using namespace roost;
using namespace roost::test;
using platform::cloud_namespace;
using platform::scope_of;

namespace {

const std::string key_a = "0123456789abcdef0123456789abcdef";
const std::string key_b = "fedcba9876543210fedcba9876543210";

// A sink that records pushes, as a connection would queue them.
struct recording_sink final : platform::line_sink {
  struct push_record {
    std::string uid, topic, msg;
    bool operator==(const push_record&) const = default;
  };
  std::vector<push_record> pushes;
  void push(std::string uid, std::string topic, std::string msg) override {
    pushes.push_back({std::move(uid), std::move(topic), std::move(msg)});
  }
};

struct line_hub_test : ::testing::Test {
  fake_tenant_repository repo;
  platform::tenant_directory tenants{repo};
  platform::topic_registry topics{10};
  std::int64_t wall_ms = 1'700'000'000'000;
  platform::line_hub hub{tenants, topics, [this] { return wall_ms; }};
  std::int64_t tenant_a = 0;
  std::int64_t tenant_b = 0;

  line_hub_test() {
    tenant_a = repo.add({0, key_a, "a", 0, true, {}, {}})->id;
    tenant_b = repo.add({0, key_b, "b", 0, true, {}, {}})->id;
  }

  platform::line_session_id session(recording_sink& sink) {
    const auto id = hub.next_session_id();
    hub.register_session(id, sink);
    return id;
  }

  int online(std::int64_t tenant, const std::string& topic) const {
    const auto r = topics.find(scope_of(tenant, cloud_namespace::tcp), topic);
    return r ? r->online : -1;
  }
};

using push_record = recording_sink::push_record;

TEST_F(line_hub_test, AuthenticatesTenantKeysOnly) {
  EXPECT_TRUE(hub.authenticate(key_a));
  EXPECT_FALSE(hub.authenticate("00000000000000000000000000000000"));
  EXPECT_FALSE(hub.authenticate(""));
}

TEST_F(line_hub_test, SessionIdsAreUnique) {
  const auto a = hub.next_session_id();
  const auto b = hub.next_session_id();
  EXPECT_NE(a, b);
  EXPECT_NE(a, 0u);
}

TEST_F(line_hub_test, PlainPublishReachesEverySubscriberIncludingTheSender) {
  recording_sink s1, s2, s3;
  const auto a = session(s1), b = session(s2);
  session(s3);
  ASSERT_TRUE(hub.subscribe(a, key_a, "led002"));
  ASSERT_TRUE(hub.subscribe(b, key_a, "led002"));

  ASSERT_TRUE(hub.publish(a, key_a, "led002", "on"));
  EXPECT_EQ(s1.pushes, (std::vector<push_record>{{key_a, "led002", "on"}}));
  EXPECT_EQ(s2.pushes, (std::vector<push_record>{{key_a, "led002", "on"}}));
  EXPECT_TRUE(s3.pushes.empty());
}

TEST_F(line_hub_test, SetSkipsTheSenderAndUpReachesNobody) {
  recording_sink s1, s2;
  const auto a = session(s1), b = session(s2);
  ASSERT_TRUE(hub.subscribe(a, key_a, "led002"));
  ASSERT_TRUE(hub.subscribe(b, key_a, "led002"));

  ASSERT_TRUE(hub.publish(a, key_a, "led002/set", "off"));
  EXPECT_TRUE(s1.pushes.empty());
  EXPECT_EQ(s2.pushes, (std::vector<push_record>{{key_a, "led002", "off"}}));

  ASSERT_TRUE(hub.publish(b, key_a, "led002/up", "#1"));
  EXPECT_TRUE(s1.pushes.empty());
  EXPECT_EQ(s2.pushes.size(), 1u);
  EXPECT_EQ(hub.latest(key_a, "led002"), "#1");
}

TEST_F(line_hub_test, EveryPublishRecordsTheLatestValueAndHistory) {
  recording_sink s1;
  const auto a = session(s1);
  EXPECT_EQ(hub.latest(key_a, "temp004"), std::nullopt);
  ASSERT_TRUE(hub.publish(a, key_a, "temp004/up", "#21#40"));
  wall_ms += 1000;
  ASSERT_TRUE(hub.publish(a, key_a, "temp004/set", "#22#41"));
  EXPECT_EQ(hub.latest(key_a, "temp004"), "#22#41");

  const auto r = topics.find(scope_of(tenant_a, cloud_namespace::tcp), "temp004");
  ASSERT_TRUE(r.has_value());
  ASSERT_EQ(r->history.size(), 2u);
  EXPECT_EQ(r->history[0].time_ms, 1'700'000'000'000);
  EXPECT_EQ(r->history[1].time_ms, 1'700'000'001'000);
  EXPECT_EQ(r->type, platform::device_type::sensor);
  // The TCP namespace is not the MQTT one.
  EXPECT_FALSE(topics.exists(scope_of(tenant_a, cloud_namespace::mqtt), "temp004"));
}

TEST_F(line_hub_test, TenantsWithTheSameTopicNamesAreIsolated) {
  recording_sink sa, sb;
  const auto a = session(sa), b = session(sb);
  ASSERT_TRUE(hub.subscribe(a, key_a, "led002"));
  ASSERT_TRUE(hub.subscribe(b, key_b, "led002"));

  ASSERT_TRUE(hub.publish(a, key_a, "led002", "a-on"));
  EXPECT_EQ(sa.pushes, (std::vector<push_record>{{key_a, "led002", "a-on"}}));
  EXPECT_TRUE(sb.pushes.empty());
  EXPECT_EQ(hub.latest(key_b, "led002"), std::nullopt);

  ASSERT_TRUE(hub.publish(b, key_b, "led002", "b-on"));
  EXPECT_EQ(sa.pushes.size(), 1u);
  EXPECT_EQ(sb.pushes, (std::vector<push_record>{{key_b, "led002", "b-on"}}));
  EXPECT_EQ(hub.latest(key_a, "led002"), "a-on");
  EXPECT_EQ(online(tenant_a, "led002"), 1);
  EXPECT_EQ(online(tenant_b, "led002"), 1);
}

TEST_F(line_hub_test, UnknownUidIsRefusedEverywhere) {
  recording_sink s1;
  const auto a = session(s1);
  const std::string nobody = "00000000000000000000000000000000";
  EXPECT_FALSE(hub.subscribe(a, nobody, "led002"));
  EXPECT_FALSE(hub.publish(a, nobody, "led002", "on"));
  EXPECT_EQ(hub.latest(nobody, "led002"), std::nullopt);
}

TEST_F(line_hub_test, AppSubscriptionsReceivePushesButAreNotOnline) {
  recording_sink device, app;
  const auto d = session(device), p = session(app);
  ASSERT_TRUE(hub.subscribe(d, key_a, "fan003"));
  ASSERT_TRUE(hub.subscribe(p, key_a, "fan003/app"));
  EXPECT_EQ(online(tenant_a, "fan003"), 1);

  ASSERT_TRUE(hub.publish(d, key_a, "fan003/set", "on"));
  EXPECT_TRUE(device.pushes.empty());
  EXPECT_EQ(app.pushes, (std::vector<push_record>{{key_a, "fan003", "on"}}));
}

TEST_F(line_hub_test, RepeatedSubscriptionCountsAndDeliversOnce) {
  recording_sink s1;
  const auto a = session(s1);
  ASSERT_TRUE(hub.subscribe(a, key_a, "led002"));
  ASSERT_TRUE(hub.subscribe(a, key_a, "led002"));
  EXPECT_EQ(online(tenant_a, "led002"), 1);
  ASSERT_TRUE(hub.publish(a, key_a, "led002", "on"));
  EXPECT_EQ(s1.pushes.size(), 1u);
}

TEST_F(line_hub_test, WithoutAutoCreateOnlyExistingTopicsWork) {
  ASSERT_TRUE(repo.set_auto_create_topics(key_a, false));
  recording_sink s1;
  const auto a = session(s1);
  const auto scope = scope_of(tenant_a, cloud_namespace::tcp);

  EXPECT_FALSE(hub.subscribe(a, key_a, "led002"));
  EXPECT_FALSE(hub.subscribe(a, key_a, "led002/app"));
  EXPECT_FALSE(hub.publish(a, key_a, "led002", "on"));
  EXPECT_FALSE(hub.publish(a, key_a, "led002/up", "on"));
  EXPECT_FALSE(topics.exists(scope, "led002"));

  ASSERT_TRUE(topics.create(scope, "led002"));
  EXPECT_TRUE(hub.subscribe(a, key_a, "led002"));
  EXPECT_TRUE(hub.publish(a, key_a, "led002", "on"));
  EXPECT_EQ(s1.pushes.size(), 1u);
  // Another tenant still creates its topics on first use.
  EXPECT_TRUE(hub.subscribe(a, key_b, "led002"));
}

TEST_F(line_hub_test, ClosedRemovesSubscriptionsAndOnlineCounts) {
  recording_sink s1, s2;
  const auto a = session(s1), b = session(s2);
  ASSERT_TRUE(hub.subscribe(a, key_a, "led002"));
  ASSERT_TRUE(hub.subscribe(a, key_a, "fan003/app"));
  ASSERT_TRUE(hub.subscribe(b, key_a, "led002"));
  EXPECT_EQ(online(tenant_a, "led002"), 2);

  hub.closed(a);
  EXPECT_EQ(online(tenant_a, "led002"), 1);
  ASSERT_TRUE(hub.publish(b, key_a, "led002", "on"));
  ASSERT_TRUE(hub.publish(b, key_a, "fan003", "on"));
  EXPECT_TRUE(s1.pushes.empty());
  EXPECT_EQ(s2.pushes.size(), 1u);

  hub.closed(b);
  hub.closed(b);  // harmless
  EXPECT_EQ(online(tenant_a, "led002"), 0);
}

TEST_F(line_hub_test, SessionsWithoutASinkAreSkipped) {
  recording_sink s1;
  const auto a = session(s1);
  const auto unregistered = hub.next_session_id();
  ASSERT_TRUE(hub.subscribe(unregistered, key_a, "led002"));
  ASSERT_TRUE(hub.subscribe(a, key_a, "led002"));
  ASSERT_TRUE(hub.publish(a, key_a, "led002", "on"));
  EXPECT_EQ(s1.pushes.size(), 1u);
}

// End to end through real line_sessions: each sink delivers into its session later, as the
// connection does on its own thread.
TEST_F(line_hub_test, WorksBehindLineSessions) {
  recording_sink s1, s2;
  const time_point t0{};
  const std::chrono::sys_seconds wall{};
  platform::line_session one{hub.next_session_id(), hub, {}, t0};
  platform::line_session two{hub.next_session_id(), hub, {}, t0};
  hub.register_session(one.id(), s1);
  hub.register_session(two.id(), s2);

  one.on_bytes("cmd=1&uid=" + key_a + "&topic=led002\r\n", t0, wall);
  EXPECT_EQ(one.pending(), "cmd=1&res=1\r\n");
  two.on_bytes("cmd=2&uid=" + key_a + "&topic=led002/set&msg=on\r\n", t0, wall);
  EXPECT_EQ(two.pending(), "cmd=2&res=1\r\n");
  ASSERT_EQ(s1.pushes.size(), 1u);
  one.deliver(s1.pushes[0].uid, s1.pushes[0].topic, s1.pushes[0].msg);
  EXPECT_EQ(one.pending(), "cmd=1&res=1\r\ncmd=2&uid=" + key_a + "&topic=led002&msg=on\r\n");

  two.on_bytes("cmd=9&uid=" + key_a + "&topic=led002\r\n", t0, wall);
  EXPECT_EQ(two.pending(), "cmd=2&res=1\r\ncmd=9&uid=" + key_a + "&topic=led002&msg=on\r\n");

  one.on_closed();
  EXPECT_EQ(online(tenant_a, "led002"), 0);
}

}  // namespace
