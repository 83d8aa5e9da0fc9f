// mqtt_client: CONNECT contents, CONNACK handling, stop.

#include "client_harness.hpp"

namespace roost::sdk::test {
namespace {

TEST(mqtt_client_connect, sends_client_id_credentials_and_will) {
  client_config c = default_config();
  const std::uint8_t password[] = {'p', 0, 'w'};
  const std::uint8_t will_payload[] = {'g', 'o', 'n', 'e'};
  c.username = "user";
  c.password = std::span<const std::uint8_t>{password};
  c.will = will_config{"status/dev1", will_payload, 1, true};
  c.clean_session = false;
  client_harness h{c};
  h.client.start(h.now);
  ASSERT_TRUE(h.client.wants_open());
  h.client.on_open(h.now);
  auto frames = h.drain();
  ASSERT_EQ(frames.size(), 1u);
  auto connect = mqtt::decode_connect(frames[0].view());
  ASSERT_TRUE(connect.has_value());
  EXPECT_EQ(connect->protocol_name, "MQTT");
  EXPECT_EQ(connect->protocol_level, 4);
  EXPECT_EQ(connect->client_id, "dev1");
  EXPECT_FALSE(connect->clean_session);
  EXPECT_EQ(connect->keep_alive, 30);
  EXPECT_EQ(connect->username, "user");
  EXPECT_EQ(*connect->password, (mqtt::bytes{'p', 0, 'w'}));
  ASSERT_TRUE(connect->will.has_value());
  EXPECT_EQ(connect->will->topic, "status/dev1");
  EXPECT_EQ(connect->will->qos, 1);
  EXPECT_TRUE(connect->will->retain);
  EXPECT_EQ(connect->will->payload, (mqtt::bytes{'g', 'o', 'n', 'e'}));
}

TEST(mqtt_client_connect, mqtt_3_1_uses_mqisdp) {
  client_config c = default_config();
  c.protocol_level = 3;
  client_harness h{c};
  h.client.start(h.now);
  h.client.on_open(h.now);
  auto frames = h.drain();
  auto connect = mqtt::decode_connect(frames.at(0).view());
  ASSERT_TRUE(connect.has_value());
  EXPECT_EQ(connect->protocol_name, "MQIsdp");
  EXPECT_EQ(connect->protocol_level, 3);
}

TEST(mqtt_client_connect, connack_accepted_raises_connected) {
  client_harness h;
  h.connect(true);
  auto connected = h.log.of(event_id::connected);
  ASSERT_EQ(connected.size(), 1u);
  EXPECT_TRUE(connected[0].session_present);
  EXPECT_FALSE(h.client.wants_close());
}

TEST(mqtt_client_connect, refused_connack_reports_code_and_closes) {
  client_harness h;
  h.client.start(h.now);
  h.client.on_open(h.now);
  h.drain();
  h.feed(mqtt::connack{false, mqtt::connack_code::bad_username_or_password});
  auto errors = h.log.of(event_id::error);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].error, client_error::connection_refused);
  EXPECT_EQ(errors[0].connack_code, 4);
  EXPECT_FALSE(h.client.connected());
  EXPECT_TRUE(h.client.wants_close());
  h.close();
  auto gone = h.log.of(event_id::disconnected);
  ASSERT_EQ(gone.size(), 1u);
  EXPECT_EQ(gone[0].error, client_error::connection_refused);
  EXPECT_FALSE(h.client.wants_open());  // waits a backoff first
  EXPECT_GT(h.client.next_deadline(), h.now);
}

TEST(mqtt_client_connect, a_packet_before_connack_is_a_protocol_error) {
  client_harness h;
  h.client.start(h.now);
  h.client.on_open(h.now);
  h.drain();
  h.feed(mqtt::pingresp{});
  ASSERT_EQ(h.log.of(event_id::error).size(), 1u);
  EXPECT_EQ(h.log.of(event_id::error)[0].error, client_error::protocol_error);
  EXPECT_TRUE(h.client.wants_close());
}

TEST(mqtt_client_connect, no_connack_in_time_closes_with_timeout) {
  client_config c = default_config();
  c.connack_timeout_ms = 5000;
  client_harness h{c};
  h.client.start(h.now);
  h.client.on_open(h.now);
  h.drain();
  EXPECT_EQ(h.client.next_deadline(), h.now + 5000);
  h.client.on_tick(h.now + 4999);
  EXPECT_FALSE(h.client.wants_close());
  h.client.on_tick(h.now + 5000);
  EXPECT_TRUE(h.client.wants_close());
  EXPECT_EQ(h.log.of(event_id::error).at(0).error, client_error::timeout);
}

TEST(mqtt_client_connect, stop_sends_disconnect_then_closes_without_reconnect) {
  client_harness h;
  h.connect();
  h.client.stop(h.now);
  EXPECT_FALSE(h.client.wants_close());  // DISCONNECT still to write
  auto frames = h.drain();
  ASSERT_EQ(frames.size(), 1u);
  EXPECT_EQ(frames[0].type(), mqtt::packet_type::disconnect);
  EXPECT_TRUE(h.client.wants_close());
  h.close();
  EXPECT_EQ(h.log.of(event_id::disconnected).at(0).error, client_error::none);
  EXPECT_TRUE(h.client.stopped());
  h.client.on_tick(h.now + 1'000'000);
  EXPECT_FALSE(h.client.wants_open());
}

TEST(mqtt_client_connect, nothing_is_written_after_disconnect_and_a_later_start_sends_it) {
  client_harness h;
  h.connect();
  h.client.stop(h.now);
  ASSERT_TRUE(h.client.publish("t", "later", 1));
  auto frames = h.drain();
  ASSERT_EQ(frames.size(), 1u);
  EXPECT_EQ(frames[0].type(), mqtt::packet_type::disconnect);
  h.close();
  EXPECT_EQ(h.client.offline_queue_size(), 1u);
  h.client.start(h.now);
  auto after = h.connect();
  ASSERT_EQ(after.size(), 2u);
  EXPECT_EQ(after[1].as_publish().topic, "t");
}

TEST(mqtt_client_connect, without_auto_reconnect_a_close_stops_the_client) {
  client_config c = default_config();
  c.auto_reconnect = false;
  client_harness h{c};
  h.connect();
  h.close();
  EXPECT_TRUE(h.client.stopped());
  h.client.on_tick(h.now + 1'000'000);
  EXPECT_FALSE(h.client.wants_open());
}

TEST(mqtt_client_connect, empty_client_id_needs_clean_session) {
  client_config c = default_config();
  c.client_id = "";
  c.clean_session = false;
  client_harness h{c};
  h.client.start(h.now);
  EXPECT_FALSE(h.client.wants_open());
  EXPECT_EQ(h.log.of(event_id::error).at(0).error, client_error::invalid_argument);
}

}  // namespace
}  // namespace roost::sdk::test
