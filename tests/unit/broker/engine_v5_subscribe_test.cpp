// Conversation tests of MQTT 5 subscriptions at message level: subscription options (No Local,
// Retain As Published, Retain Handling), Subscription Identifiers, SUBACK and UNSUBACK reason
// codes, and sessions and messages across 3.1.1 and 5.0 clients.

#include "support/memory_persistence.hpp"
#include "v5_messages.hpp"

using namespace roost;
using namespace roost::test;

namespace {

struct v5_subscribe_test : engine_fixture {
  std::unique_ptr<scripted_peer> v5_client(std::string id, bool clean = true,
                                           std::optional<std::uint32_t> expiry = std::nullopt) {
    auto p = std::make_unique<scripted_peer>(*e, clock);
    p->connect_ok(v5_connect(std::move(id), clean, expiry));
    return p;
  }
  // SUBSCRIBE with one entry and an optional Subscription Identifier; returns the SUBACK codes.
  static std::vector<std::uint8_t> subscribe(scripted_peer& p, mqtt::subscription_request r, std::uint32_t id = 0,
                                             std::uint16_t packet_id = 1) {
    mqtt::subscribe s{packet_id, {std::move(r)}};
    if (id != 0) s.props.subscription_identifier = id;
    p.send(s);
    return p.expect_suback().return_codes;
  }
  static mqtt::subscription_request request(std::string filter, std::uint8_t qos, bool no_local = false,
                                            bool retain_as_published = false, std::uint8_t retain_handling = 0) {
    mqtt::subscription_request r;
    r.filter = std::move(filter);
    r.qos = qos;
    r.no_local = no_local;
    r.retain_as_published = retain_as_published;
    r.retain_handling = retain_handling;
    return r;
  }
};

TEST_F(v5_subscribe_test, NoLocalSkipsTheSessionThatPublished_MQTT_3_8_3_3) {
  auto c = v5_client("c");
  EXPECT_EQ(subscribe(*c, request("a", 0, true)), std::vector<std::uint8_t>{0});
  auto other = v5_client("o");
  subscribe(*other, request("a", 0, true));
  c->publish("a", "mine");
  EXPECT_EQ(expect_v5_publish(*other).payload, "mine");  // No Local is about the publisher only
  c->expect_nothing();
  other->publish("a", "theirs");
  EXPECT_EQ(expect_v5_publish(*c).payload, "theirs");
}

TEST_F(v5_subscribe_test, WithoutNoLocalThePublisherGetsItsOwnMessage) {
  auto c = v5_client("c");
  subscribe(*c, request("a", 0));
  c->publish("a", "echo");
  EXPECT_EQ(expect_v5_publish(*c).payload, "echo");
}

TEST_F(v5_subscribe_test, RetainFlagClearedOnEstablishedSubscription_MQTT_3_3_1_12) {
  auto c = v5_client("c");
  subscribe(*c, request("a", 0));
  auto pub = v5_client("p");
  pub->publish("a", "r", 0, true);
  EXPECT_FALSE(expect_v5_publish(*c).retain);
}

TEST_F(v5_subscribe_test, RetainAsPublishedKeepsTheFlag_MQTT_3_3_1_13) {
  auto c = v5_client("c");
  subscribe(*c, request("a", 0, false, true));
  auto pub = v5_client("p");
  pub->publish("a", "r", 0, true);
  pub->publish("a", "n", 0, false);
  EXPECT_TRUE(expect_v5_publish(*c).retain);
  EXPECT_FALSE(expect_v5_publish(*c).retain);
}

TEST_F(v5_subscribe_test, RetainHandling0SendsRetainedOnEverySubscribe_MQTT_3_3_1_9) {
  auto pub = v5_client("p");
  pub->publish("r", "kept", 0, true);
  auto c = v5_client("c");
  subscribe(*c, request("r", 0, false, false, 0));
  EXPECT_EQ(expect_v5_publish(*c).payload, "kept");
  subscribe(*c, request("r", 0, false, false, 0), 0, 2);
  auto m = expect_v5_publish(*c);
  EXPECT_EQ(m.payload, "kept");
  EXPECT_TRUE(m.retain);
}

TEST_F(v5_subscribe_test, RetainHandling1SendsRetainedOnlyForANewSubscription_MQTT_3_3_1_10) {
  auto pub = v5_client("p");
  pub->publish("r", "kept", 0, true);
  auto c = v5_client("c");
  subscribe(*c, request("r", 0, false, false, 1));
  EXPECT_EQ(expect_v5_publish(*c).payload, "kept");
  subscribe(*c, request("r", 0, false, false, 1), 0, 2);
  c->expect_nothing();
}

TEST_F(v5_subscribe_test, RetainHandling2NeverSendsRetained_MQTT_3_3_1_11) {
  auto pub = v5_client("p");
  pub->publish("r", "kept", 0, true);
  auto c = v5_client("c");
  subscribe(*c, request("r", 0, false, false, 2));
  c->expect_nothing();
  pub->publish("r", "live", 0, false);
  EXPECT_EQ(expect_v5_publish(*c).payload, "live");
}

TEST_F(v5_subscribe_test, EveryMatchingSubscriptionIdentifierIsSent_MQTT_3_3_4_3_MQTT_3_3_4_4) {
  auto c = v5_client("c");
  subscribe(*c, request("a/+", 1), 7);
  subscribe(*c, request("a/#", 0), 9, 2);
  subscribe(*c, request("#", 0), 0, 3);  // no identifier
  auto pub = v5_client("p");
  pub->publish("a/b", "x", 1, false, 1);
  auto m = expect_v5_publish(*c);
  EXPECT_EQ(m.qos, 1);  // one copy, at the highest granted QoS
  std::sort(m.ids.begin(), m.ids.end());
  EXPECT_EQ(m.ids, (std::vector<std::uint32_t>{7, 9}));
  c->expect_nothing();
}

TEST_F(v5_subscribe_test, ReplacedSubscriptionTakesTheNewIdentifierAndOptions_MQTT_3_8_4_3) {
  auto c = v5_client("c");
  subscribe(*c, request("a", 0), 7);
  subscribe(*c, request("a", 1, true), 8, 2);
  auto other = v5_client("o");
  other->publish("a", "x", 1, false, 1);
  auto m = expect_v5_publish(*c);
  EXPECT_EQ(m.ids, std::vector<std::uint32_t>{8});
  EXPECT_EQ(m.qos, 1);
  c->publish("a", "own");  // now No Local
  c->expect_nothing();
}

TEST_F(v5_subscribe_test, RetainedMessageCarriesTheIdentifierOfTheNewSubscription) {
  auto pub = v5_client("p");
  pub->publish("r", "kept", 0, true);
  auto c = v5_client("c");
  subscribe(*c, request("r", 0), 42);
  auto m = expect_v5_publish(*c);
  EXPECT_TRUE(m.retain);
  EXPECT_EQ(m.ids, std::vector<std::uint32_t>{42});
}

TEST_F(v5_subscribe_test, SubackRefusalsCarryV5ReasonCodes) {
  auto s = cfg;
  s.max_topic_levels = 2;
  restart(s);
  auto c = v5_client("c");
  EXPECT_EQ(subscribe(*c, request("a/b/c", 1)), std::vector<std::uint8_t>{0x8F});
  scripted_peer v3{*e, clock};
  v3.connect_ok(connect_packet("v3"));
  v3.subscribe(1, {{"a/b/c", 1}});
  EXPECT_EQ(v3.expect_suback().return_codes, std::vector<std::uint8_t>{0x80});
}

TEST_F(v5_subscribe_test, UnsubackHasAReasonCodePerFilter_MQTT_3_11_3_1) {
  auto c = v5_client("c");
  subscribe(*c, request("a", 0));
  mqtt::unsubscribe u;
  u.packet_id = 4;
  u.filters = {"a", "never", "a"};
  c->send(u);
  auto ack = c->expect_unsuback();
  EXPECT_EQ(ack.packet_id, 4);
  EXPECT_EQ(ack.reason_codes, (std::vector<std::uint8_t>{0x00, 0x11, 0x11}));
}

TEST_F(v5_subscribe_test, V3SessionResumedByV5ClientAndBack) {
  memory_persistence store;
  e->persist_to(&store);
  // A 3.1.1 persistent session with a subscription and a queued message.
  scripted_peer v3{*e, clock};
  v3.connect_ok(connect_packet("dev", false));
  v3.subscribe(1, {{"d/#", 1}});
  v3.expect_suback();
  v3.drop();
  auto pub = v5_client("p");
  const auto props = property_block{}.pair(0x26, "k", "v").bytes;
  const mqtt::bytes one = to_bytes("one");
  pub->send(v5_publish("d/1", one, 1, 1, props));
  // The same client id comes back speaking MQTT 5: the session and its message are there, with
  // the properties the publisher sent.
  auto v5 = std::make_unique<scripted_peer>(*e, clock);
  mqtt::connect c = v5_connect("dev", false, 3600);
  v5->send(c);
  EXPECT_TRUE(v5->expect_connack().session_present);
  auto m = expect_v5_publish(*v5);
  EXPECT_EQ(m.payload, "one");
  EXPECT_EQ(m.user, (std::vector<std::pair<std::string, std::string>>{{"k", "v"}}));
  v5->send(mqtt::puback{m.packet_id});
  v5->drop();
  // Another message while it is away, then back as 3.1.1: no properties, same subscription.
  pub->send(v5_publish("d/2", one, 1, 2, props));
  scripted_peer again{*e, clock};
  EXPECT_TRUE(again.connect_ok(connect_packet("dev", false)));
  auto plain = again.expect_publish();
  EXPECT_EQ(plain.topic, "d/2");
  EXPECT_EQ(plain.qos, 1);
  again.send(mqtt::puback{plain.packet_id});
  again.expect_nothing();
}

TEST_F(v5_subscribe_test, OptionsAndIdentifiersSurviveARestart) {
  memory_persistence store;
  e->persist_to(&store);
  {
    auto c = v5_client("c", false, 3600);
    subscribe(*c, request("a", 1, true, true, 0), 12);
  }
  const auto stored = store.load();
  ASSERT_EQ(stored.size(), 1u);
  ASSERT_EQ(stored[0].subscriptions.size(), 1u);
  const broker::subscription_options expected{1, true, true, 0, 12};
  EXPECT_EQ(stored[0].subscriptions[0].second, expected);
  restart(cfg);
  e->restore_sessions(stored);
  e->persist_to(&store);
  auto back = std::make_unique<scripted_peer>(*e, clock);
  back->send(v5_connect("c", false, 3600));
  EXPECT_TRUE(back->expect_connack().session_present);
  back->publish("a", "own", 0, true);  // No Local: not to itself
  back->expect_nothing();
  auto pub = v5_client("p");
  pub->publish("a", "x", 1, true, 1);
  auto m = expect_v5_publish(*back);
  EXPECT_TRUE(m.retain);  // Retain As Published
  EXPECT_EQ(m.ids, std::vector<std::uint32_t>{12});
}

}  // namespace
