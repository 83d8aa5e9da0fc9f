// The legacy device API: /api/device/v1/data/<type>/..., /api/device/v1/status/.

#include "web_fixture.hpp"

using namespace roost;
using namespace roost::test;
using platform::cloud_namespace;

namespace {

struct compat_legacy : compat_fixture {};

TEST_F(compat_legacy, post_to_data_1_publishes_over_mqtt) {
  auto dev = mqtt_device(key_a, "xiaoche");
  EXPECT_EQ(post_form("/api/device/v1/data/1/", a("topic=xiaoche&msg=forward")).body, ok_zero);
  EXPECT_EQ(dev->expect_publish().payload, "forward");
  EXPECT_EQ(post_form("/api/device/v1/data/1", a("topic=xiaoche/up&msg=stop")).body, ok_zero);
  dev->expect_nothing();
  EXPECT_EQ(topics.latest(scope(tenant_a), "xiaoche")->value, "stop");
}

TEST_F(compat_legacy, push_get_on_data_3_publishes_over_tcp) {
  auto& tcp = tcp_device(key_a, "Control");
  EXPECT_EQ(get("/api/device/v1/data/3/push/get/", a("topic=Control&msg=fom")).body, ok_zero);
  ASSERT_EQ(tcp.pushes.size(), 1u);
  EXPECT_EQ(tcp.pushes[0].msg, "fom");
  EXPECT_EQ(get("/api/device/v1/data/3/push/get", a("topic=Control&msg=ffm&type=1")).body, ok_zero)
      << "the path's type wins";
  ASSERT_EQ(tcp.pushes.size(), 2u);
  EXPECT_EQ(get("/api/device/v1/data/3/push/get/", a("topic=Control")).body,
            R"({"code":10002,"message":"msg is missing"})");
}

TEST_F(compat_legacy, get_reads_the_history_newest_first) {
  const auto s = scope(tenant_a, cloud_namespace::tcp);
  topics.observe_publish(s, "dht004", "#20#50", wall_ms, true);
  topics.observe_publish(s, "dht004", "#21#51", wall_ms + 60'000, true);
  EXPECT_EQ(get("/api/device/v1/data/3/get/", a("topic=dht004&num=1")).body,
            R"({"code":0,"message":"OK","data":[{"msg":"#21#51","time":"2023-11-15 06:14:20","unix":1700000060}]})");
  EXPECT_EQ(get("/api/device/v1/data/3/get/", a("topic=dht004&num=5")).body,
            R"({"code":0,"message":"OK","data":[{"msg":"#21#51","time":"2023-11-15 06:14:20","unix":1700000060},)"
            R"({"msg":"#20#50","time":"2023-11-15 06:13:20","unix":1700000000}]})");
  EXPECT_EQ(get("/api/device/v1/data/1/get/", a("topic=dht004")).body, wrong_key);
  EXPECT_EQ(get("/api/device/v1/data/3/get/", a("topic=dht004&num=x")).body,
            R"({"code":10002,"message":"num must be a whole number from 1 to 5000"})");
}

TEST_F(compat_legacy, get_on_data_gives_the_latest_message_at_the_top_level) {
  topics.create(scope(tenant_a), "xiaoche");
  EXPECT_EQ(get("/api/device/v1/data/1/", a("topic=xiaoche")).body,
            R"({"code":0,"message":"OK","status":"get ok","msg":"","time":"","unix":0})");
  topics.observe_publish(scope(tenant_a), "xiaoche", "on", wall_ms, true);
  EXPECT_EQ(get("/api/device/v1/data/1/", a("topic=xiaoche&msg=ignored")).body,
            R"({"code":0,"message":"OK","status":"get ok","msg":"on","time":"2023-11-15 06:13:20","unix":1700000000})");
  EXPECT_EQ(topics.latest(scope(tenant_a), "xiaoche")->value, "on") << "GET reads, it does not publish";
  EXPECT_EQ(get("/api/device/v1/data/1/", a("topic=nothing")).body, wrong_key);
}

TEST_F(compat_legacy, a_bad_type_in_the_path_is_a_parameter_error) {
  EXPECT_EQ(get("/api/device/v1/data/2/get/", a("topic=t")).body,
            R"({"code":10002,"message":"the type in the path must be 1, 3, 5 or 7"})");
  EXPECT_EQ(post_form("/api/device/v1/data/x/", a("topic=t&msg=on")).body,
            R"({"code":10002,"message":"the type in the path must be 1, 3, 5 or 7"})");
  EXPECT_FALSE(topics.exists(scope(tenant_a), "t"));
}

TEST_F(compat_legacy, status_is_online_while_a_device_holds_the_topic) {
  topics.create(scope(tenant_a), "timer");
  const std::string offline = R"({"code":0,"message":"OK","status":"offline"})";
  const std::string online = R"({"code":0,"message":"OK","status":"online"})";
  EXPECT_EQ(get("/api/device/v1/status/", a("topic=timer")).body, offline);
  {
    auto dev = mqtt_device(key_a, "timer");
    EXPECT_EQ(get("/api/device/v1/status/", a("topic=timer")).body, online);
    EXPECT_EQ(get("/api/device/v1/status", a("topic=timer&type=1")).body, online);
  }
  EXPECT_EQ(get("/api/device/v1/status/", a("topic=timer")).body, offline);
}

TEST_F(compat_legacy, status_without_a_type_sees_tcp_devices_too) {
  tcp_device(key_a, "dht004");
  const std::string online = R"({"code":0,"message":"OK","status":"online"})";
  EXPECT_EQ(get("/api/device/v1/status/", a("topic=dht004")).body, online);
  EXPECT_EQ(get("/api/device/v1/status/", a("topic=dht004&type=3")).body, online);
  EXPECT_EQ(get("/api/device/v1/status/", a("topic=dht004&type=1")).body, wrong_key);
  EXPECT_EQ(get("/api/device/v1/status/", a("topic=nothing")).body, wrong_key);
  EXPECT_EQ(get("/api/device/v1/status/", "uid=" + key_unknown + "&topic=dht004").body, wrong_key);
}

}  // namespace
