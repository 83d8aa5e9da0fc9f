#pragma once
// How `roost sub` prints a message: payload only (default), "topic payload" (-v), or a format string
// (-F), each followed by a newline unless -N. The same output as mosquitto_sub's.

#include <chrono>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace roost::tools {

struct received_message {
  std::string_view topic;
  std::span<const std::uint8_t> payload;
  std::uint8_t qos = 0;
  bool retain = false;
  std::uint16_t packet_id = 0;
};

struct output_style {
  bool verbose = false;               // -v
  bool eol = true;                    // false with -N
  std::optional<std::string> format;  // -F; wins over -v
};

// Appends the output for `m` to `out`, bytes exactly as they are to be written:
// - default: the payload and a newline; nothing at all for an empty payload;
// - -v: "topic payload" and a newline; "topic (null)" and a newline for an empty payload (nothing
//   with -N);
// - -F: the format with %% %t %p %q %r %l %m %x %X %I %U %j replaced (unknown sequences are kept as
//   written), @X passed to strftime as %X (local time of `now`), @N the nanoseconds, @@ an '@', and
//   the escapes \\ \0 \a \e \n \r \t \v; then a newline unless -N.
void format_message(const output_style& style, const received_message& m,
                    std::chrono::system_clock::time_point now, std::string& out);

}  // namespace roost::tools
