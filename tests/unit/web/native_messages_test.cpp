// Posting messages through the native API: they reach devices like a device's publish would.

#include "native_fixture.hpp"
#include "support/memory_persistence.hpp"

using namespace roost;
using namespace roost::test;
using platform::cloud_namespace;

namespace {

struct native_messages : native_fixture {
  web::response send(const std::string& topic_path, const std::string& body) {
    return api("POST", "/api/v1/topics/" + topic_path + "/messages", body);
  }
};

TEST_F(native_messages, a_message_reaches_mqtt_devices_and_sets_the_value) {
  auto dev = mqtt_device(key_a, "light002");
  const auto r = send("mqtt/light002", R"({"message":"on"})");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, R"({"posted":true})");
  const auto got = dev->expect_publish();
  EXPECT_EQ(got.topic, "light002");
  EXPECT_EQ(got.payload, "on");
  EXPECT_EQ(topics.latest(scope(tenant_a), "light002")->value, "on");
}

TEST_F(native_messages, set_reaches_devices_and_up_only_sets_the_value) {
  auto dev = mqtt_device(key_a, "light002");
  EXPECT_EQ(send("mqtt/light002", R"({"message":"off","suffix":"set"})").status, 200);
  EXPECT_EQ(dev->expect_publish().payload, "off");
  EXPECT_EQ(send("mqtt/light002", R"({"message":"on#50","suffix":"up"})").status, 200);
  dev->expect_nothing();
  EXPECT_EQ(topics.latest(scope(tenant_a), "light002")->value, "on#50");
}

TEST_F(native_messages, tcp_topics_reach_line_devices) {
  auto& tcp = tcp_device(key_a, "led002");
  const auto r = send("tcp/led002", R"({"message":"on","retain":false,"qos":0,"suffix":""})");
  EXPECT_EQ(r.body, R"({"posted":true})");
  ASSERT_EQ(tcp.pushes.size(), 1u);
  EXPECT_EQ(tcp.pushes[0].msg, "on");
  EXPECT_EQ(topics.latest(scope(tenant_a, cloud_namespace::tcp), "led002")->value, "on");
}

TEST_F(native_messages, a_retained_message_reaches_a_later_subscriber) {
  topics.create(scope(tenant_a), "light002");
  EXPECT_EQ(send("mqtt/light002", R"({"message":"on","retain":true,"qos":1})").status, 200);
  auto late = mqtt_device(key_a, "light002");
  const auto got = late->expect_publish();
  EXPECT_EQ(got.payload, "on");
  EXPECT_TRUE(got.retain);
}

TEST_F(native_messages, the_answer_waits_for_the_commit) {
  memory_persistence store;
  e->persist_to(&store, true);
  topics.create(scope(tenant_a), "light002");
  std::optional<web::response> got;
  web::request r{"POST",
                 "/api/v1/topics/mqtt/light002/messages",
                 "",
                 {{"authorization", "Bearer " + key_a}},
                 R"({"message":"on","retain":true})",
                 "192.0.2.1"};
  app->handle(r, [&](web::response out) { got = std::move(out); });
  EXPECT_FALSE(got);  // the retained message is not yet committed
  store.commit();
  ASSERT_TRUE(got);
  EXPECT_EQ(got->body, R"({"posted":true})");
  e->persist_to(nullptr, false);
}

TEST_F(native_messages, bad_bodies_are_400) {
  topics.create(scope(tenant_a), "light002");
  for (const char* body :
       {R"({})", R"({"message":1})", R"({"message":"x","suffix":"app"})", R"({"message":"x","suffix":3})",
        R"({"message":"x","retain":"yes"})", R"({"message":"x","qos":3})", R"({"message":"x","qos":-1})",
        R"({"message":"x","qos":1.5})", R"({"message":"x","qos":18446744073709551615})", "nope"}) {
    const auto r = send("mqtt/light002", body);
    EXPECT_EQ(r.status, 400) << body;
    EXPECT_EQ(error_code(r), "bad_request") << body;
  }
  EXPECT_FALSE(topics.latest(scope(tenant_a), "light002"));
}

TEST_F(native_messages, an_unknown_topic_is_404_and_not_created) {
  const auto r = send("mqtt/nope", R"({"message":"x"})");
  EXPECT_EQ(r.status, 404);
  EXPECT_FALSE(topics.exists(scope(tenant_a), "nope"));
  EXPECT_EQ(api("GET", "/api/v1/topics/mqtt/nope/messages").status, 405);
}

}  // namespace
