// Mosquitto-compatible password hashes on libcrypto. See password_hash.hpp for the formats.

#include "roost/auth/password_hash.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <charconv>
#include <climits>
#include <memory>
#include <optional>
#include <span>

#include "base64.hpp"
#include "roost/auth/scram.hpp"

namespace roost::auth {
namespace {

using bytes = std::vector<std::uint8_t>;

// The fields between '$' signs of "$a$b$c": {"a", "b", "c"}.
std::vector<std::string_view> split_fields(std::string_view text) {
  std::vector<std::string_view> fields;
  text.remove_prefix(1);  // the leading '$'
  while (true) {
    const auto dollar = text.find('$');
    fields.push_back(text.substr(0, dollar));
    if (dollar == std::string_view::npos) break;
    text.remove_prefix(dollar + 1);
  }
  return fields;
}

std::optional<int> parse_iterations(std::string_view text) {
  int value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || end != text.data() + text.size()) return std::nullopt;
  if (value < 1 || value > max_iterations) return std::nullopt;
  return value;
}

error bad(std::string reason) { return error{{}, 0, std::move(reason)}; }

// SHA-512 of password || salt ($6$).
std::optional<bytes> digest_sha512(std::string_view password, std::span<const std::uint8_t> salt) {
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
  bytes out(digest_size);
  unsigned int length = 0;
  if (!ctx || EVP_DigestInit_ex(ctx.get(), EVP_sha512(), nullptr) != 1 ||
      EVP_DigestUpdate(ctx.get(), password.data(), password.size()) != 1 ||
      EVP_DigestUpdate(ctx.get(), salt.data(), salt.size()) != 1 ||
      EVP_DigestFinal_ex(ctx.get(), out.data(), &length) != 1 || length != digest_size) {
    return std::nullopt;
  }
  return out;
}

// PBKDF2-HMAC-SHA512 with a 64-byte output ($7$).
std::optional<bytes> digest_pbkdf2(std::string_view password, std::span<const std::uint8_t> salt,
                                   int iterations) {
  if (password.size() > INT_MAX || salt.size() > INT_MAX) return std::nullopt;
  bytes out(digest_size);
  if (PKCS5_PBKDF2_HMAC(password.data(), static_cast<int>(password.size()), salt.data(),
                        static_cast<int>(salt.size()), iterations, EVP_sha512(),
                        static_cast<int>(out.size()), out.data()) != 1) {
    return std::nullopt;
  }
  return out;
}

std::optional<bytes> compute_digest(const password_hash& hash, std::string_view password) {
  switch (hash.algorithm) {
    case hash_algorithm::sha512:
      return digest_sha512(password, hash.salt);
    case hash_algorithm::sha512_pbkdf2:
      if (hash.iterations < 1 || hash.iterations > max_iterations) return std::nullopt;
      return digest_pbkdf2(password, hash.salt, hash.iterations);
    case hash_algorithm::scram_sha256: {
      auto keys = derive_scram_keys(password, hash.salt, hash.iterations);
      if (!keys) return std::nullopt;
      return std::move(keys->stored_key);
    }
  }
  return std::nullopt;
}

// The digest size of an algorithm: SHA-512 or, for SCRAM's StoredKey, SHA-256.
std::size_t digest_size_of(hash_algorithm a) {
  return a == hash_algorithm::scram_sha256 ? scram_key_size : digest_size;
}

}  // namespace

result<password_hash, error> hash_password(std::string_view password, int iterations) {
  if (iterations < 1 || iterations > max_iterations) {
    return fail(bad("iterations must be between 1 and " + std::to_string(max_iterations)));
  }
  password_hash hash;
  hash.algorithm = hash_algorithm::sha512_pbkdf2;
  hash.iterations = iterations;
  hash.salt.resize(salt_size);
  if (RAND_bytes(hash.salt.data(), static_cast<int>(hash.salt.size())) != 1) {
    return fail(bad("the cryptographic random source failed"));
  }
  auto digest = digest_pbkdf2(password, hash.salt, iterations);
  if (!digest) return fail(bad("PBKDF2-HMAC-SHA512 failed"));
  hash.digest = std::move(*digest);
  return hash;
}

