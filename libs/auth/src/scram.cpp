// SCRAM-SHA-256 on libcrypto: key derivation, verifiers, and the server side of an exchange.
// See scram.hpp for the messages.

#include "roost/auth/scram.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>
#include <openssl/sha.h>

#include <climits>

#include "base64.hpp"

namespace roost::auth {
namespace {

using bytes = std::vector<std::uint8_t>;

// Bytes of random salt in a new verifier; an unknown user's made-up salt has as many, so that its
// length does not give it away.
constexpr std::size_t verifier_salt_size = 16;

std::span<const std::uint8_t> as_bytes(std::string_view s) {
  return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}

std::optional<bytes> hmac_sha256(std::span<const std::uint8_t> key, std::span<const std::uint8_t> data) {
  bytes out(scram_key_size);
  unsigned int length = 0;
  if (HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()), data.data(), data.size(), out.data(),
           &length) == nullptr ||
      length != scram_key_size) {
    return std::nullopt;
  }
  return out;
}

bytes sha256(std::span<const std::uint8_t> data) {
  bytes out(scram_key_size);
  SHA256(data.data(), data.size(), out.data());
  return out;
}

std::optional<bytes> random_bytes(std::size_t n) {
  bytes out(n);
  if (RAND_bytes(out.data(), static_cast<int>(n)) != 1) return std::nullopt;
  return out;
}

// The salt offered for an unknown user: the same for the same name during this process's life,
// so that asking twice does not tell a real user from an invented one.
bytes decoy_salt(std::string_view username) {
  static const bytes secret = random_bytes(32).value_or(bytes(32, 0x5a));
  bytes input = secret;
  input.insert(input.end(), username.begin(), username.end());
  bytes salt = sha256(input);
  salt.resize(verifier_salt_size);
  return salt;
}

// The value of attribute `name` ("r" of "r=abc") when `attr` is one, else nullopt.
std::optional<std::string_view> attribute(std::string_view attr, char name) {
  if (attr.size() < 2 || attr[0] != name || attr[1] != '=') return std::nullopt;
  return attr.substr(2);
}

// Splits at the first ',': {before, after}; after is empty when there is no comma.
std::pair<std::string_view, std::string_view> split_first(std::string_view text) {
  const auto comma = text.find(',');
  if (comma == std::string_view::npos) return {text, {}};
  return {text.substr(0, comma), text.substr(comma + 1)};
}

// A saslname with "=2C" and "=3D" decoded (RFC 5802 section 5.1); nullopt for any other '='.
std::optional<std::string> decode_saslname(std::string_view name) {
  std::string out;
  for (std::size_t i = 0; i < name.size(); ++i) {
    if (name[i] != '=') {
      out += name[i];
      continue;
    }
    const std::string_view escape = name.substr(i, 3);
    if (escape == "=2C") {
      out += ',';
    } else if (escape == "=3D") {
      out += '=';
    } else {
      return std::nullopt;
    }
    i += 2;
  }
  return out;
}

// A nonce is printable ASCII without ',' (RFC 5802 section 7).
bool valid_nonce(std::string_view nonce) {
  if (nonce.empty()) return false;
  for (char c : nonce) {
    if (c < 0x21 || c > 0x7e || c == ',') return false;
  }
  return true;
}

scram_server::reply failure() { return {}; }

}  // namespace

std::optional<scram_keys> derive_scram_keys(std::string_view password, std::span<const std::uint8_t> salt,
                                            int iterations) {
  if (iterations < 1 || iterations > max_iterations || password.size() > INT_MAX || salt.size() > INT_MAX) {
    return std::nullopt;
  }
  bytes salted(scram_key_size);
  if (PKCS5_PBKDF2_HMAC(password.data(), static_cast<int>(password.size()), salt.data(),
                        static_cast<int>(salt.size()), iterations, EVP_sha256(), static_cast<int>(salted.size()),
                        salted.data()) != 1) {
    return std::nullopt;
  }
  auto client_key = hmac_sha256(salted, as_bytes("Client Key"));
  auto server_key = hmac_sha256(salted, as_bytes("Server Key"));
  OPENSSL_cleanse(salted.data(), salted.size());
  if (!client_key || !server_key) return std::nullopt;
  scram_keys keys{sha256(*client_key), std::move(*server_key)};
  OPENSSL_cleanse(client_key->data(), client_key->size());
  return keys;
}

