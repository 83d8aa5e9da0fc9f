#pragma once
// Private to roost::store: whole files written so that a crash leaves either the old state or the
// new file complete, never a part of it, and read back whole.
//
//   write_durably(dir / "3f0c.bin", bytes)  -> 3f0c.bin.tmp written, fsynced, renamed, dir fsynced

#include <filesystem>
#include <string>
#include <string_view>

#include "roost/store/error.hpp"

namespace roost::store::detail {

// The suffix of a file being written (left behind only by a crash).
inline constexpr std::string_view partial_suffix = ".tmp";

// Writes `bytes` to `<path>.tmp`, fsyncs it, renames it to `path` (replacing any) and fsyncs the
// directory. On failure nothing is left at `<path>.tmp` and the error names the file and errno.
status write_durably(const std::filesystem::path& path, std::string_view bytes);

// The whole content of `path`.
store_result<std::string> read_whole(const std::filesystem::path& path);

}  // namespace roost::store::detail
