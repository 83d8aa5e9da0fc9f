// The authentication hook's verdict cache (see auth_cache.hpp).

#include "roost/auth/auth_cache.hpp"

#include <openssl/evp.h>

#include <cstdio>
#include <iterator>

namespace roost::auth {

std::optional<broker::auth_decision> auth_cache::find(std::string_view key, time_point now) const {
  std::lock_guard guard{_mutex};
  const auto it = _entries.find(std::string(key));
  if (it == _entries.end() || now >= it->second.expires) return std::nullopt;
  return it->second.decision;
}

void auth_cache::put(std::string key, const broker::auth_decision& decision, duration ttl, time_point now) {
  if (ttl.count() <= 0 || _capacity == 0) return;
  std::lock_guard guard{_mutex};
  if (_entries.size() >= _capacity && !_entries.contains(key)) {
    std::erase_if(_entries, [now](const auto& e) { return now >= e.second.expires; });
    if (_entries.size() >= _capacity) _entries.clear();
  }
  _entries.insert_or_assign(std::move(key), entry{decision, now + ttl});
}

void auth_cache::clear() {
  std::lock_guard guard{_mutex};
  _entries.clear();
}

std::size_t auth_cache::size() const {
  std::lock_guard guard{_mutex};
  return _entries.size();
}

std::string cache_key(std::initializer_list<std::string_view> parts) {
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  EVP_DigestInit_ex(ctx, EVP_sha256(), nullptr);
  for (const std::string_view part : parts) {
    // Length-prefixed, so ("ab", "c") and ("a", "bc") differ.
    const std::string length = std::to_string(part.size()) + ":";
    EVP_DigestUpdate(ctx, length.data(), length.size());
    EVP_DigestUpdate(ctx, part.data(), part.size());
  }
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  EVP_DigestFinal_ex(ctx, digest, &size);
  EVP_MD_CTX_free(ctx);
  std::string hex;
  hex.reserve(size * 2);
  for (unsigned int i = 0; i < size; ++i) {
    char two[3];
    std::snprintf(two, sizeof two, "%02x", digest[i]);
    hex += two;
  }
  return hex;
}

}  // namespace roost::auth
