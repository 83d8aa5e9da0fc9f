#pragma once
// Private to roost::acl: replacing a file so that a reader or a crash sees the old text or the
// new one, never a mix.

#include <filesystem>
#include <string>
#include <string_view>

namespace roost::acl::detail {

// Writes `text` to a temporary file next to `path`, flushes it to disk and renames it over
// `path` (keeping the old file's mode, 0644 for a new one). Returns "" or why it failed.
std::string save_file(const std::filesystem::path& path, std::string_view text);

// Reads the whole file into `out`. Returns "" or why it failed; `missing` is set when the file
// does not exist.
std::string load_file(const std::filesystem::path& path, std::string& out, bool& missing);

}  // namespace roost::acl::detail
