#include "roost/platform/firmware_rules.hpp"

#include <openssl/evp.h>

#include <algorithm>
#include <array>
#include <boost/crc.hpp>
#include <cstdio>
#include <memory>

#include "roost/mqtt/topic.hpp"
#include "roost/platform/tenant_random.hpp"

namespace roost::platform {
namespace {

constexpr std::string_view bin_suffix = ".bin";

bool is_alnum(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

std::string hex(const unsigned char* bytes, std::size_t n) {
  static constexpr char digits[] = "0123456789abcdef";
  std::string out;
  out.reserve(n * 2);
  for (std::size_t i = 0; i < n; ++i) {
    out.push_back(digits[bytes[i] >> 4]);
    out.push_back(digits[bytes[i] & 0xf]);
  }
  return out;
}

std::string crc32_hex(std::string_view bytes) {
  boost::crc_32_type crc;
  crc.process_bytes(bytes.data(), bytes.size());
  std::array<char, 9> text{};
  std::snprintf(text.data(), text.size(), "%08x", static_cast<unsigned>(crc.checksum()));
  return text.data();
}

// Empty when OpenSSL fails (it does not for SHA-256 short of memory exhaustion).
std::string sha256_hex(std::string_view bytes) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int size = 0;
  if (EVP_Digest(bytes.data(), bytes.size(), digest.data(), &size, EVP_sha256(), nullptr) != 1) return {};
  return hex(digest.data(), size);
}

}  // namespace

bool valid_firmware_version(std::string_view version) {
  return !version.empty() && version.size() <= max_firmware_version_size &&
         std::all_of(version.begin(), version.end(),
                     [](char c) { return is_alnum(c) || c == '.' || c == '_' || c == '+' || c == '-'; });
}

bool valid_firmware_tag(std::string_view tag) {
  return tag.size() <= max_firmware_tag_size && mqtt::valid_utf8(tag) &&
         std::none_of(tag.begin(), tag.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; });
}

std::optional<std::string> firmware_file_name(std::string_view requested, std::string_view topic) {
  std::string name(requested.empty() ? topic : requested);
  if (!name.ends_with(bin_suffix)) name += bin_suffix;
  const bool allowed =
      std::all_of(name.begin(), name.end(), [](char c) { return is_alnum(c) || c == '.' || c == '_' || c == '-'; });
  if (!allowed || name.front() == '.' || name.size() > max_firmware_file_name_size) return std::nullopt;
  return name;
}

firmware_result<firmware_info> describe_firmware(const firmware_upload& upload) {
  auto id = random_text(lower_hex_alphabet, 32);
  if (!id) return fail(firmware_error{firmware_errc::storage, id.error().reason});
  firmware_info info;
  info.id = std::move(*id);
  info.version = upload.version;
  info.tag = upload.tag;
  info.file_name = upload.file_name;
  info.size = upload.bytes.size();
  info.crc32 = crc32_hex(upload.bytes);
  info.sha256 = sha256_hex(upload.bytes);
  info.uploaded_ms = upload.uploaded_ms;
  return info;
}

}  // namespace roost::platform
