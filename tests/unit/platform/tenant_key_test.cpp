// Tenant private keys and the random text behind them.

#include "roost/platform/tenant_key.hpp"

#include <gtest/gtest.h>

#include <set>

#include "roost/platform/tenant_random.hpp"

namespace roost::platform {
namespace {

TEST(TenantKey, IsThirtyTwoLowercaseHexCharacters) {
  auto key = generate_private_key();
  ASSERT_TRUE(key);
  EXPECT_EQ(key->size(), 32u);
  for (const char ch : *key) EXPECT_TRUE((ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f')) << ch;
  EXPECT_TRUE(valid_private_key(*key));
}

TEST(TenantKey, KeysAreUnique) {
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) seen.insert(*generate_private_key());
  EXPECT_EQ(seen.size(), 1000u);
}

TEST(TenantKey, ValidationRejectsOtherShapes) {
  EXPECT_TRUE(valid_private_key("0123456789abcdef0123456789abcdef"));
  EXPECT_FALSE(valid_private_key(""));
  EXPECT_FALSE(valid_private_key("0123456789abcdef0123456789abcde"));    // 31
  EXPECT_FALSE(valid_private_key("0123456789abcdef0123456789abcdef0"));  // 33
  EXPECT_FALSE(valid_private_key("0123456789ABCDEF0123456789abcdef"));   // upper case
  EXPECT_FALSE(valid_private_key("0123456789abcdeg0123456789abcdef"));   // not hex
}

TEST(TenantRandom, UsesEveryCharacterOfTheAlphabet) {
  auto text = random_text("ab", 2000);
  ASSERT_TRUE(text);
  EXPECT_EQ(text->size(), 2000u);
  EXPECT_NE(text->find('a'), std::string::npos);
  EXPECT_NE(text->find('b'), std::string::npos);
  EXPECT_EQ(text->find_first_not_of("ab"), std::string::npos);
}

TEST(TenantRandom, RefusesAnEmptyAlphabet) {
  auto text = random_text("", 4);
  ASSERT_FALSE(text);
  EXPECT_EQ(text.error().code, tenant_errc::invalid);
}

}  // namespace
}  // namespace roost::platform
