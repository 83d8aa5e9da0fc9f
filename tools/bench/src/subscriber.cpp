// subscriber: payload header, duplicates, window credit and latency.

#include "subscriber.hpp"

#include <cstring>

namespace roost::bench {

subscriber::subscriber(run_state& run, loop_counters& counters, latency_histogram& latencies,
                       publisher_range heard)
    : _run(run), _counters(counters), _latencies(latencies), _heard(heard), _trackers(heard.count) {}

void subscriber::on_message(const mqtt::publish& p, std::int64_t now) {
  if (p.payload.size() < payload_header_size) {
    _run.errors.add("a message shorter than the bench header on " + std::string{p.topic});
    return;
  }
  std::int64_t stamp = 0;
  std::uint32_t publisher = 0;
  std::uint32_t sequence = 0;
  std::memcpy(&stamp, p.payload.data(), 8);
  std::memcpy(&publisher, p.payload.data() + 8, 4);
  std::memcpy(&sequence, p.payload.data() + 12, 4);
  if (publisher < _heard.first || publisher - _heard.first >= _heard.count) {
    _run.errors.add("a message from a publisher this subscriber does not hear, on " + std::string{p.topic});
    return;
  }
  if (!_trackers[publisher - _heard.first].mark(sequence)) {
    _counters.duplicates.add(1);
    return;
  }
  _counters.received.add(1);
  _run.delivered[publisher].add(1);
  if (_run.in_window(now)) {
    _counters.received_in_window.add(1);
    _latencies.record(now > stamp ? static_cast<std::uint64_t>(now - stamp) : 0);
  }
}

}  // namespace roost::bench
