// Hashing, verifying and the text form of password hashes, including lines made by Mosquitto.

#include "roost/auth/password_hash.hpp"

#include <gtest/gtest.h>

#include <string>

namespace roost::auth {
namespace {

// Few iterations keep the tests fast; the algorithm is the same at any count.
constexpr int fast = 1000;

// Mosquitto-format hashes of the password "x", written by mosquitto_passwd 2.0.11:
// the default $7$ (PBKDF2-HMAC-SHA512, 101 iterations) and `-H sha512` ($6$).
constexpr std::string_view mosquitto_pbkdf2_x =
    "$7$101$QQ26WF0bXbw641P7$zyG33dYaI8Fd9XFqrPk1ywghEkWw0vuu6ipwbymv1B9A8hQ2xI3D4C0tNZFCLskXFh8h"
    "CviunFLYOR2kEVGe3Q==";
constexpr std::string_view mosquitto_sha512_x =
    "$6$OaJB/3RBOsJfWGzU$HZ49pn1FH2El76Q7te45eM77Z0kuweXNFP2icId2t4R3HqOFFmc+YRM3tS5WOMFQ1Lc1gcCU"
    "8EgZe8O7s5Ydqw==";
// Mosquitto-format hash of the password "pässwörd with spaces" (UTF-8), same tool, default $7$.
constexpr std::string_view mosquitto_pbkdf2_utf8 =
    "$7$101$9Zew7RJBeH5jf81D$Twd3gRG4KWE1xhjgyt9tkCjcfsH0Q+dYTMrW+HGFjVqo2KJAC6mZ5C6DL5i0aysbFdxs"
    "NKZCLm/fBIFqj7nfbg==";

password_hash parsed(std::string_view text) {
  auto hash = parse_password_hash(text);
  EXPECT_TRUE(hash) << (hash ? "" : hash.error().reason);
  return hash ? *hash : password_hash{};
}

std::string parse_error(std::string_view text) {
  auto hash = parse_password_hash(text);
  return hash ? "(parsed)" : hash.error().reason;
}

TEST(password_hash, hash_then_verify) {
  auto hash = hash_password("correct horse", fast);
  ASSERT_TRUE(hash);
  EXPECT_EQ(hash->algorithm, hash_algorithm::sha512_pbkdf2);
  EXPECT_EQ(hash->iterations, fast);
  EXPECT_EQ(hash->salt.size(), salt_size);
  EXPECT_EQ(hash->digest.size(), digest_size);
  EXPECT_TRUE(verify_password(*hash, "correct horse"));
}

TEST(password_hash, wrong_password_fails) {
  auto hash = hash_password("correct horse", fast);
  ASSERT_TRUE(hash);
  EXPECT_FALSE(verify_password(*hash, "correct horsf"));
  EXPECT_FALSE(verify_password(*hash, "correct hors"));
  EXPECT_FALSE(verify_password(*hash, ""));
}

TEST(password_hash, default_iterations_are_written) {
  auto hash = hash_password("x");
  ASSERT_TRUE(hash);
  EXPECT_EQ(hash->iterations, default_iterations);
  EXPECT_TRUE(format_password_hash(*hash).starts_with("$7$20000$"));
}

TEST(password_hash, same_password_hashes_differently_with_fresh_salt) {
  auto a = hash_password("same", fast);
  auto b = hash_password("same", fast);
  ASSERT_TRUE(a && b);
  EXPECT_NE(a->salt, b->salt);
  EXPECT_NE(a->digest, b->digest);
  EXPECT_NE(format_password_hash(*a), format_password_hash(*b));
  EXPECT_TRUE(verify_password(*a, "same"));
  EXPECT_TRUE(verify_password(*b, "same"));
}

TEST(password_hash, iterations_out_of_range_are_refused) {
  EXPECT_FALSE(hash_password("x", 0));
  EXPECT_FALSE(hash_password("x", -5));
  EXPECT_FALSE(hash_password("x", max_iterations + 1));
}

TEST(password_hash, format_then_parse_round_trip) {
  auto hash = hash_password("round trip", fast);
  ASSERT_TRUE(hash);
  const std::string text = format_password_hash(*hash);
  // 12 salt bytes are 16 base64 characters without padding; 64 digest bytes end in "==".
  EXPECT_EQ(text.size(), std::string("$7$1000$").size() + 16 + 1 + 88);
  const password_hash back = parsed(text);
  EXPECT_EQ(back.iterations, fast);
  EXPECT_EQ(back.salt, hash->salt);
  EXPECT_EQ(back.digest, hash->digest);
  EXPECT_EQ(format_password_hash(back), text);
  EXPECT_TRUE(verify_password(back, "round trip"));
}

TEST(password_hash, mosquitto_pbkdf2_line_verifies) {
  const password_hash hash = parsed(mosquitto_pbkdf2_x);
  EXPECT_EQ(hash.algorithm, hash_algorithm::sha512_pbkdf2);
  EXPECT_EQ(hash.iterations, 101);
  EXPECT_EQ(hash.salt.size(), 12u);
  EXPECT_TRUE(verify_password(hash, "x"));
  EXPECT_FALSE(verify_password(hash, "y"));
  EXPECT_FALSE(verify_password(hash, "x "));
  EXPECT_EQ(format_password_hash(hash), mosquitto_pbkdf2_x);
}

TEST(password_hash, mosquitto_sha512_line_verifies) {
  const password_hash hash = parsed(mosquitto_sha512_x);
  EXPECT_EQ(hash.algorithm, hash_algorithm::sha512);
  EXPECT_TRUE(verify_password(hash, "x"));
  EXPECT_FALSE(verify_password(hash, "X"));
  EXPECT_EQ(format_password_hash(hash), mosquitto_sha512_x);
}

TEST(password_hash, mosquitto_line_with_utf8_password_verifies) {
  const password_hash hash = parsed(mosquitto_pbkdf2_utf8);
  EXPECT_TRUE(verify_password(hash, "p\xc3\xa4ssw\xc3\xb6rd with spaces"));
  EXPECT_FALSE(verify_password(hash, "passwoerd with spaces"));
}

TEST(password_hash, base64_without_padding_is_accepted) {
  std::string text(mosquitto_pbkdf2_x);
  text.resize(text.size() - 2);  // drop the "=="
  EXPECT_TRUE(verify_password(parsed(text), "x"));
}

TEST(password_hash, malformed_hashes_say_what_is_wrong) {
  EXPECT_EQ(parse_error(""), "the password hash is empty");
  EXPECT_NE(parse_error("secret").find("plain-text passwords are not supported"),
            std::string::npos);
  EXPECT_EQ(parse_error("$5$abc$def"), "unsupported hash type $5$ (expected $7$, $6$ or $scram-sha-256$)");
  EXPECT_EQ(parse_error("$7$101$QQ26WF0bXbw641P7"),
            "malformed $7$ hash (expected $7$iterations$salt$hash)");
  EXPECT_EQ(parse_error("$6$a$b$c"), "malformed $6$ hash (expected $6$salt$hash)");
  EXPECT_NE(parse_error("$7$abc$QQ26WF0bXbw641P7$zyG3").find("iterations must be a number"),
            std::string::npos);
  EXPECT_NE(parse_error("$7$0$QQ26WF0bXbw641P7$zyG3").find("iterations"), std::string::npos);
  EXPECT_NE(parse_error("$7$99999999999$QQ26WF0bXbw641P7$zyG3").find("iterations"),
            std::string::npos);
  EXPECT_EQ(parse_error("$7$101$QQ26*F0bXbw641P7$zyG33dYa"), "the salt is not valid base64");
  EXPECT_EQ(parse_error("$7$101$$zyG33dYa"), "the salt is not valid base64");
  EXPECT_EQ(parse_error("$7$101$QQ26WF0bXbw641P7$zyG3 3dYa"), "the hash is not valid base64");
  EXPECT_EQ(parse_error("$7$101$QQ26WF0bXbw641P7$zyG33dYa"),
            "the hash is 6 bytes long, expected 64 (SHA-512)");
  EXPECT_EQ(parse_error("$6$QQ26WF0bXbw641P7$A==="), "the hash is not valid base64");
}

TEST(password_hash, hash_with_wrong_digest_size_never_verifies) {
  password_hash hash = parsed(mosquitto_pbkdf2_x);
  hash.digest.pop_back();
  EXPECT_FALSE(verify_password(hash, "x"));
}

}  // namespace
}  // namespace roost::auth
