// `roost bench`'s latency histogram: bucket arithmetic, percentiles within the stated precision,
// merging.

#include <gtest/gtest.h>

#include <cmath>

#include "roost/bench/histogram.hpp"

namespace roost::bench {
namespace {

TEST(bench_histogram, small_values_are_exact) {
  for (std::uint64_t v = 0; v < 128; ++v) {
    EXPECT_EQ(latency_histogram::lower_bound_of(latency_histogram::bucket_of(v)), v);
    EXPECT_EQ(latency_histogram::width_of(latency_histogram::bucket_of(v)), 1u);
  }
}

TEST(bench_histogram, every_value_lies_in_its_bucket_of_bounded_width) {
  for (std::uint64_t v : {128ull, 129ull, 255ull, 256ull, 1'000ull, 65'535ull, 1'234'567ull, 10'000'000'000ull,
                          (1ull << 63) + 5}) {
    const std::size_t b = latency_histogram::bucket_of(v);
    ASSERT_LT(b, latency_histogram::bucket_count);
    const std::uint64_t lo = latency_histogram::lower_bound_of(b);
    const std::uint64_t width = latency_histogram::width_of(b);
    EXPECT_LE(lo, v);
    EXPECT_LT(v - lo, width);
    EXPECT_LE(static_cast<double>(width) / static_cast<double>(lo), 1.0 / 64 + 1e-12);
  }
}

TEST(bench_histogram, buckets_are_contiguous) {
  for (std::size_t b = 1; b < 2000; ++b) {
    EXPECT_EQ(latency_histogram::lower_bound_of(b),
              latency_histogram::lower_bound_of(b - 1) + latency_histogram::width_of(b - 1));
  }
}

TEST(bench_histogram, percentiles_of_a_uniform_range_are_within_one_percent) {
  latency_histogram h;
  for (std::uint64_t v = 1; v <= 100'000; ++v) h.record(v * 10);  // 10 ns .. 1 ms
  EXPECT_EQ(h.count(), 100'000u);
  EXPECT_EQ(h.max(), 1'000'000u);
  EXPECT_EQ(h.min(), 10u);
  for (double pct : {50.0, 90.0, 99.0, 99.9}) {
    const double truth = pct / 100.0 * 1'000'000;
    EXPECT_NEAR(static_cast<double>(h.percentile(pct)), truth, truth * 0.01) << pct;
  }
  EXPECT_EQ(h.percentile(100), 1'000'000u);
}

TEST(bench_histogram, one_outlier_shows_in_the_tail_only) {
  latency_histogram h;
  for (int i = 0; i < 999; ++i) h.record(50'000);
  h.record(9'000'000);
  EXPECT_NEAR(static_cast<double>(h.percentile(99)), 50'000, 500);
  EXPECT_EQ(h.percentile(100), 9'000'000u);
  EXPECT_EQ(h.max(), 9'000'000u);
}

TEST(bench_histogram, empty_reports_zero) {
  const latency_histogram h;
  EXPECT_EQ(h.percentile(50), 0u);
  EXPECT_EQ(h.max(), 0u);
  EXPECT_EQ(h.min(), 0u);
}

TEST(bench_histogram, merge_adds_counts_and_extremes) {
  latency_histogram a;
  latency_histogram b;
  for (int i = 0; i < 100; ++i) a.record(1'000);
  for (int i = 0; i < 100; ++i) b.record(3'000);
  a.merge(b);
  EXPECT_EQ(a.count(), 200u);
  EXPECT_EQ(a.min(), 1'000u);
  EXPECT_EQ(a.max(), 3'000u);
  EXPECT_NEAR(static_cast<double>(a.percentile(25)), 1'000, 10);
  EXPECT_NEAR(static_cast<double>(a.percentile(75)), 3'000, 30);
}

}  // namespace
}  // namespace roost::bench
