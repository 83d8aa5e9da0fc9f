// publisher: closed-loop and open-loop publishing with packet ids and the delivery window.

#include "publisher.hpp"

#include <algorithm>
#include <cstring>
#include <limits>

#include "clock.hpp"

namespace roost::bench {
namespace {

// A closed-loop window without deliveries for this long writes its outstanding messages off as
// lost (QoS 0 may drop them), so the publisher does not wait forever.
constexpr std::int64_t stall_ns = 200'000'000;
constexpr std::int64_t never = std::numeric_limits<std::int64_t>::max();

}  // namespace

publisher::publisher(run_state& run, loop_counters& counters, bench_connection& conn,
                     std::uint32_t index, std::string topic)
    : _run(run), _counters(counters), _conn(conn), _index(index), _topic(std::move(topic)),
      _fan(fan_out_of(run.opts, index)), _payload(run.opts.size, 'x') {
  const options& o = run.opts;
  if (o.qos > 0) {
    _id_limit = std::min<std::uint32_t>(o.inflight, 65'535);
    if (o.rate == 0) _id_limit = std::min(_id_limit, o.window);
    for (std::uint32_t id = _id_limit; id >= 1; --id) _free_ids.push_back(static_cast<std::uint16_t>(id));
    _in_flight.assign(_id_limit + 1, false);
  }
  if (o.rate > 0) _interval_ns = publisher_count(o) / o.rate * 1e9;
}

bool publisher::window_allows(std::int64_t now) {
  const std::uint64_t delivered = _run.delivered[_index].get();
  if (delivered != _last_delivered) {
    _last_delivered = delivered;
    _last_progress_ns = now;
  }
  const std::uint64_t expected = std::uint64_t{_sequence} * _fan;
  const std::uint64_t settled = std::min(expected, delivered + _written_off);
  const std::uint64_t outstanding = expected - settled;
  if (outstanding < std::uint64_t{_run.opts.window} * _fan) return true;
  if (now - _last_progress_ns > stall_ns) {
    _written_off += outstanding;
    _last_progress_ns = now;
    return true;
  }
  return false;
}

void publisher::honour_receive_maximum() {
  _limits_applied = true;
  if (_conn.receive_maximum >= _id_limit) return;
  _id_limit = _conn.receive_maximum;
  _free_ids.clear();
  for (std::uint32_t id = _id_limit; id >= 1; --id) _free_ids.push_back(static_cast<std::uint16_t>(id));
}

std::int64_t publisher::pump(std::int64_t now) {
  if (_conn.state() != link_state::ready) return never;
  if (!_limits_applied) honour_receive_maximum();
  const bool qos0 = _run.opts.qos == 0;
  if (_run.opts.rate > 0) {
    if (_first_due_ns == 0) {  // staggered over the publishers from the common start
      _first_due_ns = static_cast<double>(_run.publish_start_ns) +
                      _interval_ns * _index / publisher_count(_run.opts);
    }
    while (qos0 || !_free_ids.empty()) {
      const double due = _first_due_ns + _interval_ns * _sequence;
      if (due > static_cast<double>(now)) return static_cast<std::int64_t>(due);
      if (_conn.congested()) return never;
      publish_one(static_cast<std::int64_t>(due), now);
    }
    return never;
  }
  if (_last_progress_ns == 0) _last_progress_ns = now;
  while ((qos0 || !_free_ids.empty()) && !_conn.congested()) {
    if (!window_allows(now)) return _last_progress_ns + stall_ns + 1;
    publish_one(now, now);
  }
  return never;
}

void publisher::publish_one(std::int64_t stamp_ns, std::int64_t now) {
  std::uint16_t packet_id = 0;
  if (_run.opts.qos > 0) {
    packet_id = _free_ids.back();
    _free_ids.pop_back();
    _in_flight[packet_id] = true;
  }
  std::memcpy(_payload.data(), &stamp_ns, 8);
  std::memcpy(_payload.data() + 8, &_index, 4);
  std::memcpy(_payload.data() + 12, &_sequence, 4);
  const mqtt::publish p{false, _run.opts.qos, false, _topic, packet_id, _payload};
  _conn.append_publish(p);
  ++_sequence;
  _counters.sent.add(1);
  _counters.expected.add(_fan);
  if (_run.in_window(now)) _counters.sent_in_window.add(1);
}

void publisher::on_released(std::uint16_t packet_id) {
  if (packet_id == 0 || packet_id > _id_limit || !_in_flight[packet_id]) {
    _run.errors.add("acknowledgement for a packet id not in flight: " + std::to_string(packet_id));
    return;
  }
  _in_flight[packet_id] = false;
  _free_ids.push_back(packet_id);
  _counters.released.add(1);
}

}  // namespace roost::bench
