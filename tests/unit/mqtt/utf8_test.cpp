// MQTT UTF-8 strings [MQTT-1.5.3-1] [MQTT-1.5.3-2].

#include <string>

#include "codec_support.hpp"
#include "roost/mqtt/topic.hpp"

namespace roost::mqtt {
namespace {

std::string_view text(const bytes& b) {
  return {reinterpret_cast<const char*>(b.data()), b.size()};
}

TEST(valid_utf8, accepts_well_formed_text) {
  const bytes cases[] = {
      {},                                  // empty
      {'a', 'b', 'c'},                     // ASCII
      {0xc2, 0x80},                        // U+0080, the first 2-byte character
      {0xc3, 0xa9},                        // é
      {0xdf, 0xbf},                        // U+07FF, the last 2-byte character
      {0xe0, 0xa0, 0x80},                  // U+0800, the first 3-byte character
      {0xe2, 0x82, 0xac},                  // €
      {0xed, 0x9f, 0xbf},                  // U+D7FF, just below the surrogates
      {0xee, 0x80, 0x80},                  // U+E000, just above them
      {0xef, 0xbb, 0xbf},                  // U+FEFF: kept, not stripped [MQTT-1.5.3-3]
      {0xef, 0xbf, 0xbf},                  // U+FFFF, a non-character but well-formed
      {0xf0, 0x90, 0x80, 0x80},            // U+10000, the first 4-byte character
      {0xf0, 0x9f, 0x98, 0x80},            // 😀
      {0xf4, 0x8f, 0xbf, 0xbf},            // U+10FFFF, the last code point
      {0x01, 0x1f, 0x7f},                  // control characters: "should not", not "must not"
  };
  for (const bytes& c : cases) EXPECT_TRUE(valid_utf8(text(c))) << hex(c);
}

TEST(valid_utf8, refuses_null_character_MQTT_1_5_3_2) {
  EXPECT_FALSE(valid_utf8(text({0x00})));
  EXPECT_FALSE(valid_utf8(text({'a', 0x00, 'b'})));
  EXPECT_FALSE(valid_utf8(text({0xc0, 0x80})));  // the overlong "modified UTF-8" null too
}

TEST(valid_utf8, refuses_surrogates_MQTT_1_5_3_1) {
  EXPECT_FALSE(valid_utf8(text({0xed, 0xa0, 0x80})));  // U+D800
  EXPECT_FALSE(valid_utf8(text({0xed, 0xbf, 0xbf})));  // U+DFFF
  EXPECT_FALSE(valid_utf8(text({0xed, 0xa0, 0xbd, 0xed, 0xb8, 0x80})));  // CESU-8 pair
}

TEST(valid_utf8, refuses_overlong_encodings_MQTT_1_5_3_1) {
  EXPECT_FALSE(valid_utf8(text({0xc0, 0xaf})));              // '/' in 2 bytes
  EXPECT_FALSE(valid_utf8(text({0xc1, 0xbf})));              // U+007F in 2 bytes
  EXPECT_FALSE(valid_utf8(text({0xe0, 0x80, 0xaf})));        // '/' in 3 bytes
  EXPECT_FALSE(valid_utf8(text({0xe0, 0x9f, 0xbf})));        // U+07FF in 3 bytes
  EXPECT_FALSE(valid_utf8(text({0xf0, 0x80, 0x80, 0xaf})));  // '/' in 4 bytes
  EXPECT_FALSE(valid_utf8(text({0xf0, 0x8f, 0xbf, 0xbf})));  // U+FFFF in 4 bytes
}

TEST(valid_utf8, refuses_ill_formed_sequences_MQTT_1_5_3_1) {
  EXPECT_FALSE(valid_utf8(text({0x80})));                    // lone continuation byte
  EXPECT_FALSE(valid_utf8(text({0xbf, 'a'})));               // lone continuation byte
  EXPECT_FALSE(valid_utf8(text({0xc3})));                    // cut short at the end
  EXPECT_FALSE(valid_utf8(text({0xe2, 0x82})));              // cut short at the end
  EXPECT_FALSE(valid_utf8(text({0xe2, 'a', 0xac})));         // continuation missing
  EXPECT_FALSE(valid_utf8(text({0xf4, 0x90, 0x80, 0x80})));  // U+110000, beyond Unicode
  EXPECT_FALSE(valid_utf8(text({0xf5, 0x80, 0x80, 0x80})));  // lead byte never used
  EXPECT_FALSE(valid_utf8(text({0xf8, 0x88, 0x80, 0x80, 0x80})));  // 5-byte form
  EXPECT_FALSE(valid_utf8(text({0xfe})));
  EXPECT_FALSE(valid_utf8(text({0xff})));
}

}  // namespace
}  // namespace roost::mqtt
