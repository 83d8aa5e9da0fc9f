// Reading server lines of the line protocol (see line_reply.hpp).

#include "line_reply.hpp"

namespace roost::sdk::detail {
namespace {

bool parse_number(std::string_view s, std::uint8_t& out) {
  if (s.empty() || s.size() > 3) return false;
  unsigned v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + static_cast<unsigned>(c - '0');
  }
  if (v > 255) return false;
  out = static_cast<std::uint8_t>(v);
  return true;
}

}  // namespace

line_reply parse_line_reply(std::string_view line) {
  line_reply r;
  if (line.substr(0, 4) != "cmd=") {
    r.kind = line.empty() ? line_reply_kind::unknown : line_reply_kind::time;
    r.text = line;
    return r;
  }
  bool has_cmd = false, has_res = false, has_topic = false, has_msg = false;
  std::string_view res;
  std::size_t pos = 0;
  while (pos <= line.size()) {
    const std::string_view rest = line.substr(pos);
    if (rest.substr(0, 4) == "msg=") {  // the message runs to the end of the line
      r.msg = rest.substr(4);
      has_msg = true;
      break;
    }
    const std::size_t amp = rest.find('&');
    const std::string_view piece = rest.substr(0, amp);
    const std::size_t eq = piece.find('=');
    if (eq != std::string_view::npos) {
      const std::string_view key = piece.substr(0, eq);
      const std::string_view value = piece.substr(eq + 1);
      if (key == "cmd") has_cmd = parse_number(value, r.cmd);
      if (key == "res") {
        res = value;
        has_res = true;
      }
      if (key == "topic") {
        r.topic = value;
        has_topic = true;
      }
    }
    if (amp == std::string_view::npos) break;
    pos += amp + 1;
  }
  if (!has_cmd) return r;
  if (has_topic && has_msg) {
    r.kind = line_reply_kind::message;
  } else if (has_res) {
    r.kind = line_reply_kind::result;
    r.ok = res == "1";
  }
  return r;
}

line_assembler::status line_assembler::take(std::span<const std::uint8_t>& in,
                                            std::string_view& line) {
  if (_done) reset();
  while (!in.empty()) {
    const std::uint8_t c = in.front();
    in = in.subspan(1);
    if (c == '\n') {
      std::size_t n = _have;
      if (n > 0 && _rx[n - 1] == '\r') --n;
      line = {reinterpret_cast<const char*>(_rx.data()), n};
      _done = true;
      return status::line;
    }
    if (_have == _rx.size()) return status::too_long;
    _rx[_have++] = c;
  }
  return status::need_more;
}

}  // namespace roost::sdk::detail
