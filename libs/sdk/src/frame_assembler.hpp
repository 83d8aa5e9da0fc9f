#pragma once
// Cuts the received byte stream into MQTT frames inside the caller's rx memory (private to the
// SDK).
//
//   std::span<const std::uint8_t> in = bytes;
//   mqtt::frame f;
//   while (true) {
//     auto s = frames.take(in, f);          // consumes from `in`
//     if (s == assembly::need_more) break;
//     if (s != assembly::frame) { fail(s); break; }
//     handle(f);                            // f.body points into rx until the next take()
//   }
//
// A frame whose announced size exceeds rx fails at once (too_large), before its body is read.

#include <cstddef>
#include <cstdint>
#include <span>

#include "roost/mqtt/frame_decoder.hpp"

namespace roost::sdk::detail {

enum class assembly : std::uint8_t { frame, need_more, too_large, malformed };

class frame_assembler {
 public:
  explicit frame_assembler(std::span<std::uint8_t> rx) : _rx(rx) {}

  // Moves bytes from the front of `in` into rx until one frame is whole.
  assembly take(std::span<const std::uint8_t>& in, mqtt::frame& out);
  // Forgets a partial frame (the stream closed).
  void reset() { _have = _total = 0; }

 private:
  // Reads the fixed header from rx[0.._have); sets _total once the remaining length is complete.
  assembly parse_header();

  std::span<std::uint8_t> _rx;
  std::size_t _have = 0;    // bytes of the current frame in rx
  std::size_t _total = 0;   // its whole size, 0 while the header is incomplete
  std::size_t _header = 0;  // fixed header size
};

}  // namespace roost::sdk::detail
