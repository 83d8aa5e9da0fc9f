#pragma once
// What a firmware upload may carry, and the metadata a catalog stores for it.
//
//   valid_firmware_version("1.2.0-beta+3") -> true;  valid_firmware_version("1 2") -> false
//   firmware_file_name("", "ledctrl002")   -> "ledctrl002.bin"
//   firmware_file_name("app", "x")         -> "app.bin";  firmware_file_name("../x", "x") -> nullopt
//   describe_firmware({bytes "123456789", ...}) -> {id random, size 9, crc32 "cbf43926", sha256 ...}

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "roost/platform/firmware_catalog.hpp"

namespace roost::platform {

inline constexpr std::size_t max_firmware_version_size = 64;
inline constexpr std::size_t max_firmware_tag_size = 64;
inline constexpr std::size_t max_firmware_file_name_size = 100;

// 1 to 64 characters, each a letter, a digit or one of ". _ + -".
bool valid_firmware_version(std::string_view version);

// At most 64 bytes of UTF-8 without control characters; may be empty.
bool valid_firmware_tag(std::string_view tag);

// The download file name for the `requested` one: "<topic>.bin" when empty, ".bin" appended when
// it does not end so. nullopt when it has a character other than a letter, a digit, '.', '_' or
// '-', starts with '.', or is longer than 100 characters (with the ".bin").
std::optional<std::string> firmware_file_name(std::string_view requested, std::string_view topic);

// The metadata of `upload`: a new random id, the size, the CRC-32 and the SHA-256 of its bytes,
// and its version, tag, file name and time. Fails (storage) only when the random source fails.
firmware_result<firmware_info> describe_firmware(const firmware_upload& upload);

}  // namespace roost::platform
