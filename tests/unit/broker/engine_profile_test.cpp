// Conversation tests of a listener profile: suffix routing, refused filters, shared client ids
// and the observers' view (published values, live subscriber counts).

#include <map>
#include <string>
#include <vector>

#include "support/scripted_peer.hpp"

using namespace roost;
using namespace roost::test;

namespace {

// A small device-cloud-like profile: "X/set" goes to X's other subscribers, "X/up" to nobody,
// subscriptions to "*/set" and "*/up" are refused, everyone shares client ids.
struct suffix_profile : broker::profile {
  bool shared_client_ids() const override { return true; }
  broker::publish_plan plan_publish(broker::scope_id, std::string_view topic) override {
    if (topic.ends_with("/set")) return {true, topic.substr(0, topic.size() - 4), broker::audience::others};
    if (topic.ends_with("/up")) return {true, topic.substr(0, topic.size() - 3), broker::audience::nobody};
    if (topic == "forbidden") return {false, topic, broker::audience::everyone};
    return {true, topic, broker::audience::everyone};
  }
  bool allow_subscribe(broker::scope_id, std::string_view filter) override {
    return !filter.ends_with("/set") && !filter.ends_with("/up");
  }
  void published(broker::scope_id, std::string_view topic, mqtt::byte_view payload) override {
    values[std::string(topic)] = std::string(payload.begin(), payload.end());
  }
  void subscribed(broker::scope_id, std::string_view filter) override { ++online[std::string(filter)]; }
  void unsubscribed(broker::scope_id, std::string_view filter) override { --online[std::string(filter)]; }

  std::map<std::string, std::string> values;
  std::map<std::string, int> online;
};

struct profile_test : engine_fixture {
  suffix_profile topics;
  broker::listener_binding binding{nullptr, &topics};

  std::unique_ptr<scripted_peer> device(std::string id = "account-key") {
    auto p = std::make_unique<scripted_peer>(*e, clock, binding);
    p->connect_ok(connect_packet(std::move(id), false));
    return p;
  }
  std::unique_ptr<scripted_peer> device_on(std::string topic) {
    auto p = device();
    p->subscribe(1, {{std::move(topic), 1}});
    p->expect_suback();
    return p;
  }
};

TEST_F(profile_test, set_reaches_other_subscribers_but_not_the_sender) {
  auto a = device_on("ledctrl");
  auto b = device_on("ledctrl");
  a->publish("ledctrl/set", "on");
  EXPECT_EQ(b->expect_publish().topic, "ledctrl");
  a->expect_nothing();
  EXPECT_EQ(topics.values["ledctrl/set"], "on");
}

TEST_F(profile_test, plain_publish_reaches_the_sender_too) {
  auto a = device_on("ledctrl");
  a->publish("ledctrl", "off");
  EXPECT_EQ(a->expect_publish().payload, "off");
}

TEST_F(profile_test, up_reaches_nobody_but_is_observed) {
  auto a = device_on("temp004");
  auto b = device_on("temp004");
  a->publish("temp004/up", "#21#40");
  a->expect_nothing();
  b->expect_nothing();
  EXPECT_EQ(topics.values["temp004/up"], "#21#40");
}

TEST_F(profile_test, refused_filters_get_0x80_and_refused_publishes_are_dropped) {
  auto a = device();
  a->subscribe(1, {{"x/set", 0}, {"x", 0}, {"x/up", 1}});
  EXPECT_EQ(a->expect_suback().return_codes, (std::vector<std::uint8_t>{0x80, 0, 0x80}));
  a->publish("forbidden", "v", 1, false, 4);
  EXPECT_EQ(a->expect_puback().packet_id, 4);
  EXPECT_EQ(e->snapshot().messages_dropped, 1u);
  EXPECT_FALSE(topics.values.contains("forbidden"));
}

TEST_F(profile_test, shared_client_ids_do_not_take_over_and_sessions_end_with_the_connection) {
  auto a = device_on("ledctrl");
  auto b = device_on("ledctrl");
  EXPECT_FALSE(a->close_requested);
  EXPECT_EQ(e->snapshot().clients_connected, 2u);
  EXPECT_EQ(topics.online["ledctrl"], 2);
  a.reset();
  EXPECT_EQ(topics.online["ledctrl"], 1) << "the count follows the connection";
  b->send(mqtt::unsubscribe{2, {"ledctrl"}});
  b->expect_unsuback();
  EXPECT_EQ(topics.online["ledctrl"], 0);
  b.reset();
  EXPECT_EQ(topics.online["ledctrl"], 0) << "not decremented twice";
  EXPECT_EQ(e->snapshot().clients_total, 0u);
}

TEST_F(profile_test, keepalive_expiry_lowers_the_count) {
  auto p = std::make_unique<scripted_peer>(*e, clock, binding);
  p->connect_ok(connect_packet("account-key", true, 10));
  p->subscribe(1, {{"ledctrl", 0}});
  p->expect_suback();
  EXPECT_EQ(topics.online["ledctrl"], 1);
  clock.advance(seconds(16));
  e->tick(clock.now);
  EXPECT_TRUE(p->closed_by_server());
  p->drop();
  EXPECT_EQ(topics.online["ledctrl"], 0);
}

TEST_F(profile_test, resubscribing_does_not_count_twice) {
  auto a = device_on("ledctrl");
  a->subscribe(2, {{"ledctrl", 0}});
  a->expect_suback();
  EXPECT_EQ(topics.online["ledctrl"], 1);
}

// A persistent session (standard ids) counts again when its client returns.
struct counting_profile : suffix_profile {
  bool shared_client_ids() const override { return false; }
};

TEST_F(engine_fixture, persistent_session_counts_follow_its_connections) {
  counting_profile topics;
  broker::listener_binding binding{nullptr, &topics};
  {
    scripted_peer a{*e, clock, binding};
    a.connect_ok(connect_packet("dev", false));
    a.subscribe(1, {{"ledctrl", 1}});
    a.expect_suback();
    EXPECT_EQ(topics.online["ledctrl"], 1);
  }
  EXPECT_EQ(topics.online["ledctrl"], 0) << "offline session: not online";
  scripted_peer a{*e, clock, binding};
  EXPECT_TRUE(a.connect_ok(connect_packet("dev", false)));
  EXPECT_EQ(topics.online["ledctrl"], 1) << "resumed";
  scripted_peer b{*e, clock, binding};
  b.connect_ok(connect_packet("dev", false));  // takeover
  EXPECT_EQ(topics.online["ledctrl"], 1);
}

}  // namespace
