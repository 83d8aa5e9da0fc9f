#pragma once
// Tenant private keys: 32 lowercase hex characters (128 random bits), the identity a Bemfa device
// sends as its MQTT client id or line-protocol uid.
//
//   "4d3c2b1a00ff00ff4d3c2b1a00ff00ff"  valid
//   "4D3C..." (upper case), 31 or 33 characters, "g" anywhere: not valid

#include <cstddef>
#include <string>
#include <string_view>

#include "roost/platform/tenant_error.hpp"

namespace roost::platform {

inline constexpr std::size_t private_key_size = 32;

// A new key from the cryptographic random source; fails only when that source fails.
tenant_result<std::string> generate_private_key();

// True when `key` has the form of a private key (it may still belong to no tenant).
bool valid_private_key(std::string_view key);

}  // namespace roost::platform
