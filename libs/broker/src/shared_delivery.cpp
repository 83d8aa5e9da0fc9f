// Delivery through shared subscriptions: one member of each matching group gets a message, and
// what a member cannot deliver any more goes to another member.
//
//   member leaves (its session ends)   queued messages of the group       -> another member
//                                      QoS 1 sent, awaiting PUBACK        -> another member (4.8.2 "SHOULD")
//                                      QoS 2 sent, awaiting PUBREC        -> nobody [MQTT-4.8.2-5]
//                                      QoS 2 released, awaiting PUBCOMP   -> delivered already
//   member goes offline (session kept) queued messages of the group       -> an online member, if any
//                                      in flight                          -> kept, resumed on return
//
// The member taking a message over gets it at no more than its own granted QoS [MQTT-4.8.2-3].

#include <algorithm>

#include "engine_state.hpp"

namespace roost::broker {
namespace {

std::size_t queued_size(const queued_message& q) { return q.msg->topic.size() + q.msg->payload.size(); }

// Queues `msg` for the member `m` of group `group_id`, at most at `qos` and at m's granted QoS.
void give_to_member(engine_state& st, const shared_group::member& m, const message_ptr& msg, std::uint8_t qos,
                    std::uint32_t group_id) {
  session& to = *m.subscriber;
  const std::size_t before = to.queue.size();
  st.enqueue(to, msg, std::min(qos, m.options.qos), m.options.retain_as_published && msg->retain,
             subscription_ids(m.options.identifier));
  if (to.queue.size() > before) to.queue.back().shared_group_id = group_id;
}

}  // namespace

std::size_t engine_state::route_shared(const message_ptr& msg, const session* skip, const session* origin) {
  // hash_client_id keys on the publisher; a message with none (a will, $SYS, the native API) on its topic.
  const std::string_view key = origin != nullptr ? std::string_view(origin->client_id) : msg->topic;
  std::size_t delivered = 0;
  for (shared_group* g : scratch_groups) {
    const shared_group::member* m = choose_member(*g, cfg.shared_strategy, key, skip);
    if (m == nullptr) continue;
    give_to_member(*this, *m, msg, msg->qos, g->id);
    ++delivered;
  }
  scratch_groups.clear();
  return delivered;
}

void engine_state::pass_on_shared(session& from, shared_group& g, bool session_ends) {
  // Who takes a message: anyone but `from` when its session ends, else only an online member.
  auto taker = [&](const queued_message& q) -> const shared_group::member* {
    const shared_group::member* m = choose_member(g, cfg.shared_strategy, q.msg->topic, &from);
    if (m == nullptr || (!session_ends && m->subscriber->conn == nullptr)) return nullptr;
    return m;
  };
  for (auto it = from.queue.begin(); it != from.queue.end();) {
    if (it->shared_group_id != g.id) {
      ++it;
      continue;
    }
    const shared_group::member* m = taker(*it);
    if (m == nullptr) {
      if (!session_ends) return;  // no member online: the rest stays too
      ++it;
      continue;
    }
    queued_message q = std::move(*it);
    from.queue_bytes -= queued_size(q);
    // An ending session's stored messages went with session_ended.
    if (!session_ends) finish_message(from, q);
    it = from.queue.erase(it);
    give_to_member(*this, *m, q.msg, q.qos, g.id);
  }
  if (!session_ends) return;
  for (inflight_message& f : from.inflight) {
    if (f.entry.shared_group_id != g.id || f.at != inflight_message::stage::awaiting_puback || !f.entry.msg) continue;
    if (const shared_group::member* m = taker(f.entry)) give_to_member(*this, *m, f.entry.msg, f.entry.qos, g.id);
    f.entry.shared_group_id = 0;
  }
}

void engine_state::hand_over_shared(session& s) {
  if (s.queue.empty()) return;
  scope_tables& space = tables(s.scope);
  for (const auto& [filter, options] : s.subscriptions) {
    if (!is_shared(filter)) continue;
    if (shared_group* g = space.groups.find(filter)) pass_on_shared(s, *g, false);
  }
}

}  // namespace roost::broker
