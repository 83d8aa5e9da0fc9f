#pragma once
// command_words: splits the device-cloud command format `word#field#field...` (`on#50#16711680`)
// that lights, switches and curtains receive.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace roost::tools::sim {

// A command split at '#': the power word (lower-cased: "on", "off", "pause", ...) and the fields
// after it, in order, each trimmed of spaces (a field may be empty: `on##255`).
struct command_words {
  std::string word;
  std::vector<std::string_view> fields;  // views into the message given to split_command
};

// Splits `msg` (surrounding spaces, '\r' and '\n' ignored). The result's fields view `msg`.
command_words split_command(std::string_view msg);

// A field as a whole decimal number in [0, max]; nothing when it is empty, not a number or larger.
std::optional<std::uint32_t> field_number(std::string_view field, std::uint32_t max);

}  // namespace roost::tools::sim