bool verify_password(const password_hash& hash, std::string_view password) {
  const std::size_t size = digest_size_of(hash.algorithm);
  if (hash.digest.size() != size) return false;
  const auto computed = compute_digest(hash, password);
  if (!computed || computed->size() != size) return false;
  return CRYPTO_memcmp(computed->data(), hash.digest.data(), size) == 0;
}

result<password_hash, error> parse_password_hash(std::string_view text) {
  if (text.empty()) return fail(bad("the password hash is empty"));
  if (text.front() != '$') {
    return fail(bad("not a password hash (expected $7$..., $6$... or $scram-sha-256$...; plain-text "
                    "passwords are not supported)"));
  }
  const auto fields = split_fields(text);
  password_hash hash;
  std::string_view salt_text;
  std::string_view digest_text;
  if (fields[0] == "7") {
    if (fields.size() != 4) {
      return fail(bad("malformed $7$ hash (expected $7$iterations$salt$hash)"));
    }
    const auto iterations = parse_iterations(fields[1]);
    if (!iterations) {
      return fail(bad("iterations must be a number between 1 and " +
                      std::to_string(max_iterations)));
    }
    hash.algorithm = hash_algorithm::sha512_pbkdf2;
    hash.iterations = *iterations;
    salt_text = fields[2];
    digest_text = fields[3];
  } else if (fields[0] == "6") {
    if (fields.size() != 3) {
      return fail(bad("malformed $6$ hash (expected $6$salt$hash)"));
    }
    hash.algorithm = hash_algorithm::sha512;
    salt_text = fields[1];
    digest_text = fields[2];
  } else if (fields[0] == "scram-sha-256") {
    if (fields.size() != 5) {
      return fail(bad("malformed $scram-sha-256$ verifier (expected "
                      "$scram-sha-256$iterations$salt$StoredKey$ServerKey)"));
    }
    const auto iterations = parse_iterations(fields[1]);
    if (!iterations) {
      return fail(bad("iterations must be a number between 1 and " + std::to_string(max_iterations)));
    }
    auto server_key = base64_decode(fields[4]);
    if (!server_key || server_key->size() != scram_key_size) {
      return fail(bad("the ServerKey is not 32 bytes of valid base64"));
    }
    hash.algorithm = hash_algorithm::scram_sha256;
    hash.iterations = *iterations;
    hash.server_key = std::move(*server_key);
    salt_text = fields[2];
    digest_text = fields[3];
  } else {
    return fail(bad("unsupported hash type $" + std::string(fields[0]) +
                    "$ (expected $7$, $6$ or $scram-sha-256$)"));
  }

  auto salt = base64_decode(salt_text);
  if (!salt) return fail(bad("the salt is not valid base64"));
  auto digest = base64_decode(digest_text);
  if (!digest) return fail(bad("the hash is not valid base64"));
  const std::size_t size = digest_size_of(hash.algorithm);
  if (digest->size() != size) {
    return fail(bad("the hash is " + std::to_string(digest->size()) + " bytes long, expected " +
                    std::to_string(size) + (size == digest_size ? " (SHA-512)" : " (SHA-256)")));
  }
  hash.salt = std::move(*salt);
  hash.digest = std::move(*digest);
  return hash;
}

std::string format_password_hash(const password_hash& hash) {
  std::string out;
  switch (hash.algorithm) {
    case hash_algorithm::sha512:
      out = "$6$";
      break;
    case hash_algorithm::sha512_pbkdf2:
      out = "$7$" + std::to_string(hash.iterations) + "$";
      break;
    case hash_algorithm::scram_sha256:
      return "$scram-sha-256$" + std::to_string(hash.iterations) + "$" + base64_encode(hash.salt) + "$" +
             base64_encode(hash.digest) + "$" + base64_encode(hash.server_key);
  }
  return out + base64_encode(hash.salt) + "$" + base64_encode(hash.digest);
}

}  // namespace roost::auth
