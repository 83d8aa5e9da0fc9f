// MQTT 5 packets, both directions: layouts, short forms, reason codes, subscription options, AUTH,
// and the PUBLISH property view a server forwards.

#include <array>

#include "codec_support.hpp"

namespace roost::mqtt {
namespace {


// --- CONNECT -------------------------------------------------------------------------------------

TEST(v5_connect, decodes_properties_and_allows_a_password_without_user_name) {
  const bytes wire = {0x10, 0x16, 0x00, 0x04, 'M', 'Q', 'T', 'T', 0x05,
                      0x42,                          // password, clean start
                      0x00, 0x3c,                    // keep alive 60
                      0x05, 0x11, 0x00, 0x00, 0x00, 0x3c,  // session expiry 60
                      0x00, 0x01, 'c',               // client id
                      0x00, 0x01, 'p'};              // password
  const auto d = decode_connect(frame_of(wire));
  ASSERT_TRUE(d) << to_string(d.error());
  EXPECT_EQ(d->protocol_level, 5);
  EXPECT_TRUE(d->clean_session);
  EXPECT_EQ(d->props.session_expiry_interval, 60u);
  EXPECT_FALSE(d->username);
  EXPECT_EQ(d->password, (bytes{'p'}));
  EXPECT_EQ(hex(encoded(*d)), hex(wire));
}

TEST(v5_connect, level_5_with_another_name_is_left_to_the_caller) {
  const bytes wire = {0x10, 0x0a, 0x00, 0x06, 'M', 'Q', 'I', 's', 'd', 'p', 0x05, 0xff};
  const auto d = decode_connect(frame_of(wire));
  ASSERT_TRUE(d);
  EXPECT_EQ(d->protocol_name, "MQIsdp");
  EXPECT_EQ(d->protocol_level, 5);
}

// --- CONNACK -------------------------------------------------------------------------------------

TEST(v5_connack, round_trips_reason_and_properties) {
  connack c;
  c.session_present = false;
  c.reason = to_byte(reason_code::not_authorized);
  c.code = static_cast<connack_code>(c.reason);
  c.props.reason_string = "no";
  expect_round_trip_v5({0x20, 0x08, 0x00, 0x87, 0x05, 0x1f, 0x00, 0x02, 'n', 'o'}, c,
                       decode_connack);
}

TEST(v5_connack, refuses_a_reason_code_connack_does_not_define) {
  EXPECT_EQ(v5_error({0x20, 0x03, 0x00, 0x04, 0x00}, decode_connack), error::invalid_reason_code);
  EXPECT_EQ(v5_error({0x20, 0x03, 0x00, 0x8e, 0x00}, decode_connack), error::invalid_reason_code);
}

TEST(v5_connack, refusal_with_session_present_is_refused_MQTT_3_2_2_6) {
  EXPECT_EQ(v5_error({0x20, 0x03, 0x01, 0x80, 0x00}, decode_connack), error::bad_connect_flags);
}

// --- PUBLISH -------------------------------------------------------------------------------------

TEST(v5_publish, keeps_properties_as_a_view_and_reads_out_what_the_broker_acts_on) {
  const bytes wire = {0x32, 0x17, 0x00, 0x01, 't', 0x00, 0x07,
                      0x0f,                          // property length 15
                      0x01, 0x01,                    // payload format 1
                      0x02, 0x00, 0x00, 0x00, 0x3c,  // message expiry 60
                      0x23, 0x00, 0x05,              // topic alias 5
                      0x26, 0x00, 0x00, 0x00, 0x00,  // user property "" = ""
                      'h', 'i'};
  const auto d = decode_publish(frame_of(wire), v5);
  ASSERT_TRUE(d) << to_string(d.error());
  EXPECT_EQ(d->topic, "t");
  EXPECT_EQ(d->packet_id, 7);
  EXPECT_EQ(d->payload_format, 1);
  EXPECT_EQ(d->message_expiry, 60u);
  EXPECT_EQ(d->topic_alias, 5);
  EXPECT_FALSE(d->has_subscription_identifier);
  EXPECT_EQ(hex(d->properties), hex(byte_view{wire}.subspan(8, 15)));
  EXPECT_EQ(hex(d->payload), "68 69");
  EXPECT_EQ(hex(encoded(*d, v5)), hex(wire));
}

TEST(v5_publish, without_properties_has_a_zero_property_length) {
  publish p;
  p.topic = "t";
  const std::array<std::uint8_t, 1> payload = {'x'};
  p.payload = payload;
  expect_round_trip_v5({0x30, 0x05, 0x00, 0x01, 't', 0x00, 'x'}, p, decode_publish);
}

TEST(v5_publish, empty_topic_needs_a_topic_alias_MQTT_3_3_2_8) {
  const auto d = decode_publish(frame_of({0x30, 0x06, 0x00, 0x00, 0x03, 0x23, 0x00, 0x02}), v5);
  ASSERT_TRUE(d) << to_string(d.error());
  EXPECT_TRUE(d->topic.empty());
  EXPECT_EQ(d->topic_alias, 2);
  EXPECT_EQ(v5_error({0x30, 0x03, 0x00, 0x00, 0x00}, decode_publish), error::protocol_error);
  EXPECT_EQ(v3_error({0x30, 0x02, 0x00, 0x00}, decode_publish), error::invalid_topic_name);
}

TEST(v5_publish, topic_alias_zero_is_a_protocol_error) {
  EXPECT_EQ(v5_error({0x30, 0x07, 0x00, 0x01, 't', 0x03, 0x23, 0x00, 0x00}, decode_publish),
            error::protocol_error_property);
}

TEST(v5_publish, subscription_identifiers_may_repeat_and_are_reported_MQTT_3_3_4_6) {
  const auto d = decode_publish(
      frame_of({0x30, 0x08, 0x00, 0x01, 't', 0x04, 0x0b, 0x01, 0x0b, 0x02}), v5);
  ASSERT_TRUE(d) << to_string(d.error());
  EXPECT_TRUE(d->has_subscription_identifier);
}

TEST(v5_publish, response_topic_must_not_hold_wildcards_MQTT_3_3_2_14) {
  EXPECT_EQ(v5_error({0x30, 0x09, 0x00, 0x01, 't', 0x05, 0x08, 0x00, 0x02, 'a', '#'},
                     decode_publish),
            error::protocol_error_property);
}

TEST(v5_publish, refuses_properties_publish_does_not_allow_and_duplicates) {
  // session expiry interval: not valid in PUBLISH, a Malformed Packet (section 2.2.2.2)
  EXPECT_EQ(v5_error({0x30, 0x09, 0x00, 0x01, 't', 0x05, 0x11, 0x00, 0x00, 0x00, 0x01},
                     decode_publish),
            error::malformed_property);
  // payload format indicator twice
  EXPECT_EQ(v5_error({0x30, 0x08, 0x00, 0x01, 't', 0x04, 0x01, 0x00, 0x01, 0x00},
                     decode_publish),
            error::protocol_error_property);
  // payload format indicator 2
  EXPECT_EQ(v5_error({0x30, 0x06, 0x00, 0x01, 't', 0x02, 0x01, 0x02}, decode_publish),
            error::protocol_error_property);
}

// --- PUBACK, PUBREC, PUBREL, PUBCOMP -------------------------------------------------------------

TEST(v5_acks, short_form_is_the_packet_id_alone) {
  expect_round_trip_v5({0x40, 0x02, 0x00, 0x07}, puback{7}, decode_puback);
  expect_round_trip_v5({0x62, 0x02, 0x00, 0x07}, pubrel{7}, decode_pubrel);
}

TEST(v5_acks, reason_code_without_properties) {
  expect_round_trip_v5({0x50, 0x03, 0x00, 0x07, 0x10}, pubrec{7, 0x10}, decode_pubrec);
  const auto d = decode_puback(frame_of({0x40, 0x04, 0x00, 0x07, 0x97, 0x00}), v5);
  ASSERT_TRUE(d);
  EXPECT_EQ(d->reason, 0x97);
}

TEST(v5_acks, reason_code_and_properties) {
  pubcomp p{7, 0x92};
  p.props.reason_string = "gone";
  expect_round_trip_v5({0x70, 0x0b, 0x00, 0x07, 0x92, 0x07, 0x1f, 0x00, 0x04, 'g', 'o', 'n', 'e'},
                       p, decode_pubcomp);
}

TEST(v5_acks, refuse_reason_codes_of_other_packets) {
  EXPECT_EQ(v5_error({0x40, 0x03, 0x00, 0x07, 0x92}, decode_puback), error::invalid_reason_code);
  EXPECT_EQ(v5_error({0x62, 0x03, 0x00, 0x07, 0x10}, decode_pubrel), error::invalid_reason_code);
}

TEST(v5_acks, refuse_properties_other_than_reason_string_and_user_properties) {
  EXPECT_EQ(v5_error({0x40, 0x06, 0x00, 0x07, 0x00, 0x02, 0x01, 0x01}, decode_puback),
            error::malformed_property);
}

// --- SUBSCRIBE, SUBACK, UNSUBSCRIBE, UNSUBACK ----------------------------------------------------

TEST(v5_subscribe, round_trips_subscription_options) {
  subscribe s;
  s.packet_id = 3;
  subscription_request r;
  r.filter = "a/+";
  r.qos = 2;
  r.no_local = true;
  r.retain_as_published = true;
  r.retain_handling = 2;
  s.entries = {r, {"b", 1}};
  s.props.subscription_identifier = 9;
  s.props.user_properties = {{"k", "v"}};
  expect_round_trip_v5({0x82, 0x16, 0x00, 0x03, 0x09, 0x0b, 0x09, 0x26, 0x00, 0x01, 'k', 0x00,
                        0x01, 'v', 0x00, 0x03, 'a', '/', '+', 0x2e, 0x00, 0x01, 'b', 0x01},
                       s, decode_subscribe);
}

TEST(v5_subscribe, reserved_option_bits_are_malformed_MQTT_3_8_3_5) {
  EXPECT_EQ(v5_error({0x82, 0x07, 0x00, 0x01, 0x00, 0x00, 0x01, 'a', 0x40}, decode_subscribe),
            error::bad_subscribe_options);
}

TEST(v5_subscribe, retain_handling_3_is_a_protocol_error) {
  EXPECT_EQ(v5_error({0x82, 0x07, 0x00, 0x01, 0x00, 0x00, 0x01, 'a', 0x30}, decode_subscribe),
            error::protocol_error);
}

TEST(v5_subscribe, no_local_on_a_shared_subscription_is_a_protocol_error_MQTT_3_8_3_4) {
  EXPECT_EQ(v5_error({0x82, 0x10, 0x00, 0x01, 0x00, 0x00, 0x0a, '$', 's', 'h', 'a', 'r', 'e',
                      '/', 'g', '/', 'a', 0x04},
                     decode_subscribe),
            error::protocol_error);
}

TEST(v5_subscribe, the_3_1_1_layout_keeps_its_reserved_bits) {
  EXPECT_EQ(v3_error({0x82, 0x06, 0x00, 0x01, 0x00, 0x01, 'a', 0x04}, decode_subscribe),
            error::bad_subscribe_options);
}

TEST(v5_suback, round_trips_properties_and_reason_codes) {
  suback s{5, {0x00, 0x02, 0x87, 0xa2}};
  s.props.reason_string = "r";
  expect_round_trip_v5({0x90, 0x0b, 0x00, 0x05, 0x04, 0x1f, 0x00, 0x01, 'r', 0x00, 0x02, 0x87,
                        0xa2},
                       s, decode_suback);
  const bytes wire = encoded(s, v5);
  const auto view = decode_suback_view(frame_of(wire), v5);
  ASSERT_TRUE(view);
  EXPECT_EQ(hex(view->return_codes), "00 02 87 a2");
}

TEST(v5_suback, refuses_reason_codes_suback_does_not_define) {
  EXPECT_EQ(v5_error({0x90, 0x04, 0x00, 0x05, 0x00, 0x03}, decode_suback),
            error::invalid_reason_code);
  EXPECT_EQ(v5_error({0x90, 0x04, 0x00, 0x05, 0x00, 0x92}, decode_suback_view),
            error::invalid_reason_code);
}

TEST(v5_unsubscribe, round_trips_with_user_properties) {
  unsubscribe u{4, {"a/#"}};
  u.props.user_properties = {{"k", ""}};
  expect_round_trip_v5({0xa2, 0x0e, 0x00, 0x04, 0x06, 0x26, 0x00, 0x01, 'k', 0x00, 0x00, 0x00,
                        0x03, 'a', '/', '#'},
                       u, decode_unsubscribe);
}

TEST(v5_unsubscribe, refuses_a_subscription_identifier) {
  EXPECT_EQ(v5_error({0xa2, 0x08, 0x00, 0x04, 0x02, 0x0b, 0x01, 0x00, 0x01, 'a'},
                     decode_unsubscribe),
            error::malformed_property);
}

TEST(v5_unsuback, round_trips_one_reason_code_per_filter) {
  unsuback u{4, {0x00, 0x11}};
  expect_round_trip_v5({0xb0, 0x05, 0x00, 0x04, 0x00, 0x00, 0x11}, u, decode_unsuback);
  EXPECT_EQ(v5_error({0xb0, 0x04, 0x00, 0x04, 0x00, 0x10}, decode_unsuback),
            error::invalid_reason_code);
  EXPECT_EQ(v5_error({0xb0, 0x03, 0x00, 0x04, 0x00}, decode_unsuback),
            error::empty_subscription_list);
}

TEST(v5_unsuback, the_3_1_1_form_is_the_packet_id_alone) {
  EXPECT_EQ(hex(encoded(unsuback{4, {0x00}})), "b0 02 00 04");
}

// --- DISCONNECT ----------------------------------------------------------------------------------

TEST(v5_disconnect, short_forms) {
  expect_round_trip_v5({0xe0, 0x00}, disconnect{}, decode_disconnect);
  expect_round_trip_v5({0xe0, 0x01, 0x04}, disconnect{0x04}, decode_disconnect);
  const auto d = decode_disconnect(frame_of({0xe0, 0x02, 0x8e, 0x00}), v5);
  ASSERT_TRUE(d);
  EXPECT_EQ(d->reason, 0x8e);
}

TEST(v5_disconnect, round_trips_properties) {
  disconnect p;
  p.props.session_expiry_interval = 0;
  p.props.server_reference = "s";
  expect_round_trip_v5({0xe0, 0x0b, 0x00, 0x09, 0x11, 0x00, 0x00, 0x00, 0x00, 0x1c, 0x00, 0x01,
                        's'},
                       p, decode_disconnect);
}

TEST(v5_disconnect, refuses_reason_codes_it_does_not_define) {
  EXPECT_EQ(v5_error({0xe0, 0x01, 0x01}, decode_disconnect), error::invalid_reason_code);
}

TEST(v5_disconnect, is_empty_in_3_1_1_whatever_the_reason) {
  EXPECT_EQ(hex(encoded(disconnect{0x8e})), "e0 00");
}

// --- AUTH ----------------------------------------------------------------------------------------

TEST(v5_auth, empty_body_is_success) {
  const auto d = decode_auth(frame_of({0xf0, 0x00}));
  ASSERT_TRUE(d);
  EXPECT_EQ(d->reason, 0);
  EXPECT_EQ(hex(encoded(auth{})), "f0 00");
}

TEST(v5_auth, round_trips_method_and_data) {
  auth a;
  a.reason = to_byte(reason_code::continue_authentication);
  a.props.authentication_method = "SCRAM-SHA-256";
  a.props.authentication_data = bytes{'n', ','};
  const bytes wire = encoded(a);
  EXPECT_EQ(hex(byte_view{wire}.first(4)), "f0 17 18 15");
  const auto d = decode_auth(frame_of(wire));
  ASSERT_TRUE(d) << to_string(d.error());
  EXPECT_EQ(*d, a);
}

TEST(v5_auth, refuses_reserved_flags_MQTT_3_15_1_1) {
  EXPECT_EQ(error_of(decode_auth(frame_of({0xf1, 0x00}))), error::bad_fixed_header_flags);
}

TEST(v5_auth, refuses_reason_codes_it_does_not_define_MQTT_3_15_2_1) {
  EXPECT_EQ(error_of(decode_auth(frame_of({0xf0, 0x01, 0x80}))), error::invalid_reason_code);
}

TEST(v5_auth, refuses_properties_auth_does_not_allow) {
  EXPECT_EQ(error_of(decode_auth(frame_of({0xf0, 0x07, 0x18, 0x05, 0x11, 0, 0, 0, 1}))),
            error::malformed_property);
}

// --- the server's PUBLISH ------------------------------------------------------------------------

TEST(v5_publish_header, writes_expiry_alias_subscription_ids_then_forwarded_properties) {
  const std::array<std::uint32_t, 2> ids = {5, 200};
  const bytes forwarded = {0x01, 0x01};
  publish_header_properties props;
  props.message_expiry = 60;
  props.topic_alias = 1;
  props.subscription_ids = ids;
  props.forwarded = forwarded;
  bytes out = {0xaa};
  const std::size_t at = encode_publish_header("a/b", 1, false, false, 7, 2, props, out);
  EXPECT_EQ(hex(out),
            "aa 32 19 00 03 61 2f 62 00 07 0f 02 00 00 00 3c 23 00 01 0b 05 0b c8 01 01 01");
  EXPECT_EQ(at, 8u);
  EXPECT_EQ(publish_frame_size("a/b", 1, 2, props), out.size() - 1 + 2);
  out.insert(out.end(), {'h', 'i'});
  const bytes frame_bytes(out.begin() + 1, out.end());  // the decoded PUBLISH views these bytes
  const auto d = decode_publish(frame_of(frame_bytes), protocol_version::v5);
  ASSERT_TRUE(d) << to_string(d.error());
  EXPECT_EQ(d->topic_alias, 1);
  EXPECT_TRUE(d->has_subscription_identifier);
  EXPECT_EQ(hex(d->payload), "68 69");
}

TEST(v5_publish_header, topic_may_be_empty_with_an_alias) {
  publish_header_properties props;
  props.topic_alias = 3;
  bytes out;
  EXPECT_EQ(encode_publish_header("", 0, false, false, 0, 0, props, out), 0u);
  EXPECT_EQ(hex(out), "30 06 00 00 03 23 00 03");
  EXPECT_EQ(publish_frame_size("", 0, 0, props), out.size());
}

TEST(v5_forwarded_properties, keep_what_a_server_passes_on_MQTT_3_3_2_17) {
  const bytes wire = {0x30, 0x1f, 0x00, 0x01, 't',
                      0x1b,                          // property length 27
                      0x23, 0x00, 0x05,              // topic alias: dropped
                      0x01, 0x01,                    // payload format: kept
                      0x02, 0x00, 0x00, 0x00, 0x3c,  // message expiry: dropped
                      0x0b, 0x81, 0x01,              // subscription id 129: dropped
                      0x26, 0x00, 0x01, 'k', 0x00, 0x01, 'v',  // user property: kept
                      0x09, 0x00, 0x01, 0x07,        // correlation data: kept
                      0x03, 0x00, 0x00};             // content type "": kept
  const auto d = decode_publish(frame_of(wire), v5);
  ASSERT_TRUE(d) << to_string(d.error());
  bytes out;
  forwarded_properties(d->properties, out);
  EXPECT_EQ(hex(out), "01 01 26 00 01 6b 00 01 76 09 00 01 07 03 00 00");
}

TEST(v5_encode_properties, writes_the_list_in_identifier_order_without_its_length) {
  properties p;
  p.user_properties.push_back({"k", "v"});
  p.will_delay_interval = 5;
  p.payload_format_indicator = 1;
  bytes out = {0xaa};
  encode_properties(p, out);
  EXPECT_EQ(hex(out), "aa 01 01 18 00 00 00 05 26 00 01 6b 00 01 76");
  bytes forwarded;
  forwarded_properties(byte_view{out}.subspan(1), forwarded);
  EXPECT_EQ(hex(forwarded), "01 01 26 00 01 6b 00 01 76");  // a will's delay is not forwarded
}

// --- reason codes for errors ---------------------------------------------------------------------

TEST(v5_reason_for, maps_decoding_errors_to_disconnect_reason_codes) {
  EXPECT_EQ(reason_for(error::truncated), reason_code::malformed_packet);
  EXPECT_EQ(reason_for(error::malformed_property), reason_code::malformed_packet);
  EXPECT_EQ(reason_for(error::protocol_error_property), reason_code::protocol_error);
  EXPECT_EQ(reason_for(error::protocol_error), reason_code::protocol_error);
  EXPECT_EQ(reason_for(error::packet_too_large), reason_code::packet_too_large);
  EXPECT_EQ(reason_for(error::invalid_topic_name), reason_code::topic_name_invalid);
  EXPECT_EQ(reason_for(error::invalid_topic_filter), reason_code::topic_filter_invalid);
}

}  // namespace
}  // namespace roost::mqtt
