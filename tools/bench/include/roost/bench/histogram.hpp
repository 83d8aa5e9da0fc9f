#pragma once
// latency_histogram: a log-linear histogram of nanosecond values (HDR style) in fixed memory.
//
// Values below 128 have a bucket each; above, every power of two is cut into 64 buckets, so a
// bucket is at most 1/64 (1.6 %) wide relative to its lower bound and a reported percentile (the
// bucket's midpoint) is within 0.8 % of the true value. record() never allocates.
//
//   latency_histogram h;
//   h.record(15'300);
//   h.percentile(99.0);   // about 15'300

#include <array>
#include <cstdint>

namespace roost::bench {

class latency_histogram {
 public:
  static constexpr int sub_bucket_bits = 6;  // 64 buckets per power of two
  static constexpr std::size_t bucket_count = (64 - sub_bucket_bits) * 64 + 128;

  // Counts one value.
  void record(std::uint64_t value);
  // Adds every count of `other` (histograms of several threads merge into one).
  void merge(const latency_histogram& other);

  std::uint64_t count() const { return _count; }
  std::uint64_t max() const { return _max; }
  std::uint64_t min() const { return _count == 0 ? 0 : _min; }
  // The value below which `pct` percent (0..100) of the recorded values lie: the midpoint of the
  // bucket that holds that rank, clamped to [min, max]; the highest rank is max() itself. 0 when
  // nothing was recorded.
  std::uint64_t percentile(double pct) const;

  // The bucket of a value and the lowest value of a bucket (exposed for tests).
  static std::size_t bucket_of(std::uint64_t value);
  static std::uint64_t lower_bound_of(std::size_t bucket);
  static std::uint64_t width_of(std::size_t bucket);

 private:
  std::array<std::uint64_t, bucket_count> _counts{};
  std::uint64_t _count = 0;
  std::uint64_t _min = UINT64_MAX;
  std::uint64_t _max = 0;
};

}  // namespace roost::bench
