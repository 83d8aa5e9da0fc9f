#pragma once
// Cutting topic names and topic filters into levels, for the trees of the subscription trie and the
// retained store. A level is whatever lies between two '/' (or a '/' and an end), so empty levels
// are real levels (MQTT 3.1.1 section 4.7.1.1):
//
//   "a/b" -> "a", "b"     "/a" -> "", "a"     "a/" -> "a", ""     "/" -> "", ""     "a" -> "a"
//
// A walk over a string keeps a position: the offset where the next level starts. Once the last
// level is consumed the position is size() + 1, which keeps "a" (done after "a") apart from "a/"
// (one more, empty, level starting at offset 2 == size()).

#include <cstddef>
#include <string_view>

namespace roost::broker::detail {

// One level and the position of the level after it.
struct level_step {
  std::string_view level;
  std::size_t next;
};

// True when every level of `s` before `pos` has been consumed.
constexpr bool levels_done(std::string_view s, std::size_t pos) { return pos > s.size(); }

// The level of `s` that starts at `pos`; `pos` must not be done.
constexpr level_step level_at(std::string_view s, std::size_t pos) {
  const std::size_t slash = s.find('/', pos);
  if (slash == std::string_view::npos) return {s.substr(pos), s.size() + 1};
  return {s.substr(pos, slash - pos), slash + 1};
}

// Topics whose first character is '$' are hidden from filters that start with a wildcard
// [MQTT-4.7.2-1].
constexpr bool is_dollar_topic(std::string_view topic) {
  return !topic.empty() && topic.front() == '$';
}

// `for (std::string_view level : split_levels(topic))` visits every level, empty ones included.
// Views into `s`; nothing is allocated.
class split_levels {
 public:
  class iterator {
   public:
    constexpr iterator(std::string_view s, std::size_t pos) : _s(s), _pos(pos) { load(); }
    constexpr std::string_view operator*() const { return _step.level; }
    constexpr iterator& operator++() {
      _pos = _step.next;
      load();
      return *this;
    }
    constexpr bool operator==(const iterator& other) const { return _pos == other._pos; }

   private:
    constexpr void load() {
      if (!levels_done(_s, _pos)) _step = level_at(_s, _pos);
    }
    std::string_view _s;
    std::size_t _pos;
    level_step _step{};
  };

  constexpr explicit split_levels(std::string_view s) : _s(s) {}
  constexpr iterator begin() const { return {_s, 0}; }
  constexpr iterator end() const { return {_s, _s.size() + 1}; }

 private:
  std::string_view _s;
};

}  // namespace roost::broker::detail
