#include "roost/platform/tenant_credentials.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdint>
#include <optional>
#include <vector>

#include "roost/platform/tenant_random.hpp"

namespace roost::platform {
namespace {

constexpr std::string_view scheme = "pbkdf2-sha256";
constexpr std::size_t salt_size = 16;
constexpr std::size_t digest_size = 32;

std::string to_hex(const std::vector<std::uint8_t>& bytes) {
  std::string out;
  out.reserve(bytes.size() * 2);
  for (const std::uint8_t b : bytes) {
    out.push_back(lower_hex_alphabet[b >> 4]);
    out.push_back(lower_hex_alphabet[b & 0x0f]);
  }
  return out;
}

std::optional<std::vector<std::uint8_t>> from_hex(std::string_view text) {
  if (text.size() % 2 != 0) return std::nullopt;
  std::vector<std::uint8_t> out(text.size() / 2);
  for (std::size_t i = 0; i < out.size(); ++i) {
    const auto hi = lower_hex_alphabet.find(text[2 * i]);
    const auto lo = lower_hex_alphabet.find(text[2 * i + 1]);
    if (hi == std::string_view::npos || lo == std::string_view::npos) return std::nullopt;
    out[i] = static_cast<std::uint8_t>((hi << 4) | lo);
  }
  return out;
}

std::optional<std::vector<std::uint8_t>> derive(std::string_view secret,
                                                const std::vector<std::uint8_t>& salt,
                                                int iterations) {
  std::vector<std::uint8_t> digest(digest_size);
  if (PKCS5_PBKDF2_HMAC(secret.data(), static_cast<int>(secret.size()), salt.data(),
                        static_cast<int>(salt.size()), iterations, EVP_sha256(),
                        static_cast<int>(digest.size()), digest.data()) != 1) {
    return std::nullopt;
  }
  return digest;
}

// Splits "a$b$c$d" into exactly four fields.
std::optional<std::array<std::string_view, 4>> split4(std::string_view text) {
  std::array<std::string_view, 4> fields;
  for (std::size_t i = 0; i < 3; ++i) {
    const auto dollar = text.find('$');
    if (dollar == std::string_view::npos) return std::nullopt;
    fields[i] = text.substr(0, dollar);
    text.remove_prefix(dollar + 1);
  }
  if (text.find('$') != std::string_view::npos) return std::nullopt;
  fields[3] = text;
  return fields;
}

}  // namespace

tenant_result<app_credentials> generate_app_credentials() {
  auto id = random_text(lower_alnum_alphabet, app_id_random_size);
  if (!id) return fail(id.error());
  auto secret = random_text(alnum_alphabet, secret_key_size);
  if (!secret) return fail(secret.error());
  return app_credentials{std::string(app_id_prefix) + *id, std::move(*secret)};
}

bool valid_app_id(std::string_view app_id) {
  if (app_id.size() != app_id_prefix.size() + app_id_random_size) return false;
  if (app_id.substr(0, app_id_prefix.size()) != app_id_prefix) return false;
  const auto tail = app_id.substr(app_id_prefix.size());
  return std::all_of(tail.begin(), tail.end(), [](char ch) {
    return lower_alnum_alphabet.find(ch) != std::string_view::npos;
  });
}

tenant_result<std::string> hash_secret_key(std::string_view secret_key) {
  auto salt_text = random_text(lower_hex_alphabet, salt_size * 2);
  if (!salt_text) return fail(salt_text.error());
  const auto salt = from_hex(*salt_text);
  const auto digest = derive(secret_key, *salt, secret_hash_iterations);
  if (!digest) return tenant_fail(tenant_errc::random, "pbkdf2 failed");
  return std::string(scheme) + "$" + std::to_string(secret_hash_iterations) + "$" + *salt_text +
         "$" + to_hex(*digest);
}

bool verify_secret_key(std::string_view stored, std::string_view secret_key) {
  const auto fields = split4(stored);
  if (!fields || (*fields)[0] != scheme) return false;
  int iterations = 0;
  const auto& it_text = (*fields)[1];
  const auto parsed = std::from_chars(it_text.data(), it_text.data() + it_text.size(), iterations);
  if (parsed.ec != std::errc{} || parsed.ptr != it_text.data() + it_text.size()) return false;
  if (iterations < 1 || iterations > 10'000'000) return false;
  const auto salt = from_hex((*fields)[2]);
  const auto expected = from_hex((*fields)[3]);
  if (!salt || salt->empty() || !expected || expected->size() != digest_size) return false;
  const auto actual = derive(secret_key, *salt, iterations);
  return actual && CRYPTO_memcmp(actual->data(), expected->data(), digest_size) == 0;
}

}  // namespace roost::platform
