#pragma once
// output_buffer: the bytes a connection has yet to write. Packets are encoded straight into its
// free tail during a loop turn and the whole buffer goes out with one send() at the end of the
// turn; what the socket does not take stays for the next writable event.

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <span>

namespace roost::bench {

class output_buffer {
 public:
  // At least n writable bytes after the data (moves or grows the storage when needed).
  std::span<std::uint8_t> prepare(std::size_t n) {
    if (_cap - _end < n) make_room(n);
    return {_buf.get() + _end, _cap - _end};
  }
  // Marks n bytes of the span prepare() returned as data.
  void commit(std::size_t n) { _end += n; }
  // The data not yet written.
  std::span<const std::uint8_t> data() const { return {_buf.get() + _begin, _end - _begin}; }
  std::size_t size() const { return _end - _begin; }
  bool empty() const { return _end == _begin; }
  // Drops the first n bytes of the data (they were written).
  void consume(std::size_t n) {
    _begin += n;
    if (_begin == _end) _begin = _end = 0;
  }

 private:
  void make_room(std::size_t n) {
    const std::size_t used = size();
    if (_cap - used >= n && used <= _cap / 2) {  // compacting is enough and cheap
      std::memmove(_buf.get(), _buf.get() + _begin, used);
    } else {
      std::size_t cap = _cap == 0 ? 512 : _cap * 2;
      while (cap - used < n) cap *= 2;
      auto grown = std::make_unique_for_overwrite<std::uint8_t[]>(cap);
      if (used > 0) std::memcpy(grown.get(), _buf.get() + _begin, used);
      _buf = std::move(grown);
      _cap = cap;
    }
    _begin = 0;
    _end = used;
  }

  std::unique_ptr<std::uint8_t[]> _buf;
  std::size_t _cap = 0;
  std::size_t _begin = 0;
  std::size_t _end = 0;
};

}  // namespace roost::bench
