// latency_histogram: bucket arithmetic and percentiles.

#include <algorithm>
#include <bit>
#include <cmath>

#include "roost/bench/histogram.hpp"

namespace roost::bench {

// Values below 128 map to themselves. Above, shift = bit_width - 7 drops all but the top 7 bits,
// whose value m lies in [64, 128): bucket = shift * 64 + m, which continues the identity range.
std::size_t latency_histogram::bucket_of(std::uint64_t value) {
  if (value < 128) return static_cast<std::size_t>(value);
  const int shift = std::bit_width(value) - (sub_bucket_bits + 1);
  return static_cast<std::size_t>(shift) * 64 + static_cast<std::size_t>(value >> shift);
}

std::uint64_t latency_histogram::lower_bound_of(std::size_t bucket) {
  if (bucket < 128) return bucket;
  const std::size_t shift = bucket / 64 - 1;
  const std::uint64_t mantissa = bucket - shift * 64;
  return mantissa << shift;
}

std::uint64_t latency_histogram::width_of(std::size_t bucket) {
  return bucket < 128 ? 1 : std::uint64_t{1} << (bucket / 64 - 1);
}

void latency_histogram::record(std::uint64_t value) {
  ++_counts[bucket_of(value)];
  ++_count;
  _min = std::min(_min, value);
  _max = std::max(_max, value);
}

void latency_histogram::merge(const latency_histogram& other) {
  for (std::size_t i = 0; i < bucket_count; ++i) _counts[i] += other._counts[i];
  _count += other._count;
  _min = std::min(_min, other._min);
  _max = std::max(_max, other._max);
}

std::uint64_t latency_histogram::percentile(double pct) const {
  if (_count == 0) return 0;
  const double clamped = std::clamp(pct, 0.0, 100.0);
  const auto rank = std::max<std::uint64_t>(
      1, static_cast<std::uint64_t>(std::ceil(clamped / 100.0 * static_cast<double>(_count))));
  if (rank >= _count) return _max;
  std::uint64_t seen = 0;
  for (std::size_t i = 0; i < bucket_count; ++i) {
    seen += _counts[i];
    if (seen >= rank) {
      const std::uint64_t mid = lower_bound_of(i) + width_of(i) / 2;
      return std::clamp(mid, min(), _max);
    }
  }
  return _max;
}

}  // namespace roost::bench
