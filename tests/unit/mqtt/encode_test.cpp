// The remaining length encoding and the append-only contract of every encoder.

#include "codec_support.hpp"

namespace roost::mqtt {
namespace {

std::string remaining_length_hex(std::size_t n) {
  bytes out;
  encode_remaining_length(n, out);
  return hex(out);
}

// The boundary values of the table in section 2.2.3.
TEST(encode_remaining_length, uses_1_to_4_bytes_section_2_2_3) {
  EXPECT_EQ(remaining_length_hex(0), "00");
  EXPECT_EQ(remaining_length_hex(127), "7f");
  EXPECT_EQ(remaining_length_hex(128), "80 01");
  EXPECT_EQ(remaining_length_hex(16'383), "ff 7f");
  EXPECT_EQ(remaining_length_hex(16'384), "80 80 01");
  EXPECT_EQ(remaining_length_hex(2'097'151), "ff ff 7f");
  EXPECT_EQ(remaining_length_hex(2'097'152), "80 80 80 01");
  EXPECT_EQ(remaining_length_hex(268'435'455), "ff ff ff 7f");
}

TEST(encode, appends_without_clearing) {
  bytes out = {0x01, 0x02};
  encode(pingreq{}, out);
  encode(puback{7}, out);
  EXPECT_EQ(hex(out), "01 02 c0 00 40 02 00 07");
}

TEST(encode, subscribe_with_long_filter_uses_two_length_bytes) {
  const subscribe p{1, {{std::string(200, 'f'), 0}}};
  const bytes out = encoded(p);
  EXPECT_EQ(hex(byte_view{out}.first(4)), "82 cd 01 00");  // 205 = 2 + 202 + 1
  const auto d = decode_subscribe(frame_of(out), protocol_version::v3_1_1);
  ASSERT_TRUE(d);
  EXPECT_EQ(*d, p);
}

}  // namespace
}  // namespace roost::mqtt
