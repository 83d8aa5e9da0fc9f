#pragma once
// Variable-size records in the caller's `store` memory, kept in insertion order (private to the
// SDK). The clients keep their subscriptions, outbox and offline queue here, so one budget bounds
// them all and nothing is allocated.
//
// A record is a 10-byte header (size, kind, flags, packet id, topic length) followed by its topic
// and payload bytes, packed back to back between begin() and end(). Erasing closes the gap from
// the shorter side (the records before it move up, or the ones after it move down), so erasing
// the oldest message behind a few subscriptions does not move the whole queue. Positions change
// on erase and append: loops carry on from the position erase() returns.
//
//   for (std::size_t at = store.begin(); at != store.end();) {
//     record r = store.at(at);
//     if (done(r)) at = store.erase(at); else at = store.next(at);
//   }

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

namespace roost::sdk::detail {

struct record {
  std::uint8_t kind = 0;
  std::uint8_t flags = 0;
  std::uint16_t packet_id = 0;
  std::string_view topic;
  std::span<const std::uint8_t> payload;
};

class record_store {
 public:
  static constexpr std::size_t header_size = 10;

  explicit record_store(std::span<std::uint8_t> memory) : _mem(memory) {}

  // Bytes a record with these fields takes.
  static std::size_t footprint(std::size_t topic, std::size_t payload) {
    return header_size + topic + payload;
  }
  // Appends a record; false (store unchanged) when it does not fit. May move every record (to
  // gather the free bytes at the end).
  bool append(const record& r);

  std::size_t begin() const { return _begin; }
  std::size_t end() const { return _end; }
  std::size_t next(std::size_t at) const;
  // The record at position `at`; its views point into the store until it changes.
  record at(std::size_t at) const;
  void set_flags(std::size_t at, std::uint8_t flags);
  void set_packet_id(std::size_t at, std::uint16_t id);
  // Removes the record at `at`; returns the position of the record that followed it (or end()).
  std::size_t erase(std::size_t at);

  // The position of the first record for which pred(record) holds, or end().
  template <class Pred>
  std::size_t find(Pred pred) const {
    for (std::size_t at = begin(); at != end(); at = next(at)) {
      if (pred(this->at(at))) return at;
    }
    return end();
  }
  // Number of records for which pred holds.
  template <class Pred>
  std::size_t count(Pred pred) const {
    std::size_t n = 0;
    for (std::size_t at = begin(); at != end(); at = next(at)) n += pred(this->at(at)) ? 1 : 0;
    return n;
  }
  // Erases every record for which pred holds.
  template <class Pred>
  void erase_if(Pred pred) {
    for (std::size_t at = begin(); at != end();) {
      if (pred(this->at(at))) {
        at = erase(at);
      } else {
        at = next(at);
      }
    }
  }

  std::size_t free_bytes() const { return _mem.size() - (_end - _begin); }
  std::size_t capacity() const { return _mem.size(); }

 private:
  std::uint32_t size_at(std::size_t at) const;

  std::span<std::uint8_t> _mem;
  std::size_t _begin = 0;
  std::size_t _end = 0;
};

}  // namespace roost::sdk::detail
