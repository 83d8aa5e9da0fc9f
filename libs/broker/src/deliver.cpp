// Routing: from one received (or will, or $SYS) message to the queues of its subscribers.
//
//   PUBLISH a/b (retain) from session P
//     trie match: (S, "a/+", qos 1, id 7), (S, "a/#", qos 2, retain as published, id 9), (P, "#", no local)
//     P skipped (No Local), S merged into one delivery: qos min(msg, 2), RETAIN kept, ids [7, 9]

#include <algorithm>
#include <string>

#include "engine_state.hpp"
#include "roost/base/log.hpp"

namespace roost::broker {
namespace {

// Adds the subscription `o` of `s` to the deliveries of the route with `generation`: a session
// matched by several subscriptions gets one delivery at their highest QoS [MQTT-3.3.4-2], RETAIN
// kept when any of them asked for Retain As Published, and every one's identifier [MQTT-3.3.4-3].
void merge_target(std::vector<engine_state::route_target>& targets, std::uint64_t generation, session& s,
                  const subscription_options& o) {
  if (s.route_generation != generation) {
    s.route_generation = generation;
    s.route_slot = static_cast<std::uint32_t>(targets.size());
    targets.push_back({&s, o.qos, o.retain_as_published, subscription_ids(o.identifier)});
    return;
  }
  auto& t = targets[s.route_slot];
  t.qos = std::max(t.qos, o.qos);
  t.retain = t.retain || o.retain_as_published;
  t.ids.add(o.identifier);
}

}  // namespace

std::size_t engine_state::publish(const message_ptr& msg, const session* skip, const session* origin) {
  if (msg->retain) {
    tables(msg->scope).retained.put(msg);
    // $SYS values are rebuilt by the running broker; storing them would only churn the disk.
    const bool broker_owned = msg->scope == default_scope && msg->topic.starts_with("$SYS");
    if (durable != nullptr && !broker_owned) durable->retained_changed(msg);
  }
  return route(msg, skip, origin);
}

std::size_t engine_state::route(const message_ptr& msg, const session* skip, const session* origin) {
  scratch_matches.clear();
  scratch_targets.clear();
  tables(msg->scope).subscriptions.match(msg->topic, scratch_matches);
  // Overlapping subscriptions of one session yield one delivery: mark each session with this
  // route's generation instead of building a set.
  const std::uint64_t generation = ++route_generation;
  for (const auto& m : scratch_matches) {
    if (m.group != nullptr) {  // a shared subscription: one member per group, after this loop
      if (m.group->route_generation != generation) {
        m.group->route_generation = generation;
        scratch_groups.push_back(m.group);
      }
      continue;
    }
    session* s = m.subscriber;
    if (s == skip) continue;
    if (m.options.no_local && s == origin) continue;  // [MQTT-3.8.3-3]
    merge_target(scratch_targets, generation, *s, m.options);
  }
  // Access rules that can refuse deliveries apply to subscriptions already held (authorize.cpp).
  const bool screened = screens_deliveries(msg->scope);
  for (auto& t : scratch_targets) {
    if (screened && !may_deliver(*t.target, msg->topic)) continue;
    // Delivered at the lower of the published and the granted QoS; RETAIN is 0 for messages sent
    // to an established subscription [MQTT-3.3.1-12] unless it asked for Retain As Published
    // [MQTT-3.3.1-13].
    enqueue(*t.target, msg, std::min(msg->qos, t.qos), t.retain && msg->retain, std::move(t.ids));
  }
  const std::size_t delivered = scratch_targets.size();
  return scratch_groups.empty() ? delivered : delivered + route_shared(msg, skip, origin);
}

void engine_state::enqueue(session& s, const message_ptr& msg, std::uint8_t qos, bool retain, subscription_ids ids) {
  if (s.conn == nullptr && qos == 0 && !cfg.queue_qos0_offline) return;
  if (msg->expired(clock)) return;  // [MQTT-3.3.2-5]
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
  queued_message& q = s.queue.emplace_back();
  q.msg = msg;
  q.qos = qos;
  q.retain = retain;
  q.ids = std::move(ids);
  store_message(s, q, stored_state::queued, 0);
  s.queue_bytes += size;
  if (s.conn != nullptr) wake(*s.conn);
}

}  // namespace roost::broker
