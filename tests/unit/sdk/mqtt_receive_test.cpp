// mqtt_client: incoming messages at QoS 0, 1 and 2, oversize and malformed input.

#include "client_harness.hpp"

namespace roost::sdk::test {
namespace {

mqtt::publish incoming(std::string_view topic, std::string_view payload, std::uint8_t qos,
                       std::uint16_t id, bool dup = false) {
  mqtt::publish p;
  p.topic = topic;
  p.payload = {reinterpret_cast<const std::uint8_t*>(payload.data()), payload.size()};
  p.qos = qos;
  p.packet_id = id;
  p.dup = dup;
  return p;
}

TEST(mqtt_client_receive, qos0_is_delivered_without_ack) {
  client_harness h;
  h.connect();
  h.feed(incoming("ledctrl", "on", 0, 0));
  auto data = h.log.of(event_id::data);
  ASSERT_EQ(data.size(), 1u);
  EXPECT_EQ(data[0].topic, "ledctrl");
  EXPECT_EQ(data[0].payload, "on");
  EXPECT_TRUE(h.drain().empty());
}

TEST(mqtt_client_receive, qos1_is_delivered_and_acked) {
  client_harness h;
  h.connect();
  h.feed(incoming("t", "m", 1, 9));
  EXPECT_EQ(h.log.of(event_id::data).at(0).qos, 1);
  auto frames = h.drain();
  ASSERT_EQ(frames.size(), 1u);
  EXPECT_EQ(frames[0].type(), mqtt::packet_type::puback);
  EXPECT_EQ(frames[0].packet_id(), 9);
}

TEST(mqtt_client_receive, qos2_is_delivered_once_until_pubrel) {
  client_harness h;
  h.connect();
  h.feed(incoming("t", "m", 2, 5));
  auto frames = h.drain();
  ASSERT_EQ(frames.size(), 1u);
  EXPECT_EQ(frames[0].type(), mqtt::packet_type::pubrec);
  EXPECT_EQ(frames[0].packet_id(), 5);
  h.feed(incoming("t", "m", 2, 5, true));  // the broker did not see our PUBREC
  EXPECT_EQ(h.log.of(event_id::data).size(), 1u);
  frames = h.drain();
  ASSERT_EQ(frames.size(), 1u);
  EXPECT_EQ(frames[0].type(), mqtt::packet_type::pubrec);
  h.feed(mqtt::pubrel{5});
  frames = h.drain();
  ASSERT_EQ(frames.size(), 1u);
  EXPECT_EQ(frames[0].type(), mqtt::packet_type::pubcomp);
  EXPECT_EQ(frames[0].packet_id(), 5);
  h.feed(incoming("t", "again", 2, 5));  // the id is free again: a new message
  EXPECT_EQ(h.log.of(event_id::data).size(), 2u);
}

TEST(mqtt_client_receive, qos2_id_is_held_across_a_resumed_session) {
  client_harness h;
  h.connect();
  h.feed(incoming("t", "m", 2, 5));
  h.drain();
  h.close();
  h.reconnect(true);
  h.feed(incoming("t", "m", 2, 5, true));
  EXPECT_EQ(h.log.of(event_id::data).size(), 1u);
}

TEST(mqtt_client_receive, a_frame_split_across_reads_is_assembled) {
  client_harness h;
  h.connect();
  mqtt::bytes b;
  mqtt::encode(incoming("topic/x", "payload", 1, 3), b);
  for (std::uint8_t byte : b) h.client.on_received(std::span<const std::uint8_t>{&byte, 1}, h.now);
  ASSERT_EQ(h.log.of(event_id::data).size(), 1u);
  EXPECT_EQ(h.log.of(event_id::data)[0].payload, "payload");
}

TEST(mqtt_client_receive, many_frames_in_one_read_are_all_handled) {
  client_harness h;
  h.connect();
  mqtt::bytes b;
  for (int i = 0; i < 10; ++i)
    mqtt::encode(incoming("t", "m", 1, static_cast<std::uint16_t>(i + 1)), b);
  h.client.on_received(b, h.now);
  EXPECT_EQ(h.log.of(event_id::data).size(), 10u);
  EXPECT_EQ(h.drain().size(), 10u);  // ten PUBACKs
}

TEST(mqtt_client_receive, a_packet_larger_than_rx_is_an_error_and_closes) {
  client_harness h{default_config(), 512, 64, 4096};
  h.connect();
  h.feed(incoming("t", std::string(100, 'x'), 0, 0));
  EXPECT_TRUE(h.log.of(event_id::data).empty());
  ASSERT_EQ(h.log.of(event_id::error).size(), 1u);
  EXPECT_EQ(h.log.of(event_id::error)[0].error, client_error::too_large);
  EXPECT_TRUE(h.client.wants_close());
  EXPECT_TRUE(h.client.output().empty());
  h.close();
  EXPECT_EQ(h.log.of(event_id::disconnected).at(0).error, client_error::too_large);
  h.reconnect();  // the next stream starts clean
  h.feed(incoming("t", "small", 0, 0));
  EXPECT_EQ(h.log.of(event_id::data).size(), 1u);
}

TEST(mqtt_client_receive, malformed_broker_input_is_a_protocol_error) {
  const std::vector<std::vector<std::uint8_t>> cases = {
      {0x36, 0x05, 0x00, 0x01, 't', 0x00, 0x01},  // PUBLISH with QoS 3
      {0x00, 0x00},                               // reserved packet type 0
      {0x30, 0xFF, 0xFF, 0xFF, 0xFF, 0x01},       // remaining length of 5 bytes
      {0x40, 0x03, 0x00, 0x01, 0x00},             // PUBACK with a trailing byte
      {0x90, 0x03, 0x00, 0x01, 0x07},             // SUBACK with a reserved return code
      {0x10, 0x02, 0x00, 0x00},                   // CONNECT sent to a client
      {0x20, 0x02, 0x00, 0x00},                   // a second CONNACK
  };
  for (const auto& bytes : cases) {
    client_harness h;
    h.connect();
    h.feed_raw(bytes);
    ASSERT_EQ(h.log.of(event_id::error).size(), 1u) << "case " << int(bytes[0]);
    EXPECT_EQ(h.log.of(event_id::error)[0].error, client_error::protocol_error);
    EXPECT_TRUE(h.client.wants_close());
  }
}

}  // namespace
}  // namespace roost::sdk::test
