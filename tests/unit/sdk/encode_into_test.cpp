// mqtt::encode_into: the same bytes as the owning encoder, in a caller's buffer, or nothing.

#include "roost/mqtt/encode_into.hpp"

#include <gtest/gtest.h>

#include <array>

#include "roost/mqtt/decode.hpp"
#include "roost/mqtt/encode.hpp"

namespace roost::mqtt {
namespace {

template <class Owning, class View>
void expect_same(const Owning& owning, const View& view) {
  bytes expected;
  encode(owning, expected);
  std::array<std::uint8_t, 512> buf{};
  const std::size_t n = encode_into(view, buf);
  ASSERT_EQ(n, expected.size());
  EXPECT_EQ(bytes(buf.begin(), buf.begin() + n), expected);
  // One byte short: nothing is written.
  std::array<std::uint8_t, 512> small{};
  EXPECT_EQ(encode_into(view, std::span<std::uint8_t>{small}.first(n - 1)), 0u);
  EXPECT_EQ(small, (std::array<std::uint8_t, 512>{}));
}

TEST(encode_into, connect_matches_the_owning_encoder) {
  connect c;
  c.client_id = "dev";
  c.keep_alive = 60;
  c.username = "u";
  c.password = bytes{1, 2};
  c.will = will_message{"w", {9}, 1, true};
  expect_same(c, view_of(c));
  EXPECT_EQ(encoded_size(view_of(c)), [&] {
    bytes b;
    encode(c, b);
    return b.size();
  }());
}

TEST(encode_into, publish_and_acks_match) {
  const std::uint8_t payload[] = {'h', 'i'};
  publish p;
  p.topic = "a/b";
  p.qos = 2;
  p.packet_id = 77;
  p.dup = true;
  p.payload = payload;
  expect_same(p, p);
  expect_same(puback{1}, puback{1});
  expect_same(pubrec{2}, pubrec{2});
  expect_same(pubrel{3}, pubrel{3});
  expect_same(pubcomp{4}, pubcomp{4});
  expect_same(pingreq{}, pingreq{});
  expect_same(disconnect{}, disconnect{});
}

TEST(encode_into, subscribe_and_unsubscribe_match) {
  subscribe s{5, {{"a/#", 1}, {"b", 2}}};
  const subscription_view entries[] = {{"a/#", 1}, {"b", 2}};
  expect_same(s, subscribe_view{5, entries});
  unsubscribe u{6, {"a/#", "b"}};
  const std::string_view filters[] = {"a/#", "b"};
  expect_same(u, unsubscribe_view{6, filters});
}

TEST(encode_into, a_long_publish_uses_a_multi_byte_length) {
  std::vector<std::uint8_t> payload(300, 'x');
  publish p;
  p.topic = "t";
  p.payload = payload;
  expect_same(p, p);
  EXPECT_EQ(encoded_size(p), 1u + 2u + 3u + 300u);
}

TEST(decode_suback_view, reads_codes_without_copying) {
  bytes b;
  encode(suback{7, {1, 0x80}}, b);
  frame f{b[0], byte_view{b}.subspan(2)};
  auto v = decode_suback_view(f, protocol_version::v3_1_1);
  ASSERT_TRUE(v.has_value());
  EXPECT_EQ(v->packet_id, 7);
  ASSERT_EQ(v->return_codes.size(), 2u);
  EXPECT_EQ(v->return_codes.data(), b.data() + 4);
  EXPECT_EQ(v->return_codes[1], 0x80);
}

}  // namespace
}  // namespace roost::mqtt
