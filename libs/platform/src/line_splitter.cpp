// line_splitter: lines out of a byte stream, bounded (see line_splitter.hpp).

#include "roost/platform/line_splitter.hpp"

namespace roost::platform {

namespace {

std::string_view without_cr(std::string_view piece) {
  if (!piece.empty() && piece.back() == '\r') piece.remove_suffix(1);
  return piece;
}

}  // namespace

line_splitter::line_splitter(std::size_t max_line) : _max_line(max_line) {}

void line_splitter::feed(std::string_view bytes) {
  _chunk = bytes;
  _pos = 0;
}

// `piece` is everything of the current line in this chunk, up to (not including) the '\n'.
line_splitter::next_result line_splitter::finish(std::string_view piece) {
  std::string_view line = piece;
  if (!_tail.empty()) {
    _tail.append(piece);
    _held.swap(_tail);
    _tail.clear();
    line = _held;
  }
  line = without_cr(line);
  if (line.size() > _max_line) {
    _too_long = true;
    return {status::too_long, {}};
  }
  return {status::line, line};
}

line_splitter::next_result line_splitter::next() {
  if (_too_long) return {status::too_long, {}};
  const std::size_t newline = _chunk.find('\n', _pos);
  if (newline != std::string_view::npos) {
    const std::string_view piece = _chunk.substr(_pos, newline - _pos);
    _pos = newline + 1;
    if (_tail.size() + piece.size() > _max_line + 1) {
      _too_long = true;
      return {status::too_long, {}};
    }
    return finish(piece);
  }
  const std::string_view rest = _chunk.substr(_pos);
  _pos = _chunk.size();
  if (_tail.size() + rest.size() > _max_line + 1) {
    _too_long = true;
    _tail.clear();
    return {status::too_long, {}};
  }
  _tail.append(rest);
  return {status::need_more, {}};
}

}  // namespace roost::platform
