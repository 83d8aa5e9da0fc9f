// `roost sub`: subscribe, print messages as they arrive, until a limit, a signal or a failure.

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <limits>
#include <string>
#include <vector>

#include "connection.hpp"
#include "report.hpp"
#include "roost/mqtt/packets.hpp"
#include "roost/tools/pubsub/filter_messages.hpp"
#include "roost/tools/pubsub/format_message.hpp"
#include "run.hpp"
#include "stop_signals.hpp"

namespace roost::tools {

namespace {

constexpr std::uint32_t sub_disconnect_timeout_ms = 5000;
constexpr int timed_out_status = 27;  // as mosquitto_sub -W
constexpr std::size_t largest_message = 8 * 1024 * 1024;  // the rx buffer: larger PUBLISHes are refused
constexpr std::size_t packet_overhead_per_filter = 8;

// How many SUBACKs the subscriptions bring: the client keeps one subscription per filter, so a
// filter given twice is subscribed (and acknowledged) once.
std::size_t distinct_count(std::vector<std::string> topics) {
  std::sort(topics.begin(), topics.end());
  return static_cast<std::size_t>(std::unique(topics.begin(), topics.end()) - topics.begin());
}

// Prints messages and decides when the run is over; the exit status is set once it is.
class sub_events final : public sdk::event_handler {
 public:
  sub_events(const sub_options& o, const reporter& report)
      : _style{o.verbose, !o.no_eol, o.format},
        _rules{o.filter_out, o.no_retained, o.retained_only},
        _count(o.count),
        _exit_when_subscribed(o.exit_when_subscribed),
        _topics(distinct_count(o.topics)),
        _report(report) {}

  void on_event(sdk::mqtt_client&, const sdk::event& e) override {
    if (_done) return;
    if (e.id == sdk::event_id::subscribed) on_subscribed(e);
    if (e.id == sdk::event_id::data) on_data(e);
  }

  // The exit status once the run is over.
  std::optional<int> done() const { return _done; }

 private:
  void on_subscribed(const sdk::event& e) {
    _report.debug("Subscribed (mid: " + std::to_string(e.packet_id) + "): " + std::to_string(e.qos));
    if (_acknowledged >= _topics) return;  // a resubscription after a reconnect
    ++_acknowledged;
    if (e.qos == mqtt::suback_failure) ++_refused;
    if (_acknowledged < _topics) return;
    if (_refused == _topics) {
      _report.line("All subscription requests were denied.");
      _done = 1;
    } else if (_exit_when_subscribed) {
      _done = 0;
    }
  }

  void on_data(const sdk::event& e) {
    switch (judge_message(_rules, e.topic, e.retain)) {
      case message_verdict::finish: _done = 0; return;
      case message_verdict::skip: return;
      case message_verdict::print: break;
    }
    _out.clear();
    format_message(_style, {e.topic, e.payload, e.qos, e.retain, e.packet_id},
                   std::chrono::system_clock::now(), _out);
    std::fwrite(_out.data(), 1, _out.size(), stdout);
    std::fflush(stdout);
    if (_count > 0 && ++_printed >= _count) _done = 0;
  }

  output_style _style;
  message_rules _rules;
  int _count;
  bool _exit_when_subscribed;
  std::size_t _topics;
  const reporter& _report;
  std::size_t _acknowledged = 0;
  std::size_t _refused = 0;
  int _printed = 0;
  std::string _out;
  std::optional<int> _done;
};

memory_sizes sizes_for(const sub_options& o) {
  memory_sizes s;
  s.rx = largest_message;
  std::size_t filters = 0;
  for (const auto& t : o.topics) filters += t.size() + packet_overhead_per_filter;
  s.store = std::max(s.store, 2 * filters);
  return s;
}

}  // namespace

int run_sub(sub_options& o) {
  const reporter report(o.conn.quiet, o.conn.debug);
  if (!accept_options(report, check_sub_options(o, static_cast<int>(::getpid())), o.conn, "sub")) {
    return 1;
  }

  const stop_signals stop;
  sub_events events(o, report);
  connection c(o.conn, sizes_for(o), events);
  for (const auto& topic : o.topics) {
    auto id = c.client().subscribe(topic, static_cast<std::uint8_t>(o.conn.qos));
    if (!id) {
      report.error("Unable to subscribe to '" + topic + "': " + explain(id.error()));
      return 1;
    }
  }
  const sdk::millis deadline = o.timeout_s > 0 ? c.now() + static_cast<sdk::millis>(o.timeout_s) * 1000
                                               : std::numeric_limits<sdk::millis>::max();
  c.start();
  int status = 0;
  for (;;) {
    if (auto failure = c.failure()) return *failure;
    if (auto done = events.done()) {
      status = *done;
      break;
    }
    if (stop.requested()) break;
    const sdk::millis now = c.now();
    if (now >= deadline) {
      report.line("Timed out");
      status = timed_out_status;
      break;
    }
    c.step(static_cast<std::uint32_t>(std::min<sdk::millis>(deadline - now, poll_step_ms)));
  }
  c.finish(sub_disconnect_timeout_ms);
  return status;
}

}  // namespace roost::tools
