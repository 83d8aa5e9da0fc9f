// `roost pub`: connect, publish every message of the feed, wait for the acknowledgements,
// disconnect.

#include <unistd.h>

#include <algorithm>
#include <memory>

#include "connection.hpp"
#include "message_feed.hpp"
#include "report.hpp"
#include "run.hpp"
#include "stop_signals.hpp"

namespace roost::tools {

namespace {

constexpr std::uint32_t pub_disconnect_timeout_ms = 10000;
constexpr std::size_t packet_overhead = 16;           // fixed header, topic length, packet id
constexpr std::size_t line_limit = 1024 * 1024;       // -l: the longest line that can be sent

// `roost pub` needs no events beyond those the connection judges.
class ignore_events final : public sdk::event_handler {
 public:
  void on_event(sdk::mqtt_client&, const sdk::event&) override {}
};

// The payload of -m, -f, -s or -n; nothing (after reporting why) when it cannot be read.
std::optional<std::string> load_payload(const pub_options& o, const reporter& report) {
  switch (o.source) {
    case payload_source::message: return *o.message;
    case payload_source::null_message: return std::string{};
    case payload_source::file: {
      auto content = read_file(*o.file);
      if (!content) report.error("Unable to read file: " + content.error());
      if (!content) return std::nullopt;
      return std::move(*content);
    }
    case payload_source::stdin_whole: {
      auto content = read_all(STDIN_FILENO);
      if (!content) report.error("Unable to read stdin: " + content.error());
      if (!content) return std::nullopt;
      return std::move(*content);
    }
    case payload_source::stdin_lines: break;
  }
  return std::nullopt;
}

memory_sizes sizes_for(const pub_options& o, std::size_t payload_size) {
  memory_sizes s;
  const std::size_t packet = o.topic.size() + payload_size + packet_overhead;
  s.tx = std::max(s.tx, packet);
  s.store = std::max(s.store, 2 * packet);
  return s;
}

// Waits for the first accepted connection; false (the reason already printed) when there is none.
bool wait_connected(connection& c, const stop_signals& stop) {
  while (!c.was_connected()) {
    if (c.failure() || stop.requested()) return false;
    c.step(poll_step_ms);
  }
  return true;
}

// Hands every message of the feed to the client, waiting while its queue is full (the client sends
// at most -M QoS 1/2 messages ahead of their acknowledgements and queues the rest). Returns false
// (the reason printed) when a message cannot be sent at all.
bool publish_all(connection& c, message_feed& feed, const pub_options& o, const stop_signals& stop,
                 const reporter& report) {
  const auto qos = static_cast<std::uint8_t>(o.conn.qos);
  auto& client = c.client();
  while (!feed.exhausted() && !stop.requested() && !c.failure()) {
    const std::string* payload = feed.peek(c.now());
    if (!payload) {
      c.step(feed.wait_ms(c.now()));
      continue;
    }
    auto id = client.publish(o.topic, std::string_view{*payload}, qos, o.retain);
    if (id) {
      feed.taken(c.now());
      continue;
    }
    const auto e = id.error();
    if (e != sdk::client_error::queue_full && e != sdk::client_error::no_packet_id) {
      report.error(std::string{"Unable to publish: "} + explain(e));
      return false;
    }
    c.step(poll_step_ms);  // full: acknowledgements make room
  }
  if (!feed.failure().empty()) {
    report.error(feed.failure());
    return false;
  }
  return true;
}

// Runs until nothing waits for an acknowledgement (or the run is stopped).
void wait_acknowledged(connection& c, const stop_signals& stop) {
  auto& client = c.client();
  while ((client.outbox_size() > 0 || client.offline_queue_size() > 0) && !stop.requested() &&
         !c.failure()) {
    c.step(poll_step_ms);
  }
}

}  // namespace

int run_pub(pub_options& o) {
  const reporter report(o.conn.quiet, o.conn.debug);
  if (!accept_options(report, check_pub_options(o, static_cast<int>(::getpid())), o.conn, "pub")) {
    return 1;
  }

  std::unique_ptr<message_feed> feed;
  memory_sizes sizes;
  if (o.source == payload_source::stdin_lines) {
    feed = std::make_unique<line_messages>(STDIN_FILENO);
    sizes = sizes_for(o, line_limit);
  } else {
    auto payload = load_payload(o, report);
    if (!payload) return 1;
    sizes = sizes_for(o, payload->size());
    const auto delay = static_cast<sdk::millis>(o.repeat_delay_s * 1000.0);
    feed = std::make_unique<repeated_message>(std::move(*payload), o.repeat, delay);
  }

  const stop_signals stop;
  ignore_events events;
  connection c(o.conn, sizes, events, static_cast<std::size_t>(o.max_inflight));
  c.start();
  if (!wait_connected(c, stop)) return c.failure().value_or(1);
  const bool published = publish_all(c, *feed, o, stop, report);
  if (published) wait_acknowledged(c, stop);
  if (auto failure = c.failure()) return *failure;

  const std::size_t unacknowledged = c.client().outbox_size() + c.client().offline_queue_size();
  const bool closed = c.finish(pub_disconnect_timeout_ms);
  if (!published) return 1;
  // With -l a signal is the usual way to end the input; elsewhere it cuts the run short.
  const bool cut_short = !feed->exhausted() && o.source != payload_source::stdin_lines;
  if (unacknowledged > 0 || cut_short) {
    report.error("Stopped before every message was sent and acknowledged (" +
                 std::to_string(unacknowledged) + " waiting)");
    return 1;
  }
  if (!closed) {
    report.error("Could not send DISCONNECT and close the connection in time");
    return 1;
  }
  return 0;
}

}  // namespace roost::tools
