// Cutting a byte stream into frames.
//
// Worked example, max_packet_size 64, two feeds:
//
//   feed 1: 30 05 00 01 61 68 69 | 30 05 00      a whole PUBLISH, then 3 bytes of the next one
//   next -> ready  (body = 00 01 61 68 69, pointing into feed 1's bytes: nothing copied)
//   next -> need_more; the 3-byte tail "30 05 00" is copied into _buf
//   feed 2: 01 62 6a 6b | c0 00                  the tail's last 4 bytes, then a PINGREQ
//           feed() tops _buf up with exactly "01 62 6a 6b" (the frame's size is known by then)
//   next -> ready  (the frame in _buf)
//   next -> ready  (PINGREQ, again pointing into feed 2's bytes)
//   next -> need_more; nothing left, nothing copied
//
// So _buf never holds more than one unfinished frame, and a frame is refused by size as soon as
// its fixed header is complete, before any of its body is copied.

#include "roost/mqtt/frame_decoder.hpp"

#include <algorithm>
#include <cassert>

#include "wire.hpp"

namespace roost::mqtt {
namespace {

// Capacity above which an empty buffer gives its memory back, so one large packet does not pin
// its size for the life of the connection.
constexpr std::size_t keep_capacity = 64 * 1024;

struct header {
  frame_status status = frame_status::need_more;
  error failure = error::truncated;
  std::size_t header_size = 0;  // type byte + length bytes
  std::size_t body_size = 0;
  std::size_t total() const { return header_size + body_size; }
};

// Reads the fixed header at the start of `data`. need_more when it is not complete yet. Packet
// type 0 is reserved and refused on its first byte (section 2.1.2); 15 (AUTH, MQTT 5 only) is cut
// like any other and left to the caller, who knows the connection's version. A 5th length byte
// is malformed (section 2.2.3); a frame larger
// than `max` is refused as soon as its length is known.
header read_header(byte_view data, std::size_t max) {
  header h;
  if (data.empty()) return h;
  const auto type = data[0] >> 4;
  if (type == 0) {
    h.status = frame_status::error;
    h.failure = error::reserved_packet_type;
    return h;
  }
  std::size_t value = 0;
  for (std::size_t i = 0; i < wire::max_length_bytes; ++i) {
    if (1 + i >= data.size()) return h;  // need_more
    const std::uint8_t b = data[1 + i];
    value |= static_cast<std::size_t>(b & 0x7F) << (7 * i);
    if ((b & 0x80) == 0) {
      h.header_size = 2 + i;
      h.body_size = value;
      if (h.total() > max) {
        h.status = frame_status::error;
        h.failure = error::packet_too_large;
      } else {
        h.status = frame_status::ready;
      }
      return h;
    }
  }
  h.status = frame_status::error;
  h.failure = error::malformed_remaining_length;
  return h;
}

void release_if_large(std::vector<std::uint8_t>& v) {
  if (v.empty() && v.capacity() > keep_capacity) std::vector<std::uint8_t>{}.swap(v);
}

}  // namespace

std::size_t frame::wire_size() const {
  return 1 + wire::remaining_length_size(body.size()) + body.size();
}

frame_decoder::frame_decoder(std::size_t max_packet_size) : _max(max_packet_size) {}

// Copies the unread rest of the previous feed (only when the caller stopped calling next()
// early), then moves just enough of `data` into _buf to finish the frame it holds.
void frame_decoder::feed(byte_view data) {
  if (_failed) return;
  _buf.erase(_buf.begin(), _buf.begin() + static_cast<std::ptrdiff_t>(_pos));
  _pos = 0;
  _spare.clear();
  release_if_large(_spare);
  if (!_input.empty()) {
    _buf.insert(_buf.end(), _input.begin(), _input.end());
    _input = {};
  }
  release_if_large(_buf);
  top_up(data);
  _input = data;
}

// Walks the frames already in _buf and completes the last one from the front of `data`: first
// its fixed header byte by byte (at most 5 bytes), then exactly its remaining body. Stops at a
// header error or an oversized frame without copying anything more; next() reports it in order.
void frame_decoder::top_up(byte_view& data) {
  std::size_t at = 0;
  while (at < _buf.size()) {
    const header h = read_header(byte_view{_buf}.subspan(at), _max);
    if (h.status == frame_status::error) return;
    if (h.status == frame_status::need_more) {
      if (data.empty()) return;
      _buf.push_back(data.front());
      data = data.subspan(1);
      continue;
    }
    const std::size_t have = _buf.size() - at;
    if (have >= h.total()) {
      at += h.total();
      continue;
    }
    const std::size_t take = std::min(h.total() - have, data.size());
    _buf.insert(_buf.end(), data.begin(), data.begin() + static_cast<std::ptrdiff_t>(take));
    data = data.subspan(take);
    return;
  }
}

frame_status frame_decoder::fail(error e) {
  _failed = true;
  _error = e;
  _input = {};
  return frame_status::error;
}

frame_status frame_decoder::next(frame& out) {
  if (_failed) return frame_status::error;

  // Frames completed inside _buf come first: they precede everything in _input.
  if (_pos < _buf.size()) {
    const byte_view held = byte_view{_buf}.subspan(_pos);
    const header h = read_header(held, _max);
    if (h.status == frame_status::error) return fail(h.failure);
    if (h.status == frame_status::ready && held.size() >= h.total()) {
      out.first_byte = held[0];
      out.body = held.subspan(h.header_size, h.body_size);
      _pos += h.total();
      return frame_status::ready;
    }
    assert(_input.empty());  // top_up() consumed all of the feed before stopping short
    return frame_status::need_more;
  }

  if (_input.empty()) return frame_status::need_more;
  const header h = read_header(_input, _max);
  if (h.status == frame_status::error) return fail(h.failure);
  if (h.status == frame_status::ready && _input.size() >= h.total()) {
    out.first_byte = _input[0];
    out.body = _input.subspan(h.header_size, h.body_size);
    _input = _input.subspan(h.total());
    return frame_status::ready;
  }

  // An unfinished frame ends the feed: keep a copy, as the caller may reuse its read buffer.
  // Frames handed out from _buf must survive until the next feed(), so their storage moves to
  // _spare (a vector swap keeps element addresses) instead of being overwritten.
  if (_pos > 0) _spare.swap(_buf);
  _buf.assign(_input.begin(), _input.end());
  _pos = 0;
  _input = {};
  return frame_status::need_more;
}

std::size_t frame_decoder::buffered() const { return _buf.size() - _pos + _input.size(); }

}  // namespace roost::mqtt
