// Base64 on libcrypto's EVP_EncodeBlock / EVP_DecodeBlock, with the strictness they lack.

#include "base64.hpp"

#include <openssl/evp.h>

namespace roost::auth {
namespace {

bool is_base64_char(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' ||
         c == '/';
}

}  // namespace

std::string base64_encode(std::span<const std::uint8_t> data) {
  // EVP_EncodeBlock writes 4 characters per started 3 bytes plus a terminating NUL.
  std::string out(4 * ((data.size() + 2) / 3) + 1, '\0');
  const int written = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()), data.data(),
                                      static_cast<int>(data.size()));
  out.resize(static_cast<std::size_t>(written));
  return out;
}

std::optional<std::vector<std::uint8_t>> base64_decode(std::string_view text, bool allow_empty) {
  if (text.empty() && allow_empty) return std::vector<std::uint8_t>{};
  std::size_t padding = 0;
  while (!text.empty() && text.back() == '=') {
    ++padding;
    text.remove_suffix(1);
  }
  if (text.empty() || padding > 2 || text.size() % 4 == 1) return std::nullopt;
  for (char c : text) {
    if (!is_base64_char(c)) return std::nullopt;
  }
  const std::size_t missing = (4 - text.size() % 4) % 4;
  if (padding != 0 && padding != missing) return std::nullopt;

  std::string padded(text);
  padded.append(missing, '=');
  std::vector<std::uint8_t> out(padded.size() / 4 * 3);
  const int decoded = EVP_DecodeBlock(out.data(), reinterpret_cast<const unsigned char*>(padded.data()),
                                      static_cast<int>(padded.size()));
  if (decoded < 0 || static_cast<std::size_t>(decoded) < missing) return std::nullopt;
  // Each '=' decoded as a zero byte that is not part of the data.
  out.resize(static_cast<std::size_t>(decoded) - missing);
  return out;
}

}  // namespace roost::auth
