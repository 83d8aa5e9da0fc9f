// Conversation tests of MQTT 5 sessions and wills: Session Expiry Interval (at CONNECT and
// DISCONNECT), Will Delay Interval, DISCONNECT reason codes from the client.

#include "v5_messages.hpp"

using namespace roost;
using namespace roost::test;
using mqtt::reason_code;

namespace {

// A v5 client `id` with session expiry `expiry`, subscribed to "t" at QoS 1.
std::unique_ptr<scripted_peer> v5_subscriber(broker::engine& e, manual_clock& clock, std::string id,
                                             std::optional<std::uint32_t> expiry) {
  auto p = std::make_unique<scripted_peer>(e, clock);
  p->send(v5_connect(std::move(id), true, expiry));
  EXPECT_EQ(p->expect_connack().reason, 0);
  p->subscribe(1, {{"t", 1}});
  p->expect_suback();
  return p;
}

// Connects `id` again without Clean Start; returns session_present.
bool resumes(broker::engine& e, manual_clock& clock, std::string id, std::uint32_t expiry = 60) {
  scripted_peer p{e, clock};
  p.send(v5_connect(std::move(id), false, expiry));
  return p.expect_connack().session_present;
}

mqtt::will_message will(std::optional<std::uint32_t> delay) {
  mqtt::will_message w;
  w.topic = "will";
  w.payload = to_bytes("gone");
  w.props.will_delay_interval = delay;
  return w;
}

// The v5 client "a", connected with Session Expiry Interval `expiry` (nullopt: absent) and a will
// ("gone" on "will") with Will Delay Interval `delay`.
std::unique_ptr<scripted_peer> will_client(broker::engine& e, manual_clock& clock, std::optional<std::uint32_t> expiry,
                                           std::optional<std::uint32_t> delay) {
  auto a = std::make_unique<scripted_peer>(e, clock);
  auto c = v5_connect("a", true, expiry);
  c.will = will(delay);
  a->send(c);
  a->expect_connack();
  return a;
}

void tick(broker::engine& e, manual_clock& clock, duration d) {
  clock.advance(d);
  e.tick(clock.now);
}

using v5_session_test = engine_fixture;

TEST_F(v5_session_test, SessionExpiryZeroEndsAtClose_MQTT_3_1_2_23) {
  auto a = v5_subscriber(*e, clock, "a", std::nullopt);
  a->drop();
  EXPECT_FALSE(resumes(*e, clock, "a"));
}

TEST_F(v5_session_test, SessionIsKeptForItsExpiryInterval_MQTT_3_1_2_23) {
  auto a = v5_subscriber(*e, clock, "a", 10);
  a->drop();
  tick(*e, clock, seconds(9));
  EXPECT_TRUE(resumes(*e, clock, "a", 10)) << "back in time: the session resumes";
  // That connection closed again: the interval starts over.
  tick(*e, clock, seconds(9));
  EXPECT_EQ(e->snapshot().clients_total, 1u);
  tick(*e, clock, seconds(2));
  EXPECT_EQ(e->snapshot().clients_total, 0u) << "expired";
  EXPECT_FALSE(resumes(*e, clock, "a"));
}

TEST_F(v5_session_test, MaximumExpiryNeverExpires_MQTT_3_1_2_23) {
  auto a = v5_subscriber(*e, clock, "a", 0xFFFFFFFF);
  a->drop();
  tick(*e, clock, std::chrono::hours(24 * 400));
  EXPECT_TRUE(resumes(*e, clock, "a"));
}

TEST_F(v5_session_test, ExpiryIsCappedAndTheCapReturnedInConnack_MQTT_3_2_2_11) {
  broker::settings s;
  s.max_session_expiry = 30;
  restart(s);
  scripted_peer a{*e, clock};
  a.send(v5_connect("a", true, 3600));
  EXPECT_EQ(a.expect_connack().props.session_expiry_interval, 30u);
  a.drop();
  tick(*e, clock, seconds(31));
  EXPECT_FALSE(resumes(*e, clock, "a"));
}

TEST_F(v5_session_test, QueuedMessagesWaitForAnOfflineSession) {
  auto a = v5_subscriber(*e, clock, "a", 60);
  a->drop();
  scripted_peer pub{*e, clock};
  pub.connect_ok(connect_packet("p"));
  pub.publish("t", "kept", 1, false, 7);
  pub.expect_puback();
  scripted_peer back{*e, clock};
  back.send(v5_connect("a", false, 60));
  EXPECT_TRUE(back.expect_connack().session_present);
  EXPECT_EQ(back.expect_publish().payload, "kept");
}

TEST_F(v5_session_test, DisconnectCannotSetExpiryOnASessionWithout_MQTT_3_14_2_2) {
  auto watcher = subscriber("w", "will", 0);
  auto a = will_client(*e, clock, 0, std::nullopt);
  mqtt::disconnect d;
  d.props.session_expiry_interval = 10;
  a->send(d);
  EXPECT_EQ(a->expect_disconnect().reason, mqtt::to_byte(reason_code::protocol_error));
  EXPECT_TRUE(a->closed_by_server());
  a->drop();
  EXPECT_EQ(watcher->expect_publish().topic, "will") << "a protocol error keeps the will";
}

TEST_F(v5_session_test, DisconnectCanEndAPersistentSession_MQTT_3_14_2_2) {
  auto a = v5_subscriber(*e, clock, "a", 60);
  mqtt::disconnect d;
  d.props.session_expiry_interval = 0;
  a->send(d);
  a->drop();
  EXPECT_FALSE(resumes(*e, clock, "a"));
}

TEST_F(v5_session_test, DisconnectCanShortenTheExpiry) {
  auto a = v5_subscriber(*e, clock, "a", 60);
  mqtt::disconnect d;
  d.props.session_expiry_interval = 5;
  a->send(d);
  a->drop();
  tick(*e, clock, seconds(6));
  EXPECT_FALSE(resumes(*e, clock, "a"));
}

TEST_F(v5_session_test, NormalDisconnectDiscardsTheWill_MQTT_3_14_4_3) {
  auto watcher = subscriber("w", "will", 0);
  auto a = will_client(*e, clock, 0, std::nullopt);
  a->send(mqtt::disconnect{});
  a->drop();
  watcher->expect_nothing();
}

TEST_F(v5_session_test, DisconnectWithWillMessagePublishesIt_MQTT_3_14_2_1) {
  auto watcher = subscriber("w", "will", 0);
  auto a = will_client(*e, clock, 0, std::nullopt);
  a->send(mqtt::disconnect{mqtt::to_byte(reason_code::disconnect_with_will_message), {}});
  EXPECT_TRUE(a->closed_by_server());
  a->drop();
  EXPECT_EQ(watcher->expect_publish().payload, "gone");
}

TEST_F(v5_session_test, WillWaitsForItsDelay_MQTT_3_1_3_9) {
  auto watcher = subscriber("w", "will", 0);
  auto a = will_client(*e, clock, 60, 5);
  a->drop();
  tick(*e, clock, seconds(4));
  watcher->expect_nothing();
  tick(*e, clock, seconds(1));
  EXPECT_EQ(watcher->expect_publish().topic, "will");
}

TEST_F(v5_session_test, WillIsNotPublishedWhenTheClientReturnsInTime_MQTT_3_1_3_9) {
  auto watcher = subscriber("w", "will", 0);
  auto a = will_client(*e, clock, 60, 5);
  a->drop();
  tick(*e, clock, seconds(3));
  EXPECT_TRUE(resumes(*e, clock, "a"));
  tick(*e, clock, seconds(10));
  watcher->expect_nothing();
}

TEST_F(v5_session_test, WillIsPublishedWhenTheSessionEndsBeforeTheDelay_MQTT_3_1_3_9) {
  auto watcher = subscriber("w", "will", 0);
  auto a = will_client(*e, clock, 2, 100);
  a->drop();
  tick(*e, clock, seconds(2));
  EXPECT_EQ(watcher->expect_publish().topic, "will");
}

TEST_F(v5_session_test, WillOfASessionWithoutExpiryIsPublishedAtClose_MQTT_3_1_3_9) {
  auto watcher = subscriber("w", "will", 0);
  auto a = will_client(*e, clock, 0, 100);
  a->drop();
  EXPECT_EQ(watcher->expect_publish().topic, "will") << "the session ended: the earlier of the two";
}

TEST_F(v5_session_test, CleanStartEndsTheSessionAndPublishesAPendingWill_MQTT_3_1_2_4) {
  auto watcher = subscriber("w", "will", 0);
  auto a = will_client(*e, clock, 60, 100);
  a->drop();
  scripted_peer b{*e, clock};
  b.send(v5_connect("a", true, 60));
  EXPECT_FALSE(b.expect_connack().session_present);
  EXPECT_EQ(watcher->expect_publish().topic, "will");
}

TEST_F(v5_session_test, Mqtt311PersistentSessionNeverExpires) {
  auto a = subscriber("a", "t", 1, false);
  a->drop();
  tick(*e, clock, std::chrono::hours(24 * 400));
  scripted_peer back{*e, clock};
  EXPECT_TRUE(back.connect_ok(connect_packet("a", false)));
}

}  // namespace
