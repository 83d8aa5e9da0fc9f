// Routing: from one received (or will, or $SYS) message to the queues of its subscribers.

#include <algorithm>
#include <string>

#include "engine_state.hpp"
#include "roost/base/log.hpp"

namespace roost::broker {

void engine_state::publish(const message_ptr& msg, const session* skip) {
  if (msg->retain) {
    tables(msg->scope).retained.put(msg);
    // $SYS values are rebuilt by the running broker; storing them would only churn the disk.
    const bool broker_owned = msg->scope == default_scope && msg->topic.starts_with("$SYS");
    if (durable != nullptr && !broker_owned) durable->retained_changed(msg);
  }
  route(msg, skip);
}

void engine_state::route(const message_ptr& msg, const session* skip) {
  scratch_matches.clear();
  scratch_targets.clear();
  tables(msg->scope).subscriptions.match(msg->topic, scratch_matches);
  // Overlapping subscriptions of one session yield one delivery at their highest QoS: mark each
  // session with this route's generation instead of building a set.
  const std::uint64_t generation = ++route_generation;
  for (const auto& m : scratch_matches) {
    session* s = m.subscriber;
    if (s == skip) continue;
    if (s->route_generation != generation) {
      s->route_generation = generation;
      s->route_qos = m.qos;
      scratch_targets.push_back(s);
    } else {
      s->route_qos = std::max(s->route_qos, m.qos);
    }
  }
  for (session* s : scratch_targets) {
    // Delivered at the lower of the published and the granted QoS; RETAIN is 0 for messages sent
    // to an established subscription [MQTT-3.3.1-9].
    enqueue(*s, msg, std::min(msg->qos, s->route_qos), false);
  }
}

void engine_state::enqueue(session& s, const message_ptr& msg, std::uint8_t qos, bool retain) {
  if (s.conn == nullptr && qos == 0 && !cfg.queue_qos0_offline) return;
  const std::size_t size = msg->topic.size() + msg->payload.size();
  // The count bound is for offline clients; an online client's queue is only a buffer between
  // routing and its socket (a single read can carry thousands of PUBLISHes), bounded by bytes.
  const bool over_count = s.conn == nullptr && s.queue.size() >= cfg.max_queued_messages;
  if (over_count || s.queue_bytes + size > cfg.max_queued_bytes) {
    ++counters.messages_dropped;
    if (!s.overflow_logged) {
      s.overflow_logged = true;
      log::write(log::level::warn, "client " + s.client_id + ": queue full (" +
                                       std::to_string(s.queue.size()) + " messages, " +
                                       std::to_string(s.queue_bytes) +
                                       " bytes), dropping messages until it drains");
    }
    return;
  }
  s.queue.push_back({msg, qos, retain});
  store_message(s, s.queue.back(), stored_state::queued, 0);
  s.queue_bytes += size;
  if (s.conn != nullptr) wake(*s.conn);
}

}  // namespace roost::broker
