// PUBACK, PUBREC, PUBREL, PUBCOMP and UNSUBACK: a packet id and nothing else.

#include "codec_support.hpp"

namespace roost::mqtt {
namespace {

TEST(decode_puback, round_trips) {
  const bytes wire = {
      0x40, 0x02,  // PUBACK, remaining length 2
      0x00, 0x07,  // packet id 7
  };
  expect_round_trip_v3(wire, puback{7}, decode_puback);
}

TEST(decode_pubrec, round_trips) {
  const bytes wire = {
      0x50, 0x02,  // PUBREC, remaining length 2
      0x01, 0x02,  // packet id 258
  };
  expect_round_trip_v3(wire, pubrec{258}, decode_pubrec);
}

TEST(decode_pubrel, round_trips) {
  const bytes wire = {
      0x62, 0x02,  // PUBREL, flags 0b0010, remaining length 2
      0xff, 0xff,  // packet id 65535
  };
  expect_round_trip_v3(wire, pubrel{65535}, decode_pubrel);
}

TEST(decode_pubcomp, round_trips) {
  const bytes wire = {
      0x70, 0x02,  // PUBCOMP, remaining length 2
      0x00, 0x01,  // packet id 1
  };
  expect_round_trip_v3(wire, pubcomp{1}, decode_pubcomp);
}

TEST(decode_unsuback, round_trips) {
  const bytes wire = {
      0xb0, 0x02,  // UNSUBACK, remaining length 2
      0x00, 0x09,  // packet id 9
  };
  expect_round_trip_v3(wire, unsuback{9}, decode_unsuback);
}

TEST(decode_pubrel, rejects_flags_0_MQTT_3_6_1_1) {
  EXPECT_EQ(v3_error({0x60, 0x02, 0x00, 0x07}, decode_pubrel), error::bad_fixed_header_flags);
}

TEST(decode_puback, rejects_zero_packet_id_MQTT_2_3_1_1) {
  EXPECT_EQ(v3_error({0x40, 0x02, 0x00, 0x00}, decode_puback), error::zero_packet_id);
  EXPECT_EQ(v3_error({0x50, 0x02, 0x00, 0x00}, decode_pubrec), error::zero_packet_id);
  EXPECT_EQ(v3_error({0x62, 0x02, 0x00, 0x00}, decode_pubrel), error::zero_packet_id);
  EXPECT_EQ(v3_error({0x70, 0x02, 0x00, 0x00}, decode_pubcomp), error::zero_packet_id);
  EXPECT_EQ(v3_error({0xb0, 0x02, 0x00, 0x00}, decode_unsuback), error::zero_packet_id);
}

TEST(decode_puback, rejects_short_body) {
  EXPECT_EQ(v3_error({0x40, 0x01, 0x07}, decode_puback), error::truncated);
  EXPECT_EQ(v3_error({0x40, 0x00}, decode_puback), error::truncated);
}

TEST(decode_puback, rejects_trailing_bytes) {
  // MQTT 5 would read a reason code here; 3.1.1 has nothing after the packet id.
  EXPECT_EQ(v3_error({0x40, 0x03, 0x00, 0x07, 0x00}, decode_puback), error::trailing_bytes);
  EXPECT_EQ(v3_error({0x62, 0x03, 0x00, 0x07, 0x00}, decode_pubrel), error::trailing_bytes);
}

TEST(decode_puback, rejects_a_frame_of_another_type) {
  EXPECT_EQ(v3_error({0x50, 0x02, 0x00, 0x07}, decode_puback), error::unexpected_packet);
}

TEST(decode_unsuback, refuses_an_unknown_protocol_version) {
  const bytes wire = {0xb0, 0x02, 0x00, 0x07};
  EXPECT_EQ(error_of(decode_unsuback(frame_of(wire), static_cast<protocol_version>(6))),
            error::unexpected_packet);
}

// --- ack_header: the acknowledgement without properties ------------------------------------------

// The header decoded from `wire` at version `v`, which must decode.
ack_header header_of(const bytes& wire, protocol_version v) {
  const auto d = decode_ack_header(frame_of(wire), v);
  EXPECT_TRUE(d.has_value());
  return d ? *d : ack_header{};
}

TEST(decode_ack_header, reads_each_type_and_encodes_it_back) {
  for (const bytes& wire : {bytes{0x40, 0x02, 0x00, 0x07}, bytes{0x50, 0x02, 0x00, 0x07}, bytes{0x62, 0x02, 0x00, 0x07},
                            bytes{0x70, 0x02, 0x00, 0x07}}) {
    const ack_header h = header_of(wire, protocol_version::v3_1_1);
    EXPECT_EQ(static_cast<std::uint8_t>(h.type), wire[0] >> 4);
    EXPECT_EQ(h.packet_id, 7);
    bytes out;
    encode(h, out, protocol_version::v3_1_1);
    EXPECT_EQ(out, wire);
  }
}

TEST(decode_ack_header, checks_as_the_full_decoders_do) {
  const auto error_at = [](const bytes& wire, protocol_version v) { return error_of(decode_ack_header(frame_of(wire), v)); };
  EXPECT_EQ(error_at({0x60, 0x02, 0x00, 0x07}, protocol_version::v3_1_1), error::bad_fixed_header_flags);
  EXPECT_EQ(error_at({0x40, 0x02, 0x00, 0x00}, protocol_version::v3_1_1), error::zero_packet_id);
  EXPECT_EQ(error_at({0x40, 0x03, 0x00, 0x07, 0x00}, protocol_version::v3_1_1), error::trailing_bytes);
  EXPECT_EQ(error_at({0xb0, 0x02, 0x00, 0x07}, protocol_version::v3_1_1), error::unexpected_packet);
  EXPECT_EQ(error_at({0x40, 0x03, 0x00, 0x07, 0x05}, protocol_version::v5), error::invalid_reason_code);
  // A property that an acknowledgement may not carry (Topic Alias): Malformed, as decode_puback says.
  const bytes bad_property = {0x40, 0x07, 0x00, 0x07, 0x00, 0x03, 0x23, 0x00, 0x01};
  EXPECT_EQ(error_at(bad_property, protocol_version::v5), error_of(decode_puback(frame_of(bad_property), protocol_version::v5)));
}

TEST(decode_ack_header, mqtt5_reason_and_properties_MQTT_3_4_2_1) {
  EXPECT_EQ(header_of({0x50, 0x03, 0x00, 0x07, 0x10}, protocol_version::v5).reason, 0x10);
  // Reason 0x87 and a user property ("k", "v"): the reason is kept, the property dropped.
  const ack_header h = header_of({0x40, 0x0b, 0x00, 0x07, 0x87, 0x07, 0x26, 0x00, 0x01, 'k', 0x00, 0x01, 'v'},
                                 protocol_version::v5);
  EXPECT_EQ(h.packet_id, 7);
  EXPECT_EQ(h.reason, 0x87);
  bytes out;
  encode(h, out, protocol_version::v5);
  EXPECT_EQ(out, (bytes{0x40, 0x03, 0x00, 0x07, 0x87}));
  out.clear();
  encode(ack_header{packet_type::pubcomp, 9, 0}, out, protocol_version::v5);
  EXPECT_EQ(out, (bytes{0x70, 0x02, 0x00, 0x09})) << "reason 0 and no properties: the short form";
}

}  // namespace
}  // namespace roost::mqtt
