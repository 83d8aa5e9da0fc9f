#pragma once
// sequence_tracker: which sequence numbers of one publisher a subscriber has received, as a
// growing bitset, to count duplicates and (after the run) losses.
//
//   sequence_tracker t;
//   t.mark(0);   // true: first arrival
//   t.mark(0);   // false: a duplicate
//   t.distinct();   // 1

#include <cstdint>
#include <vector>

namespace roost::bench {

class sequence_tracker {
 public:
  // Records the arrival of `sequence`; false when it had arrived before (a duplicate). Grows the
  // bitset by doubling, so the cost per arrival is constant amortised.
  bool mark(std::uint32_t sequence);
  // Sequences received at least once, and second or later arrivals.
  std::uint64_t distinct() const { return _distinct; }
  std::uint64_t duplicates() const { return _duplicates; }

 private:
  std::vector<std::uint64_t> _words;
  std::uint64_t _distinct = 0;
  std::uint64_t _duplicates = 0;
};

}  // namespace roost::bench
