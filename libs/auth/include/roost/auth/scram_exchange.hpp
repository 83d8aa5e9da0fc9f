#pragma once
// SCRAM-SHA-256 as the broker's enhanced authentication exchange (MQTT 5 AUTH): the client's
// Authentication Data is client-first (in CONNECT or AUTH 0x19), then client-final (AUTH 0x18);
// the server answers server-first (AUTH 0x18), then server-final (CONNACK 0x00 or AUTH 0x00). A
// wrong proof, an unknown user or a malformed message ends it as bad credentials (0x86).

#include <memory>

#include "roost/auth/scram.hpp"
#include "roost/broker/authenticator.hpp"

namespace roost::auth {

// An exchange that looks users up with `find` and places an authenticated client in `scope`.
std::unique_ptr<broker::auth_exchange> make_scram_exchange(scram_server::find_verifier find,
                                                           broker::scope_id scope = broker::default_scope);

}  // namespace roost::auth
