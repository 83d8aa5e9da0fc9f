#pragma once
// publisher: the publishing side of one connection. Closed loop: as fast as the in-flight limit
// (QoS 1/2) and the delivery window allow. Open loop: on a fixed schedule, each message stamped
// with its scheduled time, so a late broker shows in the latency instead of slowing the schedule.

#include <cstdint>
#include <string>
#include <vector>

#include "bench_connection.hpp"
#include "run_state.hpp"

namespace roost::bench {

class publisher {
 public:
  // Publisher `index` of `publishers` over connection `conn`, publishing on `topic`.
  publisher(run_state& run, loop_counters& counters, bench_connection& conn, std::uint32_t index,
            std::string topic);

  // Publishes everything allowed at `now`; returns when it next needs to run without an event
  // (INT64_MAX: only when an acknowledgement or delivery arrives).
  std::int64_t pump(std::int64_t now);
  // A PUBACK (QoS 1) or PUBCOMP (QoS 2) for `packet_id` arrived.
  void on_released(std::uint16_t packet_id);

  std::uint64_t sent() const { return _sequence; }
  std::uint32_t inflight() const { return static_cast<std::uint32_t>(_id_limit - _free_ids.size()); }

 private:
  bool window_allows(std::int64_t now);
  // Lowers the in-flight limit to the broker's MQTT 5 Receive Maximum (before the first publish).
  void honour_receive_maximum();
  void publish_one(std::int64_t stamp_ns, std::int64_t now);

  run_state& _run;
  loop_counters& _counters;
  bench_connection& _conn;
  std::uint32_t _index;
  std::string _topic;
  std::uint32_t _fan;  // subscribers per message
  std::vector<std::uint8_t> _payload;
  std::vector<std::uint16_t> _free_ids;  // packet ids not in flight (QoS 1/2)
  std::vector<bool> _in_flight;          // by packet id
  std::uint32_t _id_limit = 0;
  bool _limits_applied = false;
  std::uint32_t _sequence = 0;
  // Closed loop: deliveries written off as lost (QoS 0), and when deliveries last progressed.
  std::uint64_t _written_off = 0;
  std::uint64_t _last_delivered = 0;
  std::int64_t _last_progress_ns = 0;
  // Open loop: the first scheduled time and the gap between this publisher's messages.
  double _first_due_ns = 0;
  double _interval_ns = 0;
};

}  // namespace roost::bench
