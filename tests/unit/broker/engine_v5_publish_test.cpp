// Conversation tests of MQTT 5 PUBLISH at message level: properties passed through, message
// expiry, topic aliases both ways, reason codes on the publish acknowledgements, Receive Maximum
// both ways, Maximum Packet Size.

#include "support/memory_persistence.hpp"
#include "v5_messages.hpp"

using namespace roost;
using namespace roost::test;

namespace {

struct v5_publish_test : engine_fixture {
  // A connected MQTT 5 client; `adjust` may set CONNECT properties first.
  template <class Adjust = void (*)(mqtt::connect&)>
  std::unique_ptr<scripted_peer> v5_client(std::string id, Adjust adjust = [](mqtt::connect&) {}) {
    auto p = std::make_unique<scripted_peer>(*e, clock);
    mqtt::connect c = v5_connect(std::move(id));
    adjust(c);
    p->connect_ok(c);
    return p;
  }
  // A connected MQTT 5 client subscribed to `filter`.
  std::unique_ptr<scripted_peer> v5_subscriber(std::string id, std::string filter, std::uint8_t qos) {
    auto p = v5_client(std::move(id));
    p->subscribe(1, {{std::move(filter), qos}});
    EXPECT_EQ(p->expect_suback().return_codes, std::vector<std::uint8_t>{qos});
    return p;
  }
};

const mqtt::bytes payload = to_bytes("hello");

TEST_F(v5_publish_test, ForwardsPropertiesUnchangedInOrder_MQTT_3_3_2_17_MQTT_3_3_2_18) {
  auto sub = v5_subscriber("s", "a/#", 1);
  auto pub = v5_client("p");
  const auto forwarded = property_block{}
                             .u8(0x01, 1)
                             .str(0x03, "text/plain")
                             .str(0x08, "reply/here")
                             .str(0x09, "corr-17")
                             .pair(0x26, "z", "1")
                             .pair(0x26, "a", "2")
                             .pair(0x26, "z", "3")
                             .bytes;
  pub->send(v5_publish("a/b", payload, 1, 5, forwarded));
  EXPECT_EQ(pub->expect_puback().reason, 0);
  auto m = expect_v5_publish(*sub);
  EXPECT_EQ(m.topic, "a/b");
  EXPECT_EQ(m.payload, "hello");
  EXPECT_EQ(m.forwarded, forwarded);  // payload format, content type, response topic, correlation data, user properties
  EXPECT_EQ(m.user, (std::vector<std::pair<std::string, std::string>>{{"z", "1"}, {"a", "2"}, {"z", "3"}}));
  EXPECT_FALSE(m.expiry.has_value());
}

TEST_F(v5_publish_test, V3SubscriberGetsTheMessageWithoutProperties) {
  auto sub = subscriber("s3", "a/b", 0);
  auto pub = v5_client("p");
  const auto props = property_block{}.pair(0x26, "k", "v").u32(0x02, 30).bytes;
  pub->send(v5_publish("a/b", payload, 0, 0, props));
  auto m = sub->expect_publish();  // decoded as 3.1.1: there is no property block
  EXPECT_EQ(m.topic, "a/b");
  EXPECT_EQ(m.payload, "hello");
}

TEST_F(v5_publish_test, V3PublisherReachesV5SubscriberWithoutProperties) {
  auto sub = v5_subscriber("s", "a/b", 1);
  scripted_peer pub{*e, clock};
  pub.connect_ok(connect_packet("p3"));
  pub.publish("a/b", "plain", 1, false, 3);
  pub.expect_puback();
  auto m = expect_v5_publish(*sub);
  EXPECT_EQ(m.payload, "plain");
  EXPECT_TRUE(m.forwarded.empty());
  EXPECT_FALSE(m.expiry.has_value());
  EXPECT_TRUE(m.ids.empty());
}

TEST_F(v5_publish_test, QueuedMessageIsSentWithTheRemainingExpiry_MQTT_3_3_2_6) {
  auto sub = std::make_unique<scripted_peer>(*e, clock);
  sub->connect_ok(v5_connect("s", false, 3600));
  sub->subscribe(1, {{"a", 1}});
  sub->expect_suback();
  sub->drop();
  auto pub = v5_client("p");
  const auto props = property_block{}.u32(0x02, 60).bytes;
  pub->send(v5_publish("a", payload, 1, 1, props));
  pub->expect_puback();
  clock.advance(std::chrono::seconds(20));
  auto back = std::make_unique<scripted_peer>(*e, clock);
  back->connect_ok(v5_connect("s", false, 3600));
  auto m = expect_v5_publish(*back);
  EXPECT_EQ(m.expiry, 40u);
}

TEST_F(v5_publish_test, ExpiredQueuedMessageIsNotDelivered_MQTT_3_3_2_5) {
  auto sub = std::make_unique<scripted_peer>(*e, clock);
  sub->connect_ok(v5_connect("s", false, 3600));
  sub->subscribe(1, {{"a", 1}});
  sub->expect_suback();
  sub->drop();
  auto pub = v5_client("p");
  pub->send(v5_publish("a", payload, 1, 1, property_block{}.u32(0x02, 5).bytes));
  pub->publish("a", "lasting", 1, false, 2);
  clock.advance(std::chrono::seconds(6));
  e->tick(clock.now);
  auto back = std::make_unique<scripted_peer>(*e, clock);
  back->connect_ok(v5_connect("s", false, 3600));
  auto m = expect_v5_publish(*back);
  EXPECT_EQ(m.payload, "lasting");  // the expired one is gone
  back->send(mqtt::puback{m.packet_id});
  back->expect_nothing();
}

TEST_F(v5_publish_test, ExpiredRetainedMessageIsNotSent_MQTT_3_3_2_5) {
  auto pub = v5_client("p");
  pub->send(v5_publish("r/short", payload, 0, 0, property_block{}.u32(0x02, 10).bytes, true));
  pub->send(v5_publish("r/long", payload, 0, 0, property_block{}.u32(0x02, 100).bytes, true));
  clock.advance(std::chrono::seconds(11));
  e->tick(clock.now);
  auto sub = v5_client("s");
  sub->subscribe(1, {{"r/#", 0}});
  sub->expect_suback();
  auto m = expect_v5_publish(*sub);
  EXPECT_EQ(m.topic, "r/long");
  EXPECT_TRUE(m.retain);
  EXPECT_EQ(m.expiry, 89u);
  sub->expect_nothing();
}

TEST_F(v5_publish_test, InboundTopicAliasIsSetThenUsed_MQTT_3_3_2_12) {
  auto sub = v5_subscriber("s", "long/topic/name", 0);
  auto pub = v5_client("p");
  const auto alias = property_block{}.u16(0x23, 3).bytes;
  pub->send(v5_publish("long/topic/name", to_bytes("one"), 0, 0, alias));
  const mqtt::bytes two = to_bytes("two");
  pub->send(v5_publish("", two, 0, 0, alias));
  EXPECT_EQ(expect_v5_publish(*sub).payload, "one");
  auto m = expect_v5_publish(*sub);
  EXPECT_EQ(m.topic, "long/topic/name");
  EXPECT_EQ(m.payload, "two");
  EXPECT_FALSE(pub->closed_by_server());
}

TEST_F(v5_publish_test, TopicAliasAboveTheMaximumIsDisconnect0x94_MQTT_3_3_2_9) {
  auto s = cfg;
  s.topic_alias_maximum = 4;
  restart(s);
  auto pub = v5_client("p");
  pub->send(v5_publish("a", payload, 0, 0, property_block{}.u16(0x23, 5).bytes));
  EXPECT_EQ(pub->expect_disconnect().reason, 0x94);
  EXPECT_TRUE(pub->closed_by_server());
}

TEST_F(v5_publish_test, UnknownTopicAliasIsDisconnect0x94) {
  auto pub = v5_client("p");
  pub->send(v5_publish("", payload, 0, 0, property_block{}.u16(0x23, 2).bytes));
  EXPECT_EQ(pub->expect_disconnect().reason, 0x94);
  EXPECT_TRUE(pub->closed_by_server());
}

TEST_F(v5_publish_test, TopicAliasesDoNotCarryOverToANewConnection_MQTT_3_3_2_7) {
  auto pub = v5_client("p");
  pub->send(v5_publish("a", payload, 0, 0, property_block{}.u16(0x23, 1).bytes));
  pub->drop();
  auto again = v5_client("p");
  again->send(v5_publish("", payload, 0, 0, property_block{}.u16(0x23, 1).bytes));
  EXPECT_EQ(again->expect_disconnect().reason, 0x94);
}

TEST_F(v5_publish_test, OutboundAliasesFirstComeWithinTheClientMaximum_MQTT_3_3_2_11) {
  auto sub = v5_client("s", [](mqtt::connect& c) { c.props.topic_alias_maximum = 2; });
  sub->subscribe(1, {{"t/#", 0}});
  sub->expect_suback();
  auto pub = v5_client("p");
  for (const char* topic : {"t/1", "t/1", "t/2", "t/3", "t/2", "t/3"}) pub->publish(topic, "x");
  auto m = expect_v5_publish(*sub);
  EXPECT_EQ(m.topic, "t/1");
  EXPECT_EQ(m.alias, 1);
  m = expect_v5_publish(*sub);
  EXPECT_EQ(m.topic, "");  // the alias is known
  EXPECT_EQ(m.alias, 1);
  m = expect_v5_publish(*sub);
  EXPECT_EQ(m.topic, "t/2");
  EXPECT_EQ(m.alias, 2);
  m = expect_v5_publish(*sub);
  EXPECT_EQ(m.topic, "t/3");  // beyond the client's maximum: no alias
  EXPECT_EQ(m.alias, 0);
  m = expect_v5_publish(*sub);
  EXPECT_EQ(m.topic, "");
  EXPECT_EQ(m.alias, 2);
  m = expect_v5_publish(*sub);
  EXPECT_EQ(m.topic, "t/3");
  EXPECT_EQ(m.alias, 0);
}

TEST_F(v5_publish_test, NoOutboundAliasesWhenDisabledOrNotAllowed) {
  auto s = cfg;
  s.outgoing_topic_aliases = false;
  restart(s);
  auto sub = v5_client("s", [](mqtt::connect& c) { c.props.topic_alias_maximum = 5; });
  sub->subscribe(1, {{"t", 0}});
  sub->expect_suback();
  auto pub = v5_client("p");
  pub->publish("t", "x");
  pub->publish("t", "y");
  for (int i = 0; i < 2; ++i) {
    auto m = expect_v5_publish(*sub);
    EXPECT_EQ(m.topic, "t");
    EXPECT_EQ(m.alias, 0);
  }
}

TEST_F(v5_publish_test, PubackAndPubrecSay0x10WhenNobodySubscribed) {
  auto pub = v5_client("p");
  pub->publish("nobody/here", "x", 1, false, 1);
  EXPECT_EQ(pub->expect_puback().reason, 0x10);
  pub->publish("nobody/here", "x", 2, false, 2);
  EXPECT_EQ(pub->expect_pubrec().reason, 0x10);
  pub->send(mqtt::pubrel{2});
  EXPECT_EQ(pub->expect_pubcomp().reason, 0);
  auto sub = v5_subscriber("s", "somebody", 1);
  pub->publish("somebody", "x", 1, false, 3);
  EXPECT_EQ(pub->expect_puback().reason, 0);
}

TEST_F(v5_publish_test, PubrelAndPubrecForUnknownIdsAre0x92) {
  auto c = v5_client("p");
  c->send(mqtt::pubrel{77});
  EXPECT_EQ(c->expect_pubcomp().reason, 0x92);
  c->send(mqtt::pubrec{78});
  EXPECT_EQ(c->expect_pubrel().reason, 0x92);
  EXPECT_FALSE(c->closed_by_server());
}

TEST_F(v5_publish_test, OutboundInFlightIsBoundByTheClientReceiveMaximum_MQTT_3_3_4_9) {
  auto sub = v5_client("s", [](mqtt::connect& c) { c.props.receive_maximum = 2; });
  sub->subscribe(1, {{"q", 1}});
  sub->expect_suback();
  auto pub = v5_client("p");
  for (std::uint16_t id = 1; id <= 4; ++id) {
    pub->publish("q", "m" + std::to_string(id), 1, false, id);
    pub->expect_puback();
  }
  auto first = expect_v5_publish(*sub);
  expect_v5_publish(*sub);
  sub->expect_nothing();  // two in flight: the window is full
  sub->send(mqtt::puback{first.packet_id});
  EXPECT_EQ(expect_v5_publish(*sub).payload, "m3");
  sub->expect_nothing();
}

TEST_F(v5_publish_test, InboundBeyondReceiveMaximumIsDisconnect0x93_MQTT_3_3_4_7) {
  auto s = cfg;
  s.receive_maximum = 2;
  restart(s);
  auto pub = v5_client("p");
  pub->publish("a", "1", 2, false, 1);
  pub->expect_pubrec();
  pub->publish("a", "1", 2, false, 1, true);  // a re-send does not count
  pub->expect_pubrec();
  pub->publish("a", "2", 2, false, 2);
  pub->expect_pubrec();
  pub->publish("a", "3", 2, false, 3);  // a third unacknowledged QoS 2 PUBLISH
  EXPECT_EQ(pub->expect_disconnect().reason, 0x93);
  EXPECT_TRUE(pub->closed_by_server());
}

TEST_F(v5_publish_test, ReleasedIdsNoLongerCountAgainstReceiveMaximum) {
  auto s = cfg;
  s.receive_maximum = 1;
  restart(s);
  auto pub = v5_client("p");
  for (std::uint16_t id = 1; id <= 3; ++id) {
    pub->publish("a", "x", 2, false, id);
    pub->expect_pubrec();
    pub->send(mqtt::pubrel{id});
    pub->expect_pubcomp();
    pub->publish("a", "y", 1, false, id);
    pub->expect_puback();
  }
  EXPECT_FALSE(pub->closed_by_server());
}

TEST_F(v5_publish_test, MessageLargerThanTheClientMaximumIsDiscarded_MQTT_3_1_2_25) {
  auto sub = v5_client("s", [](mqtt::connect& c) { c.props.maximum_packet_size = 64; });
  sub->subscribe(1, {{"big/#", 1}});
  sub->expect_suback();
  auto pub = v5_client("p");
  pub->publish("big/1", std::string(100, 'x'), 1, false, 1);
  pub->expect_puback();
  pub->publish("big/2", "small", 1, false, 2);
  pub->expect_puback();
  auto m = expect_v5_publish(*sub);
  EXPECT_EQ(m.payload, "small");  // the large one was discarded as if sent, leaving no gap in the window
  sub->expect_nothing();
  EXPECT_GE(e->snapshot().messages_dropped, 1u);
}

TEST_F(v5_publish_test, RetainedPublishWhenRetainIsNotAvailableIsDisconnect0x9A) {
  auto s = cfg;
  s.retain_available = false;
  restart(s);
  auto pub = v5_client("p");
  pub->publish("r", "x", 0, true);
  EXPECT_EQ(pub->expect_disconnect().reason, 0x9A);
}

}  // namespace
