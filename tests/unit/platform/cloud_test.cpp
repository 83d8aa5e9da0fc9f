// The device cloud's MQTT namespace end to end through the broker core: tenants by private key and
// appID, /set and /up, online counts, latest values and history, isolation between tenants.

#include <gtest/gtest.h>

#include "fake_tenant_repository.hpp"
#include "roost/platform/cloud_profile.hpp"
#include "roost/platform/tenant_authenticator.hpp"
#include "roost/platform/tenant_credentials.hpp"
#include "support/scripted_peer.hpp"

using namespace roost;
using namespace roost::test;
using platform::cloud_namespace;

namespace {

const std::string key_a = "0123456789abcdef0123456789abcdef";
const std::string key_b = "fedcba9876543210fedcba9876543210";

struct cloud_test : engine_fixture {
  fake_tenant_repository repo;
  platform::tenant_directory tenants{repo};
  platform::topic_registry topics{3};
  std::int64_t wall_ms = 1'700'000'000'000;
  platform::cloud_profile profile{topics, tenants, [this] { return wall_ms; }};
  platform::tenant_authenticator auth{tenants, cloud_namespace::mqtt};
  broker::listener_binding binding{&auth, &profile};
  std::int64_t tenant_a = 0;

  cloud_test() {
    tenant_a = repo.add({0, key_a, "a", 0, true, {}, {}})->id;
    repo.add({0, key_b, "b", 0, true, {}, {}});
  }

  std::unique_ptr<scripted_peer> device(const std::string& key, std::optional<std::string> sub = {}) {
    auto p = std::make_unique<scripted_peer>(*e, clock, binding);
    p->connect_ok(connect_packet(key, true));
    if (sub) {
      p->subscribe(1, {{*sub, 1}});
      EXPECT_EQ(p->expect_suback().return_codes[0], 1);
    }
    return p;
  }
  broker::scope_id scope_a() const { return platform::scope_of(tenant_a, cloud_namespace::mqtt); }
};

TEST_F(cloud_test, seed_scenario_led_device_and_a_controller) {
  auto led = device(key_a, "ledctrl");
  auto app = device(key_a, "ledstate");
  EXPECT_FALSE(led->close_requested) << "same key as client id: no takeover";
  led->publish("bafa", "putting");
  led->publish("Time", "1");
  app->publish("ledctrl", "on");
  EXPECT_EQ(led->expect_publish().payload, "on");
  led->publish("ledstate", "led on");
  EXPECT_EQ(app->expect_publish().payload, "led on");
  EXPECT_EQ(topics.latest(scope_a(), "Time")->value, "1");
  EXPECT_EQ(topics.latest(scope_a(), "ledctrl")->value, "on");
  EXPECT_EQ(topics.find(scope_a(), "ledctrl")->online, 1);
}

TEST_F(cloud_test, set_goes_to_the_others_and_up_to_nobody) {
  auto a = device(key_a, "light002");
  auto b = device(key_a, "light002");
  a->publish("light002/set", "on#80");
  EXPECT_EQ(b->expect_publish().topic, "light002");
  a->expect_nothing();
  a->publish("light002/up", "off");
  a->expect_nothing();
  b->expect_nothing();
  const auto r = topics.find(scope_a(), "light002");
  EXPECT_EQ(r->latest->value, "off");
  EXPECT_EQ(r->type, platform::device_type::light);
  EXPECT_EQ(r->online, 2);
  EXPECT_EQ(r->history.size(), 2u);
}

TEST_F(cloud_test, set_and_up_cannot_be_subscribed) {
  auto a = device(key_a);
  a->subscribe(1, {{"x/set", 0}, {"x/up", 0}, {"x/app", 0}, {"bad name", 0}});
  EXPECT_EQ(a->expect_suback().return_codes, (std::vector<std::uint8_t>{0x80, 0x80, 0, 0x80}));
}

TEST_F(cloud_test, app_subscriptions_and_closed_connections_do_not_count_online) {
  auto app = device(key_a, "ledctrl/app");
  EXPECT_EQ(topics.find(scope_a(), "ledctrl")->online, 0);
  {
    auto dev = device(key_a, "ledctrl");
    EXPECT_EQ(topics.find(scope_a(), "ledctrl")->online, 1);
  }
  EXPECT_EQ(topics.find(scope_a(), "ledctrl")->online, 0);
}

TEST_F(cloud_test, tenants_are_isolated_whatever_the_filter) {
  auto a = device(key_a, "ledctrl");
  auto spy = device(key_b);
  spy->subscribe(1, {{"#", 2}, {"ledctrl", 2}});
  spy->expect_suback();
  a->publish("ledctrl", "secret");
  EXPECT_EQ(a->expect_publish().payload, "secret");
  spy->expect_nothing();
  spy->publish("ledctrl/set", "hijack");
  a->expect_nothing();
  EXPECT_EQ(topics.latest(scope_a(), "ledctrl")->value, "secret");
}

TEST_F(cloud_test, unknown_key_gets_0x05_and_mode_b_credentials_work) {
  scripted_peer stranger{*e, clock, binding};
  stranger.send(connect_packet("00000000000000000000000000000000"));
  EXPECT_EQ(stranger.expect_connack().code, mqtt::connack_code::not_authorized);

  auto creds = platform::generate_app_credentials();
  ASSERT_TRUE(creds);
  ASSERT_TRUE(repo.set_app_credentials(key_a, creds->app_id, *platform::hash_secret_key(creds->secret_key)));
  scripted_peer tool{*e, clock, binding};
  auto c = connect_packet("any-tool");
  c.username = creds->app_id;
  c.password = to_bytes(creds->secret_key);
  tool.connect_ok(c);
  tool.publish("ledctrl", "via appID");
  EXPECT_EQ(topics.latest(scope_a(), "ledctrl")->value, "via appID");

  scripted_peer wrong{*e, clock, binding};
  c.password = to_bytes("not the secret");
  wrong.send(c);
  EXPECT_EQ(wrong.expect_connack().code, mqtt::connack_code::bad_username_or_password);
}

TEST_F(cloud_test, tenant_without_auto_create_refuses_unknown_topics) {
  repo.set_auto_create_topics(key_a, false);
  topics.create(scope_a(), "known");
  auto a = device(key_a);
  a->subscribe(1, {{"unknown", 0}, {"known", 0}});
  EXPECT_EQ(a->expect_suback().return_codes, (std::vector<std::uint8_t>{0x80, 0}));
  a->publish("unknown", "x", 1, false, 3);
  a->expect_puback();
  EXPECT_FALSE(topics.exists(scope_a(), "unknown"));
}

TEST_F(cloud_test, history_is_bounded) {
  auto a = device(key_a);
  for (int i = 0; i < 5; ++i) {
    wall_ms += 1000;
    a->publish("temp004/up", std::to_string(i));
  }
  const auto r = topics.find(scope_a(), "temp004");
  ASSERT_EQ(r->history.size(), 3u);
  EXPECT_EQ(r->history.front().value, "2");
  EXPECT_EQ(r->history.back().value, "4");
  EXPECT_EQ(r->latest->time_ms, wall_ms);
}

}  // namespace
