// MQTT frame assembly in caller memory (see frame_assembler.hpp).

#include "frame_assembler.hpp"

#include <algorithm>
#include <cstring>

namespace roost::sdk::detail {

assembly frame_assembler::parse_header() {
  std::size_t length = 0;
  std::size_t shift = 0;
  for (std::size_t i = 1; i < _have; ++i) {
    if (i > 4) return assembly::malformed;  // at most 4 length bytes [MQTT-2.2.3]
    length |= static_cast<std::size_t>(_rx[i] & 0x7F) << shift;
    shift += 7;
    if ((_rx[i] & 0x80) == 0) {
      _header = i + 1;
      _total = _header + length;
      return _total > _rx.size() ? assembly::too_large : assembly::need_more;
    }
  }
  return _have > 4 ? assembly::malformed : assembly::need_more;
}

assembly frame_assembler::take(std::span<const std::uint8_t>& in, mqtt::frame& out) {
  if (_total != 0 && _have == _total) reset();  // the previous frame was handed out
  while (_total == 0) {
    if (in.empty()) return assembly::need_more;
    if (_have >= _rx.size()) return assembly::too_large;
    _rx[_have++] = in.front();
    in = in.subspan(1);
    if (_have >= 2) {
      const assembly s = parse_header();
      if (s != assembly::need_more) return s;
    }
  }
  const std::size_t n = std::min(in.size(), _total - _have);
  if (n != 0) std::memcpy(_rx.data() + _have, in.data(), n);
  _have += n;
  in = in.subspan(n);
  if (_have < _total) return assembly::need_more;
  out.first_byte = _rx[0];
  out.body = {_rx.data() + _header, _total - _header};
  return assembly::frame;
}

}  // namespace roost::sdk::detail
