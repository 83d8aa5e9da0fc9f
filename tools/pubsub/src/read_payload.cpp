// Payload sources of `roost pub`: files, stdin whole, stdin line by line.

#include "roost/tools/pubsub/read_payload.hpp"

#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace roost::tools {

namespace {

constexpr std::size_t chunk_size = 64 * 1024;

std::string reason(const std::string& what) { return what + ": " + std::strerror(errno); }

// One read(), retried on EINTR: > 0 bytes appended, 0 at end of file, -1 on failure.
ssize_t read_once(int fd, std::string& into) {
  const std::size_t old = into.size();
  into.resize(old + chunk_size);
  ssize_t n;
  do {
    n = ::read(fd, into.data() + old, chunk_size);
  } while (n < 0 && errno == EINTR);
  into.resize(old + static_cast<std::size_t>(n > 0 ? n : 0));
  return n;
}

}  // namespace

result<std::string, std::string> read_all(int fd) {
  std::string out;
  for (;;) {
    const ssize_t n = read_once(fd, out);
    if (n == 0) return out;
    if (n < 0) return fail(reason("read"));
  }
}

result<std::string, std::string> read_file(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return fail(reason(path));
  auto content = read_all(fd);
  ::close(fd);
  if (!content) return fail(path + ": " + content.error());
  return content;
}

void line_splitter::feed(std::string_view bytes) {
  if (_start > 0 && _start >= _buffer.size() / 2) {  // keep the buffer from growing forever
    _buffer.erase(0, _start);
    _start = 0;
  }
  _buffer.append(bytes);
}

std::optional<std::string> line_splitter::next() {
  const auto end = _buffer.find('\n', _start);
  if (end == std::string::npos) return std::nullopt;
  std::string line = _buffer.substr(_start, end - _start);
  _start = end + 1;
  return line;
}

std::optional<std::string> line_splitter::finish() {
  std::string rest = _buffer.substr(_start);
  _buffer.clear();
  _start = 0;
  if (rest.empty()) return std::nullopt;
  return rest;
}

read_state read_available(int fd, int wait_ms, line_splitter& lines) {
  pollfd p{fd, POLLIN, 0};
  const int ready = ::poll(&p, 1, wait_ms);
  if (ready == 0 || (ready < 0 && errno == EINTR)) return read_state::nothing;
  if (ready < 0) return read_state::failed;
  std::string chunk;
  const ssize_t n = read_once(fd, chunk);
  if (n == 0) return read_state::end;
  if (n < 0) return errno == EAGAIN ? read_state::nothing : read_state::failed;
  lines.feed(chunk);
  return read_state::data;
}

}  // namespace roost::tools
