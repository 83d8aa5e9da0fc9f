#pragma once
// Reading one line the line-protocol server sent (private to the SDK; the server's own codec lives
// in libs/platform, which the SDK must not depend on).
//
//   "cmd=2&res=1"                        result   cmd 2, ok
//   "cmd=2&uid=U&topic=T&msg=a&b=c"      message  cmd 2, topic T, msg "a&b=c" (msg runs to the end)
//   "cmd=3&uid=U&topic=T&msg=M"          message  cmd 3 (cmd=9 alike)
//   "2021-06-11 17:20:54"                time     text (any line that does not start with "cmd=")

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

namespace roost::sdk::detail {

enum class line_reply_kind : std::uint8_t { result, message, time, unknown };

// Views point into the parsed line.
struct line_reply {
  line_reply_kind kind = line_reply_kind::unknown;
  std::uint8_t cmd = 0;
  bool ok = false;
  std::string_view topic;
  std::string_view msg;
  std::string_view text;
};

// Parses one line without its line ending. A "cmd=" line with neither res nor topic, or with a
// cmd that is not a number, is `unknown`.
line_reply parse_line_reply(std::string_view line);

// Splits the received stream into lines inside the caller's rx memory.
class line_assembler {
 public:
  explicit line_assembler(std::span<std::uint8_t> rx) : _rx(rx) {}
  enum class status : std::uint8_t { line, need_more, too_long };
  // Moves bytes from `in` into rx until a '\n'; `line` then holds the line without "\r\n".
  status take(std::span<const std::uint8_t>& in, std::string_view& line);
  void reset() {
    _have = 0;
    _done = false;
  }

 private:
  std::span<std::uint8_t> _rx;
  std::size_t _have = 0;
  bool _done = false;  // the line in rx was handed out
};

}  // namespace roost::sdk::detail
