#pragma once
// SCRAM-SHA-256 (RFC 5802, RFC 7677), the method Roost offers for MQTT 5 enhanced authentication
// ("SCRAM-SHA-256" as Authentication Method). The server keeps a verifier, never the password:
//
//   SaltedPassword = PBKDF2-HMAC-SHA256(password, salt, iterations)
//   StoredKey      = SHA-256(HMAC(SaltedPassword, "Client Key"))
//   ServerKey      = HMAC(SaltedPassword, "Server Key")
//
// and one exchange goes (without channel binding; user names and passwords are used as given,
// without SASLprep):
//
//   client-first   n,,n=alice,r=<client nonce>
//   server-first   r=<client nonce><server nonce>,s=<salt>,i=4096
//   client-final   c=biws,r=<both nonces>,p=<ClientProof>
//   server-final   v=<ServerSignature>                    (or a failure: the proof is wrong)
//
// Thread-safe: the functions are pure apart from the random source; a scram_server is one
// exchange, used by one thread at a time.

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "roost/auth/error.hpp"
#include "roost/auth/password_hash.hpp"

namespace roost::auth {

// The MQTT 5 Authentication Method name.
inline constexpr std::string_view scram_sha256_method = "SCRAM-SHA-256";
// Bytes of StoredKey and ServerKey (a SHA-256 digest).
inline constexpr std::size_t scram_key_size = 32;
// Iterations of a new verifier: RFC 7677's 4096. The client pays them on every exchange (a
// microcontroller too); the server only when a plain password is checked against the verifier.
inline constexpr int default_scram_iterations = 4096;

struct scram_keys {
  std::vector<std::uint8_t> stored_key;
  std::vector<std::uint8_t> server_key;
};

// StoredKey and ServerKey of `password` with `salt` and `iterations`; nullopt when libcrypto fails
// or iterations is outside 1..max_iterations.
std::optional<scram_keys> derive_scram_keys(std::string_view password, std::span<const std::uint8_t> salt,
                                            int iterations);

// A new SCRAM-SHA-256 verifier of `password` (hash_algorithm::scram_sha256) with a fresh salt.
result<password_hash, error> make_scram_verifier(std::string_view password,
                                                 int iterations = default_scram_iterations);

// The server side of one exchange.
class scram_server {
 public:
  // The verifier of `username`, or nullopt (an unknown user, or one without a SCRAM verifier).
  using find_verifier = std::function<std::optional<password_hash>(std::string_view username)>;

  struct reply {
    enum class outcome { challenge, success, failure };
    outcome result = outcome::failure;
    std::string message;   // server-first (challenge) or server-final (success); empty on failure
    std::string username;  // success: who proved their password
  };

  // `make_nonce` (tests only) replaces the random server nonce.
  explicit scram_server(find_verifier find, std::function<std::string()> make_nonce = {})
      : _find(std::move(find)), _make_nonce(std::move(make_nonce)) {}

  // The next client message: client-first, then client-final. An unknown user is not revealed by
  // the first reply (a salt derived from the name is offered) and fails at the proof; a malformed
  // message, or a message out of turn, is a failure.
  reply step(std::string_view client_message);

 private:
  reply first(std::string_view message);
  reply final(std::string_view message);

  find_verifier _find;
  std::function<std::string()> _make_nonce;
  int _stage = 0;  // 0: expecting client-first, 1: client-final, 2: done
  std::optional<password_hash> _verifier;
  std::string _username;
  std::string _gs2_header;
  std::string _client_first_bare;
  std::string _server_first;
  std::string _nonce;
};

}  // namespace roost::auth
