#pragma once
// The result of a run and its two renderings: human-readable summary lines and the JSON line
// (the contract scripts read; keys are only ever added).

#include <cstdint>
#include <optional>
#include <string>

#include "roost/bench/histogram.hpp"
#include "roost/bench/options.hpp"

namespace roost::bench {

struct bench_result {
  std::uint64_t sent = 0;
  std::uint64_t sent_in_window = 0;
  std::uint64_t expected = 0;
  std::uint64_t received = 0;  // distinct deliveries
  std::uint64_t received_in_window = 0;
  std::uint64_t duplicates = 0;
  std::uint64_t errors = 0;
  double window_s = 0;  // the measured window as it ran
  latency_histogram latencies;
  double bench_cpu_pct = 0;
  std::optional<double> broker_cpu_pct;
  std::optional<std::uint64_t> broker_rss_kb;
  // conn
  std::uint64_t connected = 0;
  double connect_s = 0;
  std::optional<std::uint64_t> broker_rss_before_kb;

  std::uint64_t lost() const { return expected > received ? expected - received : 0; }
  double throughput() const { return window_s > 0 ? received_in_window / window_s : 0; }
  double publish_rate() const { return window_s > 0 ? sent_in_window / window_s : 0; }
  double connect_rate() const { return connect_s > 0 ? connected / connect_s : 0; }
  // (after - before) / connected, when both samples exist.
  std::optional<double> broker_bytes_per_connection() const;
};

// The summary lines (each ending in a newline).
std::string format_summary(const options& o, const bench_result& r);
// The JSON line, without a newline.
std::string format_json(const options& o, const bench_result& r);
// 0 without errors, losses at QoS 1/2 and duplicates at QoS 2; 1 otherwise.
int exit_status(const options& o, const bench_result& r);

}  // namespace roost::bench
