#pragma once
// Output sinks for the encoder (private to the codec).
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

 private:
  bytes& _out;
};

// Appends fixed header and body; `body` is called with a size_counter, then a byte_writer.
template <class Body>
void encode_frame(std::uint8_t first_byte, const Body& body, bytes& out) {
  size_counter counter;
  body(counter);
  out.push_back(first_byte);
  encode_remaining_length(counter.size(), out);
  byte_writer writer{out};
  body(writer);
}

}  // namespace roost::mqtt
