// Pending output in the caller's tx memory.

#include "out_buffer.hpp"

#include <cassert>
#include <cstring>

namespace roost::sdk::detail {

void out_buffer::consume(std::size_t n) {
  assert(n <= _end - _begin);
  _begin += n;
  if (_begin == _end) _begin = _end = 0;
}

std::span<std::uint8_t> out_buffer::space() {
  if (_begin != 0) {
    std::memmove(_mem.data(), _mem.data() + _begin, _end - _begin);
    _end -= _begin;
    _begin = 0;
  }
  return _mem.subspan(_end);
}

void out_buffer::commit(std::size_t n) {
  assert(n <= _mem.size() - _end);
  _end += n;
}

bool out_buffer::append(std::initializer_list<std::string_view> parts) {
  std::size_t total = 0;
  for (std::string_view p : parts) total += p.size();
  std::span<std::uint8_t> room = space();
  if (total > room.size()) return false;
  std::size_t at = 0;
  for (std::string_view p : parts) {
    if (!p.empty()) std::memcpy(room.data() + at, p.data(), p.size());
    at += p.size();
  }
  commit(total);
  return true;
}

}  // namespace roost::sdk::detail
