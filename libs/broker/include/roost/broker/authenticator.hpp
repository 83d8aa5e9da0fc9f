#pragma once
// Port: who may connect. The broker asks once per CONNECT, without holding its lock, so an
// implementation may be slow (password hashing, a database or HTTP lookup) without stalling other
// clients; implementations (password file, tenants, HTTP hook) live outside the broker and must be
// thread-safe.

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "roost/broker/scope.hpp"
#include "roost/mqtt/packets.hpp"

namespace roost::broker {

struct credentials {
  std::string_view client_id;
  std::optional<std::string_view> username;
  std::optional<mqtt::byte_view> password;
  // The user name is a verified TLS client certificate's CN: the certificate is the credential
  // (there is no password to check).
  bool certified = false;
};

enum class auth_result {
  allowed,
  bad_credentials,  // CONNACK 0x04: unknown user or wrong password
  not_authorized,   // CONNACK 0x05: e.g. anonymous when anonymous access is off
};

// The verdict on one CONNECT and, when allowed, the scope (topic space) the client lives in.
struct auth_decision {
  auth_decision(auth_result r = auth_result::allowed, scope_id s = default_scope) : result(r), scope(s) {}
  auth_result result;
  scope_id scope;
  // Access rules (the authorizer port) do not apply to this client.
  bool superuser = false;
};

// One step of an enhanced authentication exchange (MQTT 5 AUTH, section 4.12).
struct auth_step {
  bool done = false;         // false: send `data` in AUTH 0x18 and wait for the client's next AUTH
  auth_decision decision;    // when done: the verdict (allowed: CONNACK 0x00 or AUTH 0x00)
  mqtt::bytes data;          // Authentication Data for the client (a challenge, or the final word)
  std::string username;      // when done and allowed: who was authenticated
};

// A running exchange of one Authentication Method for one connection: the broker feeds it the
// client's Authentication Data (from CONNECT or a re-authenticating AUTH 0x19 first, then from each
// AUTH 0x18) without holding its lock. Used by one thread at a time.
class auth_exchange {
 public:
  virtual ~auth_exchange() = default;
  // The next step, given the client's data (empty when the packet had none).
  virtual auth_step step(mqtt::byte_view client_data) = 0;
};

class authenticator {
 public:
  virtual ~authenticator() = default;
  virtual auth_decision authenticate(const credentials& c) = 0;
  // Starts an exchange of Authentication Method `method` for `client_id`; null when the method is
  // not supported (CONNACK 0x8C Bad authentication method). The default supports none.
  virtual std::unique_ptr<auth_exchange> start_exchange(std::string_view method, std::string_view client_id) {
    (void)method;
    (void)client_id;
    return nullptr;
  }
};

}  // namespace roost::broker
