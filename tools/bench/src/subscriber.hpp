#pragma once
// subscriber: the receiving side of one connection. Reads the header of every message, counts it
// once per sequence (duplicates apart), credits the publisher's delivery window and records the
// latency of deliveries that arrive within the measured window.

#include <cstdint>
#include <vector>

#include "roost/bench/histogram.hpp"
#include "roost/bench/options.hpp"
#include "roost/bench/sequence_tracker.hpp"
#include "roost/mqtt/packets.hpp"
#include "run_state.hpp"

namespace roost::bench {

class subscriber {
 public:
  // A subscriber that hears the publishers `heard`; latencies go to `latencies`.
  subscriber(run_state& run, loop_counters& counters, latency_histogram& latencies,
             publisher_range heard);

  // Accounts one received PUBLISH at `now`.
  void on_message(const mqtt::publish& p, std::int64_t now);

 private:
  run_state& _run;
  loop_counters& _counters;
  latency_histogram& _latencies;
  publisher_range _heard;
  std::vector<sequence_tracker> _trackers;  // one per heard publisher
};

}  // namespace roost::bench
