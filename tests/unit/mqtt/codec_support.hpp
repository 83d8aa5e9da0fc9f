#pragma once
// Helpers for codec tests: turn an annotated byte array into a frame, compare packets field by
// field, print packets as the hex of their encoding, and check a round trip in both directions.

#include <gtest/gtest.h>

#include <algorithm>
#include <concepts>
#include <cstdio>
#include <initializer_list>
#include <optional>
#include <ostream>
#include <string>

#include "roost/mqtt/decode.hpp"
#include "roost/mqtt/encode.hpp"
#include "roost/mqtt/frame_decoder.hpp"

namespace roost::mqtt {

inline constexpr protocol_version v5 = protocol_version::v5;

inline bool same_bytes(byte_view a, byte_view b) { return std::ranges::equal(a, b); }

inline bool operator==(const will_message& a, const will_message& b) {
  return a.topic == b.topic && a.payload == b.payload && a.qos == b.qos && a.retain == b.retain &&
         a.props == b.props;
}
inline bool operator==(const connect& a, const connect& b) {
  return a.protocol_name == b.protocol_name && a.protocol_level == b.protocol_level &&
         a.clean_session == b.clean_session && a.keep_alive == b.keep_alive &&
         a.client_id == b.client_id && a.will == b.will && a.username == b.username &&
         a.password == b.password && a.props == b.props;
}
inline bool operator==(const connack& a, const connack& b) {
  return a.session_present == b.session_present && a.code == b.code && a.reason == b.reason &&
         a.props == b.props;
}
inline bool operator==(const publish& a, const publish& b) {
  return a.dup == b.dup && a.qos == b.qos && a.retain == b.retain && a.topic == b.topic &&
         a.packet_id == b.packet_id && same_bytes(a.payload, b.payload) &&
         same_bytes(a.properties, b.properties) && a.topic_alias == b.topic_alias &&
         a.message_expiry == b.message_expiry && a.payload_format == b.payload_format &&
         a.has_subscription_identifier == b.has_subscription_identifier;
}
template <class Ack>
  requires std::same_as<Ack, puback> || std::same_as<Ack, pubrec> || std::same_as<Ack, pubrel> ||
           std::same_as<Ack, pubcomp>
bool operator==(const Ack& a, const Ack& b) {
  return a.packet_id == b.packet_id && a.reason == b.reason && a.props == b.props;
}
inline bool operator==(const unsuback& a, const unsuback& b) {
  return a.packet_id == b.packet_id && a.reason_codes == b.reason_codes && a.props == b.props;
}
inline bool operator==(const subscription_request& a, const subscription_request& b) {
  return a.filter == b.filter && a.qos == b.qos && a.no_local == b.no_local &&
         a.retain_as_published == b.retain_as_published && a.retain_handling == b.retain_handling;
}
inline bool operator==(const subscribe& a, const subscribe& b) {
  return a.packet_id == b.packet_id && a.entries == b.entries && a.props == b.props;
}
inline bool operator==(const suback& a, const suback& b) {
  return a.packet_id == b.packet_id && a.return_codes == b.return_codes && a.props == b.props;
}
inline bool operator==(const unsubscribe& a, const unsubscribe& b) {
  return a.packet_id == b.packet_id && a.filters == b.filters && a.props == b.props;
}
inline bool operator==(const pingreq&, const pingreq&) { return true; }
inline bool operator==(const pingresp&, const pingresp&) { return true; }
inline bool operator==(const disconnect& a, const disconnect& b) {
  return a.reason == b.reason && a.props == b.props;
}
inline bool operator==(const auth& a, const auth& b) {
  return a.reason == b.reason && a.props == b.props;
}

inline std::string hex(byte_view b) {
  std::string s;
  char two[4];
  for (std::size_t i = 0; i < b.size(); ++i) {
    std::snprintf(two, sizeof two, i == 0 ? "%02x" : " %02x", b[i]);
    s += two;
  }
  return s;
}

// Failure messages show a packet as the hex of its encoding and an error by its name.
template <class P>
  requires requires(const P& p, bytes& out) { encode(p, out); }
void PrintTo(const P& p, std::ostream* os) {
  bytes out;
  encode(p, out);
  *os << "[" << hex(out) << "]";
}
inline void PrintTo(error e, std::ostream* os) { *os << to_string(e); }

inline bytes encoded(const auto& packet) {
  bytes out;
  encode(packet, out);
  return out;
}

// The encoding in protocol version `v`.
inline bytes encoded(const auto& packet, protocol_version v) {
  bytes out;
  encode(packet, out, v);
  return out;
}

// The frame of a byte array that holds exactly one whole frame; body views into `wire`.
inline frame frame_of(const bytes& wire) {
  frame_decoder d{1u << 28};
  d.feed(wire);
  frame f;
  EXPECT_EQ(d.next(f), frame_status::ready) << "not a whole frame: " << hex(wire);
  EXPECT_EQ(f.wire_size(), wire.size()) << "more than one frame: " << hex(wire);
  return f;
}

template <class T>
std::optional<error> error_of(const decoded<T>& r) {
  if (r) return std::nullopt;
  return r.error();
}

inline constexpr protocol_version v3_versions[] = {protocol_version::v3_1,
                                                   protocol_version::v3_1_1};

// decode(wire) == expected and encode(expected) == wire.
template <class P, class Decode>
void expect_round_trip(const bytes& wire, const P& expected, Decode decode) {
  const decoded<P> d = decode(frame_of(wire));
  ASSERT_TRUE(d) << "decode failed: " << to_string(d.error());
  EXPECT_EQ(*d, expected);
  EXPECT_EQ(hex(encoded(expected)), hex(wire));
}

// The same for a decoder that takes the protocol version, in MQTT 3.1 and 3.1.1 alike.
template <class P>
void expect_round_trip_v3(const bytes& wire, const P& expected,
                          decoded<P> (*decode)(const frame&, protocol_version)) {
  for (const protocol_version v : v3_versions) {
    SCOPED_TRACE(static_cast<int>(v));
    expect_round_trip(wire, expected, [&](const frame& f) { return decode(f, v); });
  }
}

// decode(wire, v5) == expected and encode(expected, v5) == wire.
template <class P>
void expect_round_trip_v5(const bytes& wire, const P& expected,
                          decoded<P> (*decode)(const frame&, protocol_version)) {
  const decoded<P> d = decode(frame_of(wire), protocol_version::v5);
  ASSERT_TRUE(d) << "decode failed: " << to_string(d.error());
  EXPECT_EQ(*d, expected);
  EXPECT_EQ(hex(encoded(expected, protocol_version::v5)), hex(wire));
}

// The error a versioned decoder reports for `wire` in MQTT 5.
template <class P>
std::optional<error> v5_error(const bytes& wire,
                              decoded<P> (*decode)(const frame&, protocol_version)) {
  return error_of(decode(frame_of(wire), protocol_version::v5));
}

// The error a versioned decoder reports for `wire` in MQTT 3.1.1, after checking 3.1 agrees.
template <class P>
std::optional<error> v3_error(const bytes& wire,
                              decoded<P> (*decode)(const frame&, protocol_version)) {
  const frame f = frame_of(wire);
  const std::optional<error> in_3_1_1 = error_of(decode(f, protocol_version::v3_1_1));
  EXPECT_EQ(error_of(decode(f, protocol_version::v3_1)), in_3_1_1) << "3.1 and 3.1.1 differ";
  return in_3_1_1;
}

}  // namespace roost::mqtt
