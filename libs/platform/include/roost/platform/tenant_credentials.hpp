#pragma once
// The appID/secretKey pair of a tenant (Bemfa's "mode B": username = appID, password = secretKey).
// The secretKey is shown to its owner once and stored only as a salted PBKDF2-HMAC-SHA256 hash:
//
//   appID      beid_k3j9x0q2m5n8b1v4c7z6a0s   "beid_" + 23 of [a-z0-9]
//   secretKey  Q8vK2mZ0pL5xN7cR1tY4wE6uI9oA3sD0   32 of [A-Za-z0-9]
//   stored     pbkdf2-sha256$1000$<32 hex salt>$<64 hex digest>
//
// The secret already carries ~190 random bits, so the hash does not need to be slow to resist
// guessing; the iterations only make a stolen database a little less convenient. Thread-safe.

#include <cstddef>
#include <string>
#include <string_view>

#include "roost/platform/tenant_error.hpp"

namespace roost::platform {

inline constexpr std::string_view app_id_prefix = "beid_";
inline constexpr std::size_t app_id_random_size = 23;
inline constexpr std::size_t secret_key_size = 32;
inline constexpr int secret_hash_iterations = 1000;

struct app_credentials {
  std::string app_id;
  std::string secret_key;  // the clear secret: print it once, store only hash_secret_key(secret_key)
};

// A fresh pair from the cryptographic random source.
tenant_result<app_credentials> generate_app_credentials();

// True when `app_id` has the form generate_app_credentials() produces.
bool valid_app_id(std::string_view app_id);

// The storable text form of a salted hash of `secret_key`, with a fresh salt.
tenant_result<std::string> hash_secret_key(std::string_view secret_key);

// True when `secret_key` is the one `stored` (from hash_secret_key) was made from. The digests are
// compared in constant time; a malformed `stored` never verifies.
bool verify_secret_key(std::string_view stored, std::string_view secret_key);

}  // namespace roost::platform
