#pragma once
// Random text from the system's cryptographic source (OpenSSL RAND_bytes), for keys and
// credentials. Every character is drawn uniformly from the alphabet (rejection sampling, no
// modulo bias). Thread-safe.
//
//   random_text("0123456789abcdef", 32) -> "3f0c9a..." (32 characters)

#include <cstddef>
#include <string>
#include <string_view>

#include "roost/platform/tenant_error.hpp"

namespace roost::platform {

inline constexpr std::string_view lower_hex_alphabet = "0123456789abcdef";
inline constexpr std::string_view lower_alnum_alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
inline constexpr std::string_view alnum_alphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

// `count` characters of `alphabet` (1 to 256 distinct characters). Fails with tenant_errc::random
// when the random source cannot deliver, and tenant_errc::invalid for an empty or too long alphabet.
tenant_result<std::string> random_text(std::string_view alphabet, std::size_t count);

}  // namespace roost::platform