result<password_hash, error> make_scram_verifier(std::string_view password, int iterations) {
  if (iterations < 1 || iterations > max_iterations) {
    return fail(error{{}, 0, "iterations must be between 1 and " + std::to_string(max_iterations)});
  }
  auto salt = random_bytes(verifier_salt_size);
  if (!salt) return fail(error{{}, 0, "the cryptographic random source failed"});
  auto keys = derive_scram_keys(password, *salt, iterations);
  if (!keys) return fail(error{{}, 0, "PBKDF2-HMAC-SHA256 failed"});
  password_hash hash;
  hash.algorithm = hash_algorithm::scram_sha256;
  hash.iterations = iterations;
  hash.salt = std::move(*salt);
  hash.digest = std::move(keys->stored_key);
  hash.server_key = std::move(keys->server_key);
  return hash;
}

scram_server::reply scram_server::step(std::string_view client_message) {
  const int stage = _stage;
  _stage = 2;  // any failure ends the exchange
  if (stage == 0) {
    reply r = first(client_message);
    if (r.result == reply::outcome::challenge) _stage = 1;
    return r;
  }
  if (stage == 1) return final(client_message);
  return failure();
}

scram_server::reply scram_server::first(std::string_view message) {
  // gs2-header: "n," or "y," (no channel binding), an optional "a=authzid", then ','.
  auto [cbind, rest] = split_first(message);
  if (cbind != "n" && cbind != "y") return failure();  // "p=...": channel binding is not offered
  auto [authzid, bare] = split_first(rest);
  if (!authzid.empty() && !attribute(authzid, 'a')) return failure();
  _gs2_header = std::string(message.substr(0, message.size() - bare.size()));
  _client_first_bare = std::string(bare);

  auto [user_attr, after_user] = split_first(bare);
  auto [nonce_attr, extensions] = split_first(after_user);
  (void)extensions;  // optional extensions are ignored (a mandatory "m=" would come first)
  const auto user = attribute(user_attr, 'n');
  const auto nonce = attribute(nonce_attr, 'r');
  if (!user || !nonce || !valid_nonce(*nonce)) return failure();
  auto username = decode_saslname(*user);
  if (!username || username->empty()) return failure();
  _username = std::move(*username);

  _verifier = _find ? _find(_username) : std::nullopt;
  if (_verifier && (_verifier->algorithm != hash_algorithm::scram_sha256 ||
                    _verifier->digest.size() != scram_key_size || _verifier->server_key.size() != scram_key_size)) {
    _verifier.reset();
  }
  bytes salt = _verifier ? _verifier->salt : decoy_salt(_username);
  const int iterations = _verifier ? _verifier->iterations : default_scram_iterations;

  std::string server_nonce;
  if (_make_nonce) {
    server_nonce = _make_nonce();
  } else {
    auto random = random_bytes(18);
    if (!random) return failure();
    server_nonce = base64_encode(*random);
  }
  _nonce = std::string(*nonce) + server_nonce;
  _server_first = "r=" + _nonce + ",s=" + base64_encode(salt) + ",i=" + std::to_string(iterations);
  return {reply::outcome::challenge, _server_first, {}};
}

scram_server::reply scram_server::final(std::string_view message) {
  const auto proof_at = message.rfind(",p=");
  if (proof_at == std::string_view::npos) return failure();
  const std::string_view without_proof = message.substr(0, proof_at);
  const auto proof = base64_decode(message.substr(proof_at + 3));

  auto [binding_attr, after_binding] = split_first(without_proof);
  auto [nonce_attr, extensions] = split_first(after_binding);
  (void)extensions;
  const auto binding = attribute(binding_attr, 'c');
  const auto nonce = attribute(nonce_attr, 'r');
  if (!binding || !nonce || !proof || proof->size() != scram_key_size) return failure();
  if (*binding != base64_encode(as_bytes(_gs2_header)) || *nonce != _nonce) return failure();
  if (!_verifier) return failure();  // an unknown user: no proof can be right

  const std::string auth_message = _client_first_bare + "," + _server_first + "," + std::string(without_proof);
  auto signature = hmac_sha256(_verifier->digest, as_bytes(auth_message));
  if (!signature) return failure();
  bytes client_key(scram_key_size);
  for (std::size_t i = 0; i < scram_key_size; ++i) client_key[i] = (*proof)[i] ^ (*signature)[i];
  const bytes stored = sha256(client_key);
  if (CRYPTO_memcmp(stored.data(), _verifier->digest.data(), scram_key_size) != 0) return failure();

  auto server_signature = hmac_sha256(_verifier->server_key, as_bytes(auth_message));
  if (!server_signature) return failure();
  return {reply::outcome::success, "v=" + base64_encode(*server_signature), _username};
}

}  // namespace roost::auth
