// What a firmware upload may carry, and the metadata computed for it.

#include "roost/platform/firmware_rules.hpp"

#include <gtest/gtest.h>

namespace roost::platform {
namespace {

TEST(firmware_rules, versions) {
  for (const char* v : {"1", "1.2.0", "v1.2.0-beta+3", "2024_01"}) EXPECT_TRUE(valid_firmware_version(v)) << v;
  EXPECT_TRUE(valid_firmware_version(std::string(64, '9')));
  for (const char* v : {"", "1 2", "1/2", "é", "1\n"}) EXPECT_FALSE(valid_firmware_version(v)) << v;
  EXPECT_FALSE(valid_firmware_version(std::string(65, '9')));
}

TEST(firmware_rules, tags) {
  EXPECT_TRUE(valid_firmware_tag(""));
  EXPECT_TRUE(valid_firmware_tag("stable build"));
  EXPECT_TRUE(valid_firmware_tag("稳定版"));
  EXPECT_TRUE(valid_firmware_tag(std::string(64, 't')));
  EXPECT_FALSE(valid_firmware_tag(std::string(65, 't')));
  EXPECT_FALSE(valid_firmware_tag("a\tb"));
  EXPECT_FALSE(valid_firmware_tag("a\x7f"));
  EXPECT_FALSE(valid_firmware_tag("\xff"));
}

TEST(firmware_rules, file_names) {
  EXPECT_EQ(firmware_file_name("", "ledctrl002"), "ledctrl002.bin");
  EXPECT_EQ(firmware_file_name("app.bin", "x"), "app.bin");
  EXPECT_EQ(firmware_file_name("app", "x"), "app.bin");
  EXPECT_EQ(firmware_file_name("app-1.2_b.BIN", "x"), "app-1.2_b.BIN.bin");
  for (const char* bad : {"../x", "a/b", ".bin", ".hidden", "a b", "a%2F", "名"}) {
    EXPECT_FALSE(firmware_file_name(bad, "x")) << bad;
  }
  EXPECT_TRUE(firmware_file_name(std::string(96, 'a'), "x"));  // 100 with ".bin"
  EXPECT_FALSE(firmware_file_name(std::string(97, 'a'), "x"));
}

TEST(firmware_rules, describe_computes_checksums_and_a_random_id) {
  const firmware_upload up{"123456789", "1.0", "t", "app.bin", 42};
  const auto a = describe_firmware(up);
  const auto b = describe_firmware(up);
  ASSERT_TRUE(a && b);
  EXPECT_EQ(a->size, 9u);
  EXPECT_EQ(a->crc32, "cbf43926");
  EXPECT_EQ(a->sha256, "15e2b0d3c33891ebb0f1ef609ec419420c20e320ce94c65fbc8c3312448eb225");
  EXPECT_EQ(a->version, "1.0");
  EXPECT_EQ(a->tag, "t");
  EXPECT_EQ(a->file_name, "app.bin");
  EXPECT_EQ(a->uploaded_ms, 42);
  EXPECT_EQ(a->id.size(), 32u);
  EXPECT_EQ(a->id.find_first_not_of("0123456789abcdef"), std::string::npos);
  EXPECT_NE(a->id, b->id);
  const auto empty = describe_firmware({"", "1", "", "x.bin", 0});
  EXPECT_EQ(empty->crc32, "00000000");
  EXPECT_EQ(empty->sha256, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

}  // namespace
}  // namespace roost::platform
