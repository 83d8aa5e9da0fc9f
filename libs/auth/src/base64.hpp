#pragma once
// Standard base64 (RFC 4648 section 4) on libcrypto, private to roost::auth: password hashes and
// SCRAM messages carry their binary fields this way.

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace roost::auth {

// With '=' padding, as Mosquitto and RFC 5802 write it.
std::string base64_encode(std::span<const std::uint8_t> data);

// Decodes standard base64; the '=' padding may be present or left out. Nothing else is accepted
// (no whitespace, no other alphabet); nullopt when the text is not base64. Empty text decodes to
// nothing only when `allow_empty`.
std::optional<std::vector<std::uint8_t>> base64_decode(std::string_view text, bool allow_empty = false);

}  // namespace roost::auth
