// sequence_tracker: the bitset.

#include "roost/bench/sequence_tracker.hpp"

#include <algorithm>

namespace roost::bench {

bool sequence_tracker::mark(std::uint32_t sequence) {
  const std::size_t word = sequence / 64;
  if (word >= _words.size()) _words.resize(std::max<std::size_t>(word + 1, _words.size() * 2), 0);
  const std::uint64_t bit = std::uint64_t{1} << (sequence % 64);
  if ((_words[word] & bit) != 0) {
    ++_duplicates;
    return false;
  }
  _words[word] |= bit;
  ++_distinct;
  return true;
}

}  // namespace roost::bench
