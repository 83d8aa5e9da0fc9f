#pragma once
// Bytes waiting to be written, in the caller's tx memory (private to the SDK).
//
//   std::size_t n = mqtt::encode_into(packet, out.space());   // write at the end ...
//   if (n != 0) out.commit(n);                                // ... and make it pending
//   transport.write(out.pending()); out.consume(written);
//
// space() moves the unsent bytes to the front first, so the whole free room is one span.

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <span>
#include <string_view>

namespace roost::sdk::detail {

class out_buffer {
 public:
  explicit out_buffer(std::span<std::uint8_t> memory) : _mem(memory) {}

  // Bytes not yet written, oldest first.
  std::span<const std::uint8_t> pending() const { return {_mem.data() + _begin, _end - _begin}; }
  bool empty() const { return _begin == _end; }
  // The first n pending bytes were written.
  void consume(std::size_t n);
  // The free room after the pending bytes (compacts first).
  std::span<std::uint8_t> space();
  // The first n bytes of space() now hold data to send.
  void commit(std::size_t n);
  // Appends all of the parts, or nothing when they do not fit; returns whether they did.
  bool append(std::initializer_list<std::string_view> parts);
  // Drops everything pending (the stream closed).
  void clear() { _begin = _end = 0; }
  std::size_t capacity() const { return _mem.size(); }

 private:
  std::span<std::uint8_t> _mem;
  std::size_t _begin = 0;
  std::size_t _end = 0;
};

}  // namespace roost::sdk::detail
