// appID/secretKey pairs: their shape, and the salted hash the secret is stored as.

#include "roost/platform/tenant_credentials.hpp"

#include <gtest/gtest.h>

#include <cctype>
#include <set>

namespace roost::platform {
namespace {

TEST(TenantCredentials, HaveTheDocumentedShape) {
  auto creds = generate_app_credentials();
  ASSERT_TRUE(creds);
  ASSERT_EQ(creds->app_id.size(), 5u + 23u);
  EXPECT_EQ(creds->app_id.substr(0, 5), "beid_");
  for (const char ch : creds->app_id.substr(5)) {
    EXPECT_TRUE((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9')) << ch;
  }
  EXPECT_TRUE(valid_app_id(creds->app_id));
  ASSERT_EQ(creds->secret_key.size(), 32u);
  for (const char ch : creds->secret_key) EXPECT_TRUE(std::isalnum(static_cast<unsigned char>(ch))) << ch;
}

TEST(TenantCredentials, PairsAreUnique) {
  std::set<std::string> ids;
  std::set<std::string> secrets;
  for (int i = 0; i < 200; ++i) {
    auto creds = generate_app_credentials();
    ASSERT_TRUE(creds);
    ids.insert(creds->app_id);
    secrets.insert(creds->secret_key);
  }
  EXPECT_EQ(ids.size(), 200u);
  EXPECT_EQ(secrets.size(), 200u);
}

TEST(TenantCredentials, AppIdValidation) {
  EXPECT_TRUE(valid_app_id("beid_abcdefghijklmnopqrstuvw"));
  EXPECT_FALSE(valid_app_id("beid_abcdefghijklmnopqrstuv"));   // 22 after the prefix
  EXPECT_FALSE(valid_app_id("xeid_abcdefghijklmnopqrstuvw"));
  EXPECT_FALSE(valid_app_id("beid_ABCDEFGHIJKLMNOPQRSTUVW"));
}

TEST(TenantCredentials, HashVerifiesOnlyItsSecret) {
  const std::string secret = "Q8vK2mZ0pL5xN7cR1tY4wE6uI9oA3sD0";
  auto stored = hash_secret_key(secret);
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->find(secret), std::string::npos);  // the secret itself is not in the text
  EXPECT_EQ(stored->rfind("pbkdf2-sha256$", 0), 0u);
  EXPECT_TRUE(verify_secret_key(*stored, secret));
  EXPECT_FALSE(verify_secret_key(*stored, "Q8vK2mZ0pL5xN7cR1tY4wE6uI9oA3sD1"));
  EXPECT_FALSE(verify_secret_key(*stored, ""));
}

TEST(TenantCredentials, SameSecretHashesDifferently) {
  auto a = hash_secret_key("same");
  auto b = hash_secret_key("same");
  ASSERT_TRUE(a);
  ASSERT_TRUE(b);
  EXPECT_NE(*a, *b);  // fresh salt each time
  EXPECT_TRUE(verify_secret_key(*a, "same"));
  EXPECT_TRUE(verify_secret_key(*b, "same"));
}

TEST(TenantCredentials, MalformedStoredHashNeverVerifies) {
  auto good = *hash_secret_key("s");
  EXPECT_FALSE(verify_secret_key("", "s"));
  EXPECT_FALSE(verify_secret_key("plain", "s"));
  EXPECT_FALSE(verify_secret_key("md5$1$00$00", "s"));
  EXPECT_FALSE(verify_secret_key("pbkdf2-sha256$0$00$00", "s"));
  EXPECT_FALSE(verify_secret_key("pbkdf2-sha256$x$00$00", "s"));
  std::string truncated = good.substr(0, good.size() - 2);
  EXPECT_FALSE(verify_secret_key(truncated, "s"));
  std::string extra = good + "$00";
  EXPECT_FALSE(verify_secret_key(extra, "s"));
}

}  // namespace
}  // namespace roost::platform
