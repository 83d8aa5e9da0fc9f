#include "roost/platform/tenant_key.hpp"

#include <algorithm>

#include "roost/platform/tenant_random.hpp"

namespace roost::platform {

tenant_result<std::string> generate_private_key() {
  return random_text(lower_hex_alphabet, private_key_size);
}

bool valid_private_key(std::string_view key) {
  return key.size() == private_key_size &&
         std::all_of(key.begin(), key.end(), [](char ch) { return lower_hex_alphabet.find(ch) != std::string_view::npos; });
}

}  // namespace roost::platform
