// SCRAM-SHA-256: the RFC 7677 example exchange, verifiers in the password file format, and the
// failures (wrong proof, unknown user, malformed or out-of-turn messages).

#include "roost/auth/scram.hpp"

#include <gtest/gtest.h>

#include "base64.hpp"
#include "roost/auth/password_hash.hpp"

using namespace roost::auth;

namespace {

std::vector<std::uint8_t> from_base64(std::string_view text) { return base64_decode(text).value(); }

// The salt of a server-first message ("r=...,s=<salt>,i=..."), decoded.
std::vector<std::uint8_t> offered_salt(std::string_view server_first) {
  const auto from = server_first.find(",s=") + 3;
  return from_base64(server_first.substr(from, server_first.find(",i=") - from));
}

// The verifier of RFC 7677 section 3: user "user", password "pencil".
password_hash rfc7677_verifier() {
  password_hash h;
  h.algorithm = hash_algorithm::scram_sha256;
  h.iterations = 4096;
  h.salt = from_base64("W22ZaJ0SNY7soEsUEjb6gQ==");
  auto keys = derive_scram_keys("pencil", h.salt, h.iterations);
  EXPECT_TRUE(keys);
  h.digest = keys->stored_key;
  h.server_key = keys->server_key;
  return h;
}

scram_server rfc7677_server() {
  return scram_server{[](std::string_view user) -> std::optional<password_hash> {
                        if (user != "user") return std::nullopt;
                        return rfc7677_verifier();
                      },
                      [] { return std::string("%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0"); }};
}

using outcome = scram_server::reply::outcome;

TEST(scram, rfc7677_example_exchange) {
  auto server = rfc7677_server();
  auto first = server.step("n,,n=user,r=rOprNGfwEbeRWgbNEkqO");
  ASSERT_EQ(first.result, outcome::challenge);
  EXPECT_EQ(first.message, "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096");
  auto final = server.step(
      "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=");
  ASSERT_EQ(final.result, outcome::success);
  EXPECT_EQ(final.message, "v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=");
  EXPECT_EQ(final.username, "user");
}

TEST(scram, wrong_proof_fails) {
  auto server = rfc7677_server();
  ASSERT_EQ(server.step("n,,n=user,r=rOprNGfwEbeRWgbNEkqO").result, outcome::challenge);
  auto final = server.step(
      "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=AHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=");
  EXPECT_EQ(final.result, outcome::failure);
  EXPECT_TRUE(final.message.empty());
}

TEST(scram, unknown_user_gets_a_stable_challenge_and_fails) {
  auto a = rfc7677_server();
  auto b = rfc7677_server();
  auto first_a = a.step("n,,n=mallory,r=abc");
  auto first_b = b.step("n,,n=mallory,r=abc");
  ASSERT_EQ(first_a.result, outcome::challenge);
  EXPECT_EQ(first_a.message, first_b.message) << "the same salt each time, like a real user";
  auto verifier = make_scram_verifier("secret");
  ASSERT_TRUE(verifier);
  EXPECT_EQ(offered_salt(first_a.message).size(), verifier->salt.size()) << "as long as a real user's salt";
  EXPECT_EQ(a.step("c=biws,r=abc%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=").result,
            outcome::failure);
}

TEST(scram, nonce_and_channel_binding_must_match) {
  auto server = rfc7677_server();
  ASSERT_EQ(server.step("n,,n=user,r=rOprNGfwEbeRWgbNEkqO").result, outcome::challenge);
  EXPECT_EQ(server.step("c=biws,r=other,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=").result, outcome::failure);
  auto again = rfc7677_server();
  ASSERT_EQ(again.step("n,,n=user,r=rOprNGfwEbeRWgbNEkqO").result, outcome::challenge);
  EXPECT_EQ(again.step("c=eSws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=")
                .result,
            outcome::failure);
}

TEST(scram, malformed_or_out_of_turn_messages_fail) {
  for (std::string_view bad : {"", "p=tls-unique,,n=user,r=x", "n,,r=x,n=user", "n,,n=user", "n,,n=us=er,r=x",
                               "n,,n=,r=x"}) {
    auto server = rfc7677_server();
    EXPECT_EQ(server.step(bad).result, outcome::failure) << bad;
  }
  auto server = rfc7677_server();
  ASSERT_EQ(server.step("n,,n=user,r=x").result, outcome::challenge);
  EXPECT_EQ(server.step("garbage").result, outcome::failure);
  EXPECT_EQ(server.step("n,,n=user,r=x").result, outcome::failure) << "an exchange does not restart";
}

TEST(scram, escaped_user_names_are_decoded) {
  std::string seen;
  scram_server server{[&](std::string_view user) -> std::optional<password_hash> {
    seen = user;
    return std::nullopt;
  }};
  server.step("n,,n=a=2Cb=3Dc,r=x");
  EXPECT_EQ(seen, "a,b=c");
}

TEST(scram, verifier_round_trips_through_the_password_file_form_and_checks_plain_passwords) {
  auto v = make_scram_verifier("secret", 4096);
  ASSERT_TRUE(v);
  const std::string text = format_password_hash(*v);
  EXPECT_EQ(text.rfind("$scram-sha-256$4096$", 0), 0u) << text;
  auto parsed = parse_password_hash(text);
  ASSERT_TRUE(parsed) << parsed.error().to_string();
  EXPECT_EQ(parsed->algorithm, hash_algorithm::scram_sha256);
  EXPECT_EQ(parsed->server_key, v->server_key);
  EXPECT_TRUE(verify_password(*parsed, "secret"));
  EXPECT_FALSE(verify_password(*parsed, "Secret"));
}

TEST(scram, malformed_verifiers_are_refused) {
  EXPECT_FALSE(parse_password_hash("$scram-sha-256$4096$c2FsdA==$AAAA"));
  EXPECT_FALSE(parse_password_hash("$scram-sha-256$0$c2FsdA==$AAAA$AAAA"));
  EXPECT_FALSE(parse_password_hash("$scram-sha-256$4096$c2FsdA==$AAAA$AAAA"));
}

}  // namespace
