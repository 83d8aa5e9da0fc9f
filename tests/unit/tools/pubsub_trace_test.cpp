// -d: packets described in mosquitto's words, whatever way the stream is split.

#include <gtest/gtest.h>

#include "roost/mqtt/encode.hpp"
#include "roost/tools/pubsub/trace_packets.hpp"

namespace {

namespace mqtt = roost::mqtt;
using roost::tools::packet_tracer;

constexpr auto v311 = mqtt::protocol_version::v3_1_1;

template <class Packet>
mqtt::bytes encoded(const Packet& p) {
  mqtt::bytes out;
  mqtt::encode(p, out);
  return out;
}

std::vector<std::string> trace(const mqtt::bytes& stream, bool sending, std::size_t piece) {
  std::vector<std::string> lines;
  packet_tracer t(v311, sending, [&](const std::string& d) { lines.push_back(d); });
  for (std::size_t at = 0; at < stream.size(); at += piece) {
    const std::size_t n = std::min(piece, stream.size() - at);
    t.feed(std::span<const std::uint8_t>{stream.data() + at, n});
  }
  return lines;
}

TEST(TracePackets, ClientSideConversation) {
  mqtt::bytes sent;
  mqtt::connect c;
  c.client_id = "me";
  mqtt::encode(c, sent);
  const std::uint8_t payload[] = {'h', 'e', 'l', 'l', 'o'};
  mqtt::encode(mqtt::publish{false, 1, true, "a/b", 9, payload}, sent);
  mqtt::encode(mqtt::pubrel{4}, sent);
  mqtt::encode(mqtt::subscribe{2, {{"x/#", 1}, {"y", 0}}}, sent);
  mqtt::encode(mqtt::pingreq{}, sent);
  mqtt::encode(mqtt::disconnect{}, sent);
  const std::vector<std::string> want{
      "CONNECT",
      "PUBLISH (d0, q1, r1, m9, 'a/b', ... (5 bytes))",
      "PUBREL (m4)",
      "SUBSCRIBE (Mid: 2, Topic: x/#, QoS: 1, Options: 0x00), (Mid: 2, Topic: y, QoS: 0, Options: 0x00)",
      "PINGREQ",
      "DISCONNECT"};
  for (std::size_t piece : {std::size_t{1}, std::size_t{3}, sent.size()}) {
    EXPECT_EQ(trace(sent, true, piece), want) << "pieces of " << piece;
  }
}

TEST(TracePackets, BrokerSideConversation) {
  mqtt::bytes received;
  mqtt::encode(mqtt::connack{false, mqtt::connack_code::not_authorized}, received);
  mqtt::encode(mqtt::puback{1}, received);
  mqtt::encode(mqtt::pubrec{2}, received);
  mqtt::encode(mqtt::pubcomp{2}, received);
  mqtt::encode(mqtt::suback{3, {1}}, received);
  mqtt::encode(mqtt::publish{true, 1, false, "t", 3, {}}, received);
  mqtt::encode(mqtt::pingresp{}, received);
  const std::vector<std::string> want{"CONNACK (5)",
                                      "PUBACK (Mid: 1, RC:0)",
                                      "PUBREC (Mid: 2)",
                                      "PUBCOMP (Mid: 2, RC:0)",
                                      "SUBACK",
                                      "PUBLISH (d1, q1, r0, m3, 't', ... (0 bytes))",
                                      "PINGRESP"};
  EXPECT_EQ(trace(received, false, 2), want);
}

TEST(TracePackets, AcksSentByTheClient) {
  mqtt::bytes sent;
  mqtt::encode(mqtt::puback{5}, sent);
  mqtt::encode(mqtt::pubrec{6}, sent);
  mqtt::encode(mqtt::pubcomp{6}, sent);
  EXPECT_EQ(trace(sent, true, sent.size()),
            (std::vector<std::string>{"PUBACK (m5, rc0)", "PUBREC (m6, rc0)", "PUBCOMP (m6)"}));
}

TEST(TracePackets, GarbageIsSaidOnce) {
  const mqtt::bytes junk{0x00, 0x01, 0x02, 0x03};
  EXPECT_EQ(trace(junk, false, 1), std::vector<std::string>{"bytes that are not MQTT"});
}

TEST(TracePackets, MalformedBodyIsNamed) {
  const mqtt::bytes bad_connack{0x20, 0x01, 0x00};  // CONNACK needs 2 bytes
  EXPECT_EQ(trace(bad_connack, false, 3), std::vector<std::string>{"CONNACK (malformed)"});
}

TEST(TracePackets, ResetForgetsAPartialFrame) {
  std::vector<std::string> lines;
  packet_tracer t(v311, false, [&](const std::string& d) { lines.push_back(d); });
  const std::uint8_t half[] = {0x30, 0x10, 0x00};
  t.feed(half);
  t.reset();
  const auto ping = encoded(mqtt::pingresp{});
  t.feed(ping);
  EXPECT_EQ(lines, std::vector<std::string>{"PINGRESP"});
}

}  // namespace
