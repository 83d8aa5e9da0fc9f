// Records packed in caller memory (see record_store.hpp).
//
// Header, little-endian: u32 size (whole record), u8 kind, u8 flags, u16 packet id, u16 topic
// length.

#include "record_store.hpp"

#include <cassert>
#include <cstring>

namespace roost::sdk::detail {
namespace {

void put16(std::uint8_t* p, std::uint16_t v) {
  p[0] = static_cast<std::uint8_t>(v);
  p[1] = static_cast<std::uint8_t>(v >> 8);
}

std::uint16_t get16(const std::uint8_t* p) {
  return static_cast<std::uint16_t>(p[0] | (p[1] << 8));
}

void put32(std::uint8_t* p, std::uint32_t v) {
  put16(p, static_cast<std::uint16_t>(v));
  put16(p + 2, static_cast<std::uint16_t>(v >> 16));
}

std::uint32_t get32(const std::uint8_t* p) {
  return static_cast<std::uint32_t>(get16(p)) | (static_cast<std::uint32_t>(get16(p + 2)) << 16);
}

}  // namespace

bool record_store::append(const record& r) {
  if (r.topic.size() > 0xFFFF) return false;
  const std::size_t size = footprint(r.topic.size(), r.payload.size());
  if (size > free_bytes() || size > 0xFFFFFFFFu) return false;
  if (size > _mem.size() - _end) {  // the free bytes are split: gather them at the end
    std::memmove(_mem.data(), _mem.data() + _begin, _end - _begin);
    _end -= _begin;
    _begin = 0;
  }
  std::uint8_t* p = _mem.data() + _end;
  put32(p, static_cast<std::uint32_t>(size));
  p[4] = r.kind;
  p[5] = r.flags;
  put16(p + 6, r.packet_id);
  put16(p + 8, static_cast<std::uint16_t>(r.topic.size()));
  if (!r.topic.empty()) std::memcpy(p + header_size, r.topic.data(), r.topic.size());
  if (!r.payload.empty()) {
    std::memcpy(p + header_size + r.topic.size(), r.payload.data(), r.payload.size());
  }
  _end += size;
  return true;
}

std::uint32_t record_store::size_at(std::size_t at) const {
  assert(at >= _begin && at + header_size <= _end);
  return get32(_mem.data() + at);
}

std::size_t record_store::next(std::size_t at) const { return at + size_at(at); }

record record_store::at(std::size_t at) const {
  const std::uint8_t* p = _mem.data() + at;
  const std::uint32_t size = size_at(at);
  const std::uint16_t topic_len = get16(p + 8);
  record r;
  r.kind = p[4];
  r.flags = p[5];
  r.packet_id = get16(p + 6);
  r.topic = {reinterpret_cast<const char*>(p + header_size), topic_len};
  r.payload = {p + header_size + topic_len, size - header_size - topic_len};
  return r;
}

void record_store::set_flags(std::size_t at, std::uint8_t flags) { _mem[at + 5] = flags; }

void record_store::set_packet_id(std::size_t at, std::uint16_t id) {
  put16(_mem.data() + at + 6, id);
}

std::size_t record_store::erase(std::size_t at) {
  const std::size_t size = size_at(at);
  const std::size_t before = at - _begin;
  const std::size_t after = _end - at - size;
  if (before == 0 && after == 0) {
    _begin = _end = 0;
    return 0;
  }
  if (before < after) {
    std::memmove(_mem.data() + _begin + size, _mem.data() + _begin, before);
    _begin += size;
    return at + size;
  }
  std::memmove(_mem.data() + at, _mem.data() + at + size, after);
  _end -= size;
  return at;
}

}  // namespace roost::sdk::detail
