#pragma once
// Where `roost pub` payloads come from: a file (-f), all of stdin (-s), or stdin line by line (-l).
// Payloads are bytes held in std::string; nothing is decoded or translated.

#include <optional>
#include <string>
#include <string_view>

#include "roost/base/result.hpp"

namespace roost::tools {

// The whole file at `path`, byte for byte. Returns the reason ("<path>: <strerror>") on failure.
result<std::string, std::string> read_file(const std::string& path);

// Everything readable from `fd` until end of file, byte for byte (retries on EINTR).
result<std::string, std::string> read_all(int fd);

// Cuts a byte stream into lines as mosquitto_pub -l does: a line ends at '\n', which is removed
// (a '\r' before it is kept); an empty line is an empty message; text after the last '\n' is one
// more line when the stream ends, unless it is empty.
class line_splitter {
 public:
  // Appends bytes read from the stream.
  void feed(std::string_view bytes);
  // The next complete line, if there is one.
  std::optional<std::string> next();
  // At end of stream: the unterminated rest, if not empty (then the splitter is empty).
  std::optional<std::string> finish();

 private:
  std::string _buffer;
  std::size_t _start = 0;  // first byte of _buffer not yet returned
};

// Outcome of read_available on a non-blocking look at a descriptor.
enum class read_state { data, nothing, end, failed };

// Reads what `fd` has now (waiting at most wait_ms for it) and feeds it to `lines`: data when bytes
// were fed, nothing when none were ready, end at end of file, failed on a read error.
read_state read_available(int fd, int wait_ms, line_splitter& lines);

}  // namespace roost::tools
