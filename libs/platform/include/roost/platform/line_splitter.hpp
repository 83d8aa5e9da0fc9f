#pragma once
// line_splitter: cuts a byte stream into lines ending in "\r\n" (a bare "\n" also ends a line).
//
//   feed("cmd=0\r\ncmd=1&ui")   next() → line "cmd=0"        (a view into the fed bytes)
//                               next() → need_more           ("cmd=1&ui" is kept, 8 bytes)
//   feed("d=U&topic=a\r\n")     next() → line "cmd=1&uid=U&topic=a"   (a view into the kept copy)
//                               next() → need_more
//
// Only the unfinished tail of a feed is copied, and never more than max_line + 1 bytes of it:
// a line longer than max_line (not counting its "\r\n") is an error that stays until the
// splitter is dropped. A '\r' that does not come right before the '\n' is part of the line.

#include <cstddef>
#include <string>
#include <string_view>

namespace roost::platform {

class line_splitter {
 public:
  enum class status { line, need_more, too_long };
  struct next_result {
    status what;
    std::string_view line;  // set when what == line; valid until the next feed()
  };

  explicit line_splitter(std::size_t max_line);

  // Hands over the next bytes. They must stay valid until next() returns need_more or
  // too_long; lines returned before this call are no longer valid.
  void feed(std::string_view bytes);

  // The next complete line of the fed bytes, without its terminator.
  next_result next();

  // Bytes of an unfinished line held between feeds.
  std::size_t buffered() const { return _tail.size(); }

 private:
  next_result finish(std::string_view piece);

  std::size_t _max_line;
  std::string_view _chunk;
  std::size_t _pos = 0;
  std::string _tail;  // the unfinished line carried from earlier feeds
  std::string _held;  // the line completed from _tail, returned once per feed
  bool _too_long = false;
};

}  // namespace roost::platform
