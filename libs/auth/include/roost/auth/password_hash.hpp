#pragma once
// Salted password hashes in the text form of Mosquitto password files, so a file written by
// mosquitto_passwd works in Roost unchanged and a file written by Roost works in Mosquitto:
//
//   $7$20000$QQ26WF0bXbw641P7$zyG33dYa...Ge3Q==   PBKDF2-HMAC-SHA512: iterations, base64 salt,
//                                                  base64 64-byte derived key (Mosquitto 2.x)
//   $6$OaJB/3RBOsJfWGzU$HZ49pn1F...s5Ydqw==        SHA-512(password || salt) (Mosquitto 1.6 and
//                                                  older)
//
// and a SCRAM-SHA-256 verifier (RFC 5802 / RFC 7677), which MQTT 5 enhanced authentication needs
// and which Mosquitto does not read:
//
//   $scram-sha-256$4096$<salt>$<StoredKey>$<ServerKey>   PBKDF2-HMAC-SHA256 iterations, base64
//                                                       salt, base64 32-byte keys (scram.hpp)
//
// Roost writes $7$ (or, asked to, the SCRAM form) and verifies all three. Thread-safe: every
// function is pure apart from reading the system's random source.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "roost/auth/error.hpp"

namespace roost::auth {

enum class hash_algorithm {
  sha512,         // $6$
  sha512_pbkdf2,  // $7$
  scram_sha256,   // $scram-sha-256$ (digest = StoredKey, server_key = ServerKey)
};

// Iterations Roost writes. Slow on purpose, but each CONNECT with a username pays it once on an
// I/O thread: 20000 rounds take about 10 ms on one current x86 core (Mosquitto writes 101).
inline constexpr int default_iterations = 20000;
// More than this is refused when reading, so a typo in a file cannot stall every login.
inline constexpr int max_iterations = 10'000'000;
// Bytes of random salt in a new hash (Mosquitto uses 12 too).
inline constexpr std::size_t salt_size = 12;
// Bytes of a SHA-512 digest: the stored hash of both formats.
inline constexpr std::size_t digest_size = 64;

struct password_hash {
  hash_algorithm algorithm = hash_algorithm::sha512_pbkdf2;
  int iterations = 0;  // sha512_pbkdf2 only
  std::vector<std::uint8_t> salt;
  std::vector<std::uint8_t> digest;  // digest_size bytes (scram_sha256: the 32-byte StoredKey)
  std::vector<std::uint8_t> server_key;  // scram_sha256 only: the 32-byte ServerKey
};

// A new $7$ hash of `password` with a fresh salt from the cryptographic random source.
// Fails when `iterations` is outside 1..max_iterations or libcrypto cannot deliver randomness.
result<password_hash, error> hash_password(std::string_view password,
                                           int iterations = default_iterations);

// True when `password` is the one `hash` was made from. The digests are compared in constant
// time; the cost is otherwise set by the hash's own parameters (iterations), not by the password.
// A hash whose fields are out of range never verifies.
bool verify_password(const password_hash& hash, std::string_view password);

// Reads "$7$<iterations>$<salt>$<hash>", "$6$<salt>$<hash>" or
// "$scram-sha-256$<iterations>$<salt>$<StoredKey>$<ServerKey>" (base64 with or without '='
// padding). The error's reason says what is wrong; callers add the file and line.
result<password_hash, error> parse_password_hash(std::string_view text);

// The text form, which parse_password_hash reads back (base64 with padding, as Mosquitto writes).
std::string format_password_hash(const password_hash& hash);

}  // namespace roost::auth
