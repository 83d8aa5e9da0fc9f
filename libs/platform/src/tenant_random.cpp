#include "roost/platform/tenant_random.hpp"

#include <openssl/rand.h>

#include <array>
#include <cstdint>

namespace roost::platform {

tenant_result<std::string> random_text(std::string_view alphabet, std::size_t count) {
  if (alphabet.empty() || alphabet.size() > 256) {
    return tenant_fail(tenant_errc::invalid, "random_text needs 1 to 256 characters to draw from");
  }
  // Bytes at or above `limit` would favour the first characters of the alphabet; they are drawn
  // again instead.
  const unsigned size = static_cast<unsigned>(alphabet.size());
  const unsigned limit = 256 - (256 % size);
  std::string out;
  out.reserve(count);
  std::array<std::uint8_t, 64> pool{};
  while (out.size() < count) {
    if (RAND_bytes(pool.data(), static_cast<int>(pool.size())) != 1) {
      return tenant_fail(tenant_errc::random, "the system's random source failed");
    }
    for (const std::uint8_t byte : pool) {
      if (out.size() == count) break;
      if (byte >= limit) continue;
      out.push_back(alphabet[byte % size]);
    }
  }
  return out;
}

}  // namespace roost::platform
