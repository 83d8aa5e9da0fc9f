// CONNECT: round trips in MQTT 3.1 and 3.1.1, and every flag rule of section 3.1.2.

#include "codec_support.hpp"

namespace roost::mqtt {
namespace {

TEST(decode_connect, round_trips_minimal_3_1_1) {
  const bytes wire = {
      0x10, 0x10,                          // CONNECT, remaining length 16
      0x00, 0x04, 'M', 'Q', 'T', 'T',      // protocol name "MQTT"
      0x04,                                // protocol level 4 (3.1.1)
      0x02,                                // flags: clean session
      0x00, 0x3c,                          // keep alive 60 s
      0x00, 0x04, 'd', 'e', 'v', '1',      // client id "dev1"
  };
  connect expected;
  expected.keep_alive = 60;
  expected.client_id = "dev1";
  expect_round_trip(wire, expected, decode_connect);
}

TEST(decode_connect, round_trips_will_user_and_password_3_1_1) {
  const bytes wire = {
      0x10, 0x2f,                          // CONNECT, remaining length 47
      0x00, 0x04, 'M', 'Q', 'T', 'T',      // protocol name "MQTT"
      0x04,                                // protocol level 4
      0xee,                                // flags: user, password, will retain, will qos 1,
                                           //        will, clean session
      0x00, 0x0a,                          // keep alive 10 s
      0x00, 0x04, 'd', 'e', 'v', '1',      // client id "dev1"
      0x00, 0x0b, 's', 't', 'a', 't', 'u', 's', '/', 'd', 'e', 'v', '1',  // will topic
      0x00, 0x04, 'g', 'o', 'n', 'e',      // will message "gone"
      0x00, 0x05, 'a', 'l', 'i', 'c', 'e', // user name "alice"
      0x00, 0x03, 0x00, 0xff, 's',         // password: binary, not UTF-8
  };
  connect expected;
  expected.keep_alive = 10;
  expected.client_id = "dev1";
  expected.will = will_message{"status/dev1", {'g', 'o', 'n', 'e'}, 1, true};
  expected.username = "alice";
  expected.password = bytes{0x00, 0xff, 's'};
  expect_round_trip(wire, expected, decode_connect);
}

TEST(decode_connect, round_trips_persistent_session_with_empty_will_message) {
  const bytes wire = {
      0x10, 0x12,                          // CONNECT, remaining length 18
      0x00, 0x04, 'M', 'Q', 'T', 'T',      // protocol name "MQTT"
      0x04,                                // protocol level 4
      0x14,                                // flags: will qos 2, will; clean session 0
      0x00, 0x00,                          // keep alive off
      0x00, 0x00,                          // client id "" (the broker judges it)
      0x00, 0x02, 'w', 't',                // will topic "wt"
      0x00, 0x00,                          // will message: empty
  };
  connect expected;
  expected.clean_session = false;
  expected.will = will_message{"wt", {}, 2, false};
  expect_round_trip(wire, expected, decode_connect);
}

TEST(decode_connect, round_trips_mqtt_3_1_MQIsdp) {
  const bytes wire = {
      0x10, 0x10,                                  // CONNECT, remaining length 16
      0x00, 0x06, 'M', 'Q', 'I', 's', 'd', 'p',    // protocol name "MQIsdp"
      0x03,                                        // protocol level 3 (MQTT 3.1)
      0x02,                                        // flags: clean session
      0x00, 0x0a,                                  // keep alive 10 s
      0x00, 0x02, 'c', '1',                        // client id "c1"
  };
  connect expected;
  expected.protocol_name = "MQIsdp";
  expected.protocol_level = 3;
  expected.keep_alive = 10;
  expected.client_id = "c1";
  expect_round_trip(wire, expected, decode_connect);
}

TEST(decode_connect, round_trips_mqtt_3_1_with_will_user_and_password) {
  const bytes wire = {
      0x10, 0x24,                                  // CONNECT, remaining length 36
      0x00, 0x06, 'M', 'Q', 'I', 's', 'd', 'p',    // protocol name "MQIsdp"
      0x03,                                        // protocol level 3
      0xcc,                                        // flags: user, password, will qos 1, will
      0x01, 0x2c,                                  // keep alive 300 s
      0x00, 0x02, 'c', '1',                        // client id "c1"
      0x00, 0x03, 'l', '/', 'c',                   // will topic "l/c"
      0x00, 0x03, 'b', 'y', 'e',                   // will message "bye"
      0x00, 0x02, 'u', '1',                        // user name "u1"
      0x00, 0x04, 'p', 'a', 's', 's',              // password "pass"
  };
  connect expected;
  expected.protocol_name = "MQIsdp";
  expected.protocol_level = 3;
  expected.clean_session = false;
  expected.keep_alive = 300;
  expected.client_id = "c1";
  expected.will = will_message{"l/c", {'b', 'y', 'e'}, 1, false};
  expected.username = "u1";
  expected.password = bytes{'p', 'a', 's', 's'};
  expect_round_trip(wire, expected, decode_connect);
}

// [MQTT-3.1.2-1] [MQTT-3.1.2-2]: the server answers a wrong name or level with CONNACK 0x01,
// so the decoder hands both over instead of failing.
TEST(decode_connect, leaves_unknown_protocol_name_to_the_caller_MQTT_3_1_2_1) {
  const bytes wire = {
      0x10, 0x0c,                          // CONNECT, remaining length 12
      0x00, 0x04, 'M', 'Q', 'T', 'X',      // protocol name "MQTX"
      0x04,                                // protocol level 4
      0x02,                                // flags: clean session
      0x00, 0x00,                          // keep alive off
      0x00, 0x00,                          // client id ""
  };
  const auto d = decode_connect(frame_of(wire));
  ASSERT_TRUE(d);
  EXPECT_EQ(d->protocol_name, "MQTX");
  EXPECT_EQ(d->protocol_level, 4);
}

TEST(decode_connect, leaves_unknown_protocol_level_to_the_caller_MQTT_3_1_2_2) {
  for (const std::uint8_t level : {0, 2, 6, 255}) {
    const bytes wire = {
        0x10, 0x09,                        // CONNECT, remaining length 9
        0x00, 0x04, 'M', 'Q', 'T', 'T',    // protocol name "MQTT"
        level,                             // protocol level
        0xff, 0xff,                        // whatever that level puts next
    };
    const auto d = decode_connect(frame_of(wire));
    ASSERT_TRUE(d) << int{level};
    EXPECT_EQ(d->protocol_name, "MQTT");
    EXPECT_EQ(d->protocol_level, level);
  }
}

// A 3.1.1 CONNECT with the given flags byte and a payload that fits every flag set below.
bytes connect_with_flags(std::uint8_t flags) {
  bytes wire = {
      0x10, 0x00,                          // CONNECT, remaining length set below
      0x00, 0x04, 'M', 'Q', 'T', 'T',      // protocol name
      0x04,                                // protocol level 4
      flags,                               // connect flags under test
      0x00, 0x00,                          // keep alive
      0x00, 0x01, 'c',                     // client id "c"
  };
  if (flags & 0x04) wire.insert(wire.end(), {0x00, 0x01, 't', 0x00, 0x00});  // will topic, message
  if (flags & 0x80) wire.insert(wire.end(), {0x00, 0x01, 'u'});              // user name
  if (flags & 0x40) wire.insert(wire.end(), {0x00, 0x01, 'p'});              // password
  wire[1] = static_cast<std::uint8_t>(wire.size() - 2);
  return wire;
}

TEST(decode_connect, accepts_every_consistent_flag_combination) {
  for (int flags = 0; flags < 256; ++flags) {
    const bool reserved = flags & 0x01;
    const bool will = flags & 0x04;
    const int will_qos = (flags >> 3) & 3;
    const bool will_retain = flags & 0x20;
    const bool password = flags & 0x40;
    const bool user = flags & 0x80;
    const bool consistent = !reserved && will_qos != 3 &&
                            (will || (will_qos == 0 && !will_retain)) && (user || !password);
    const auto d = decode_connect(frame_of(connect_with_flags(static_cast<std::uint8_t>(flags))));
    EXPECT_EQ(bool(d), consistent) << "flags " << flags;
    if (!consistent) {
      EXPECT_EQ(error_of(d), error::bad_connect_flags) << "flags " << flags;
    }
  }
}

TEST(decode_connect, rejects_reserved_flag_MQTT_3_1_2_3) {
  EXPECT_EQ(error_of(decode_connect(frame_of(connect_with_flags(0x03)))), error::bad_connect_flags);
}

TEST(decode_connect, rejects_will_qos_without_will_MQTT_3_1_2_13) {
  EXPECT_EQ(error_of(decode_connect(frame_of(connect_with_flags(0x0a)))), error::bad_connect_flags);
  EXPECT_EQ(error_of(decode_connect(frame_of(connect_with_flags(0x12)))), error::bad_connect_flags);
}

TEST(decode_connect, rejects_will_retain_without_will_MQTT_3_1_2_15) {
  EXPECT_EQ(error_of(decode_connect(frame_of(connect_with_flags(0x22)))), error::bad_connect_flags);
}

TEST(decode_connect, rejects_will_fields_without_will_MQTT_3_1_2_11) {
  EXPECT_EQ(error_of(decode_connect(frame_of(connect_with_flags(0x3a)))), error::bad_connect_flags);
}

TEST(decode_connect, rejects_will_qos_3_MQTT_3_1_2_14) {
  EXPECT_EQ(error_of(decode_connect(frame_of(connect_with_flags(0x1e)))), error::bad_connect_flags);
}

TEST(decode_connect, rejects_password_without_user_name_MQTT_3_1_2_22) {
  EXPECT_EQ(error_of(decode_connect(frame_of(connect_with_flags(0x42)))), error::bad_connect_flags);
}

TEST(decode_connect, applies_flag_rules_to_mqtt_3_1_too) {
  const bytes wire = {
      0x10, 0x11,                                  // CONNECT, remaining length 17
      0x00, 0x06, 'M', 'Q', 'I', 's', 'd', 'p',    // protocol name "MQIsdp"
      0x03,                                        // protocol level 3
      0x42,                                        // flags: password without user, clean
      0x00, 0x0a,                                  // keep alive
      0x00, 0x01, 'c',                             // client id "c"
      0x00, 0x00,                                  // password ""
  };
  EXPECT_EQ(error_of(decode_connect(frame_of(wire))), error::bad_connect_flags);
}

TEST(decode_connect, rejects_missing_user_name_MQTT_3_1_2_19) {
  bytes wire = connect_with_flags(0x82);
  wire.resize(wire.size() - 3);  // drop the user name
  wire[1] = static_cast<std::uint8_t>(wire.size() - 2);
  EXPECT_EQ(error_of(decode_connect(frame_of(wire))), error::truncated);
}

TEST(decode_connect, rejects_user_name_without_flag_MQTT_3_1_2_18) {
  bytes wire = connect_with_flags(0x02);
  wire.insert(wire.end(), {0x00, 0x01, 'u'});  // a user name nobody announced
  wire[1] = static_cast<std::uint8_t>(wire.size() - 2);
  EXPECT_EQ(error_of(decode_connect(frame_of(wire))), error::trailing_bytes);
}

TEST(decode_connect, rejects_missing_will_fields_MQTT_3_1_2_9) {
  bytes wire = connect_with_flags(0x06);
  wire.resize(wire.size() - 2);  // drop the will message
  wire[1] = static_cast<std::uint8_t>(wire.size() - 2);
  EXPECT_EQ(error_of(decode_connect(frame_of(wire))), error::truncated);
}

TEST(decode_connect, rejects_wildcard_will_topic_MQTT_3_3_2_2) {
  const bytes wire = {
      0x10, 0x14,                          // CONNECT, remaining length 20
      0x00, 0x04, 'M', 'Q', 'T', 'T',      // protocol name
      0x04,                                // protocol level 4
      0x06,                                // flags: will, clean session
      0x00, 0x00,                          // keep alive
      0x00, 0x01, 'c',                     // client id "c"
      0x00, 0x03, 'a', '/', '#',           // will topic "a/#": a filter, not a name
      0x00, 0x00,                          // will message
  };
  EXPECT_EQ(error_of(decode_connect(frame_of(wire))), error::invalid_topic_name);
}

TEST(decode_connect, rejects_empty_will_topic_MQTT_4_7_3_1) {
  const bytes wire = {
      0x10, 0x11,                          // CONNECT, remaining length 17
      0x00, 0x04, 'M', 'Q', 'T', 'T',      // protocol name
      0x04,                                // protocol level 4
      0x06,                                // flags: will, clean session
      0x00, 0x00,                          // keep alive
      0x00, 0x01, 'c',                     // client id "c"
      0x00, 0x00,                          // will topic ""
      0x00, 0x00,                          // will message
  };
  EXPECT_EQ(error_of(decode_connect(frame_of(wire))), error::invalid_topic_name);
}

TEST(decode_connect, rejects_ill_formed_utf8_client_id_MQTT_1_5_3_1) {
  const bytes wire = {
      0x10, 0x0e,                          // CONNECT, remaining length 14
      0x00, 0x04, 'M', 'Q', 'T', 'T',      // protocol name
      0x04,                                // protocol level 4
      0x02,                                // flags: clean session
      0x00, 0x00,                          // keep alive
      0x00, 0x02, 0xc0, 0xaf,              // client id: overlong '/'
  };
  EXPECT_EQ(error_of(decode_connect(frame_of(wire))), error::invalid_utf8);
}

TEST(decode_connect, rejects_null_character_in_user_name_MQTT_1_5_3_2) {
  const bytes wire = {
      0x10, 0x10,                          // CONNECT, remaining length 16
      0x00, 0x04, 'M', 'Q', 'T', 'T',      // protocol name
      0x04,                                // protocol level 4
      0x82,                                // flags: user name, clean session
      0x00, 0x00,                          // keep alive
      0x00, 0x01, 'c',                     // client id "c"
      0x00, 0x01, 0x00,                    // user name "\0"
  };
  EXPECT_EQ(error_of(decode_connect(frame_of(wire))), error::invalid_utf8);
}

TEST(decode_connect, rejects_ill_formed_utf8_protocol_name_MQTT_1_5_3_1) {
  const bytes wire = {
      0x10, 0x03,          // CONNECT, remaining length 3
      0x00, 0x01, 0xff,    // protocol name: 0xff is never UTF-8
  };
  EXPECT_EQ(error_of(decode_connect(frame_of(wire))), error::invalid_utf8);
}

TEST(decode_connect, rejects_truncated_variable_header) {
  const bytes wire = {
      0x10, 0x08,                          // CONNECT, remaining length 8
      0x00, 0x04, 'M', 'Q', 'T', 'T',      // protocol name
      0x04,                                // protocol level 4
      0x02,                                // flags; keep alive and client id missing
  };
  EXPECT_EQ(error_of(decode_connect(frame_of(wire))), error::truncated);
}

TEST(decode_connect, rejects_a_frame_of_another_type) {
  const bytes wire = {0xc0, 0x00};  // PINGREQ
  EXPECT_EQ(error_of(decode_connect(frame_of(wire))), error::unexpected_packet);
}

}  // namespace
}  // namespace roost::mqtt
