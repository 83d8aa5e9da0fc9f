#pragma once
// Port: who may connect. The broker asks once per CONNECT, without holding its lock, so an
// implementation may be slow (password hashing, a database or HTTP lookup) without stalling other
// clients; implementations (password file, tenants, HTTP hook) live outside the broker and must be
// thread-safe.

#include <optional>
#include <string_view>

#include "roost/broker/scope.hpp"
#include "roost/mqtt/packets.hpp"

namespace roost::broker {

struct credentials {
  std::string_view client_id;
  std::optional<std::string_view> username;
  std::optional<mqtt::byte_view> password;
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
};

class authenticator {
 public:
  virtual ~authenticator() = default;
  virtual auth_decision authenticate(const credentials& c) = 0;
};

}  // namespace roost::broker
