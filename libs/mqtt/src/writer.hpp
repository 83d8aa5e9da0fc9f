#pragma once
// Output sinks for the encoder (private to the codec): size_counter, byte_writer (a growing
// vector) and span_writer (a caller's fixed buffer).
//
// The remaining length precedes the body it counts, so every body is written by one generic
// function run twice: once into a size_counter to measure it, once into a byte_writer. The two
// sinks share their interface, so a packet's layout is stated exactly once:
//
//   auto body = [&](auto& s) { s.u16(p.packet_id); s.u8(p.qos); };
//   encode_frame(wire::first_byte(3, 0), body, out);

#include <cassert>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <span>
#include <string_view>

#include "roost/mqtt/encode.hpp"
#include "wire.hpp"

namespace roost::mqtt {

class size_counter {
 public:
  void u8(std::uint8_t) { _size += 1; }
  void u16(std::uint16_t) { _size += 2; }
  void field(std::string_view s) { _size += 2 + s.size(); }
  void field(byte_view b) { _size += 2 + b.size(); }
  void raw(byte_view b) { _size += b.size(); }
  std::size_t size() const { return _size; }

 private:
  std::size_t _size = 0;
};

class byte_writer {
 public:
  explicit byte_writer(bytes& out) : _out(out) {}

  void u8(std::uint8_t v) { _out.push_back(v); }
  void u16(std::uint16_t v) {
    _out.push_back(static_cast<std::uint8_t>(v >> 8));
    _out.push_back(static_cast<std::uint8_t>(v & 0xFF));
  }
  // A length-prefixed string or binary field; longer than 65535 bytes is a programmer error.
  void field(std::string_view s) {
    field(byte_view{reinterpret_cast<const std::uint8_t*>(s.data()), s.size()});
  }
  void field(byte_view b) {
    assert(b.size() <= wire::max_field_size);
    u16(static_cast<std::uint16_t>(b.size()));
    raw(b);
  }
  void raw(byte_view b) { _out.insert(_out.end(), b.begin(), b.end()); }
  std::size_t size() const { return _out.size(); }

 private:
  bytes& _out;
};

// Writes into a caller's fixed buffer. The caller checks that everything fits first (see
// encode_frame_into); writing past the end is a programmer error.
class span_writer {
 public:
  explicit span_writer(std::span<std::uint8_t> out) : _out(out) {}

  void u8(std::uint8_t v) {
    assert(_pos < _out.size());
    _out[_pos++] = v;
  }
  void u16(std::uint16_t v) {
    u8(static_cast<std::uint8_t>(v >> 8));
    u8(static_cast<std::uint8_t>(v & 0xFF));
  }
  void field(std::string_view s) {
    field(byte_view{reinterpret_cast<const std::uint8_t*>(s.data()), s.size()});
  }
  void field(byte_view b) {
    assert(b.size() <= wire::max_field_size);
    u16(static_cast<std::uint16_t>(b.size()));
    raw(b);
  }
  void raw(byte_view b) {
    assert(b.size() <= _out.size() - _pos);
    if (!b.empty()) std::memcpy(_out.data() + _pos, b.data(), b.size());
    _pos += b.size();
  }
  std::size_t size() const { return _pos; }

 private:
  std::span<std::uint8_t> _out;
  std::size_t _pos = 0;
};

// The variable-length "remaining length" of n (n <= wire::max_remaining_length), into any sink.
template <class Sink>
void write_remaining_length(std::size_t n, Sink& s) {
  assert(n <= wire::max_remaining_length);
  do {
    auto digit = static_cast<std::uint8_t>(n % 128);
    n /= 128;
    if (n > 0) digit |= 0x80;
    s.u8(digit);
  } while (n > 0);
}

// Size of a whole frame (fixed header included) whose body is `body`.
template <class Body>
std::size_t frame_size(const Body& body) {
  size_counter counter;
  body(counter);
  return 1 + wire::remaining_length_size(counter.size()) + counter.size();
}

// Appends fixed header and body; `body` is called with a size_counter, then a span_writer over
// the bytes `out` grew by (one resize per frame, not one push per byte).
template <class Body>
void encode_frame(std::uint8_t first_byte, const Body& body, bytes& out) {
  size_counter counter;
  body(counter);
  const std::size_t at = out.size();
  out.resize(at + 1 + wire::remaining_length_size(counter.size()) + counter.size());
  span_writer writer{std::span<std::uint8_t>{out}.subspan(at)};
  writer.u8(first_byte);
  write_remaining_length(counter.size(), writer);
  body(writer);
}

// Writes fixed header and body at the start of `out`; returns the frame size, or 0 (nothing
// written) when it does not fit.
template <class Body>
std::size_t encode_frame_into(std::uint8_t first_byte, const Body& body, std::span<std::uint8_t> out) {
  size_counter counter;
  body(counter);
  const std::size_t total = 1 + wire::remaining_length_size(counter.size()) + counter.size();
  if (counter.size() > wire::max_remaining_length || total > out.size()) return 0;
  span_writer writer{out};
  writer.u8(first_byte);
  write_remaining_length(counter.size(), writer);
  body(writer);
  return writer.size();
}

}  // namespace roost::mqtt
