// `roost bench`'s sequence tracker: duplicates and distinct arrivals, in any order.

#include <gtest/gtest.h>

#include "roost/bench/sequence_tracker.hpp"

namespace roost::bench {
namespace {

TEST(bench_sequence_tracker, counts_first_arrivals_and_duplicates) {
  sequence_tracker t;
  EXPECT_TRUE(t.mark(0));
  EXPECT_TRUE(t.mark(1));
  EXPECT_FALSE(t.mark(0));
  EXPECT_TRUE(t.mark(2));
  EXPECT_FALSE(t.mark(2));
  EXPECT_EQ(t.distinct(), 3u);
  EXPECT_EQ(t.duplicates(), 2u);
}

TEST(bench_sequence_tracker, grows_for_late_and_out_of_order_sequences) {
  sequence_tracker t;
  EXPECT_TRUE(t.mark(1'000'000));
  EXPECT_TRUE(t.mark(63));
  EXPECT_TRUE(t.mark(64));
  EXPECT_FALSE(t.mark(1'000'000));
  EXPECT_FALSE(t.mark(63));
  EXPECT_EQ(t.distinct(), 3u);
}

TEST(bench_sequence_tracker, losses_are_what_never_arrived) {
  sequence_tracker t;
  for (std::uint32_t s = 0; s < 1000; ++s) {
    if (s % 10 != 3) t.mark(s);
  }
  const std::uint64_t expected = 1000;
  EXPECT_EQ(expected - t.distinct(), 100u);
  EXPECT_EQ(t.duplicates(), 0u);
}

}  // namespace
}  // namespace roost::bench
