#pragma once
// Cuts a byte stream into MQTT frames (fixed header + body) without understanding the bodies.
//
//   frame_decoder d{1 << 20};
//   d.feed(bytes_from_socket);
//   frame f;
//   while (true) {
//     auto s = d.next(f);
//     if (s == frame_status::need_more) break;          // wait for more bytes
//     if (s == frame_status::error) { close(d.last_error()); break; }
//     handle(f);                                        // f.body is valid until the next feed()
//   }
//
// The remaining length is read first: a frame whose announced size exceeds the maximum fails at
// once, before any of its body is kept, so an oversized packet never occupies memory.

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "roost/mqtt/error.hpp"
#include "roost/mqtt/packets.hpp"

namespace roost::mqtt {

struct frame {
  std::uint8_t first_byte = 0;  // packet type (high nibble) and flags (low nibble)
  byte_view body;               // the variable header and payload ("remaining length" bytes)

  packet_type type() const { return static_cast<packet_type>(first_byte >> 4); }
  std::uint8_t flags() const { return first_byte & 0x0F; }
  // Size of the whole frame on the wire, fixed header included.
  std::size_t wire_size() const;
};

enum class frame_status : std::uint8_t { ready, need_more, error };

class frame_decoder {
 public:
  // max_packet_size counts the whole frame, fixed header included.
  explicit frame_decoder(std::size_t max_packet_size);

  // Appends bytes read from the stream. Invalidates frames returned before. Complete frames are
  // parsed straight from `data`, so it must stay valid until next() returns need_more or error
  // (or until the next feed()); only the unfinished tail of a frame is copied.
  void feed(byte_view data);

  // Produces the next complete frame into `out`. After `error` the decoder stays failed.
  frame_status next(frame& out);

  error last_error() const { return _error; }
  // Bytes fed but not yet returned as frames; once next() said need_more, the bytes held for the
  // frame not yet complete (always less than max_packet_size).
  std::size_t buffered() const;

 private:
  void top_up(byte_view& data);
  frame_status fail(error e);

  std::size_t _max;
  std::vector<std::uint8_t> _buf;    // copied bytes: at most one unfinished frame, plus frames
                                     // completed by the last feed()
  std::size_t _pos = 0;              // bytes of _buf already returned as frames
  std::vector<std::uint8_t> _spare;  // keeps frames handed out from _buf alive while _buf is
                                     // reused for a new tail (cleared by feed())
  byte_view _input;                  // fed bytes not yet cut into frames (not copied)
  bool _failed = false;
  error _error = error::truncated;
};

}  // namespace roost::mqtt
