#pragma once
// Shared subscriptions (MQTT 5.0 section 4.8.2): a subscription to "$share/{ShareName}/{filter}"
// makes the session a member of the group (ShareName, filter) of its scope; each message matching
// the filter goes to one member of the group instead of to all of them.
//
//   A, B, C subscribe "$share/workers/jobs/#"     group "workers" on "jobs/#": members A, B, C
//   D subscribes "jobs/#"                           a plain subscription
//   PUBLISH jobs/1, jobs/2, jobs/3, jobs/4          round robin: A, B, C, A get one each; D all four
//
// The members sit in the subscription trie under the filter after the share name ("jobs/#"), each
// entry pointing at its group; route() picks one member per matching group (choose_member below).
// Groups with the same ShareName and different filters are different groups, as are groups of
// different scopes (each scope keeps its own shared_groups).

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "roost/broker/settings.hpp"
#include "roost/broker/subscription_options.hpp"

namespace roost::broker {

class session;

// The parts of "$share/{ShareName}/{filter}"; views into the filter they were cut from.
struct share_filter {
  std::string_view name;    // ShareName
  std::string_view filter;  // the topic filter the group subscribes to
};

enum class share_syntax : std::uint8_t {
  plain,      // not a shared subscription's filter
  shared,     // a well-formed one
  malformed,  // starts with "$share/" but breaks [MQTT-4.8.2-1] or [MQTT-4.8.2-2]
};

// Whether the (syntactically valid) topic filter `filter` names a shared subscription; `parts` is
// set when it does. A ShareName is at least one character, without '/', '+' or '#'
// [MQTT-4.8.2-1], and is followed by '/' and a non-empty topic filter [MQTT-4.8.2-2].
share_syntax parse_share(std::string_view filter, share_filter& parts);

// Whether `filter`, one parse_share did not find malformed, is a shared subscription's.
inline bool is_shared(std::string_view filter) { return filter.starts_with("$share/"); }

// One group: its members with the options each was granted, and where distribution stands.
struct shared_group {
  struct member {
    session* subscriber;
    subscription_options options;
  };

  std::uint32_t id = 0;          // unique in its scope, never reused (queued_message::shared_group_id)
  std::string subscribed;        // "$share/{ShareName}/{filter}", as subscribed
  std::size_t filter_at = 0;     // where {filter} starts in `subscribed`
  std::vector<member> members;   // in the order they joined
  std::size_t next = 0;          // round robin: the member tried first for the next message
  std::uint64_t route_generation = 0;  // route() scratch: the group already took this message

  std::string_view filter() const { return std::string_view(subscribed).substr(filter_at); }

  // The member entry of `s`, or null.
  member* find(const session* s);
  // Adds `s` with `options`, or updates them; returns true when `s` is new in the group.
  bool join(session* s, const subscription_options& options);
  // Removes `s`; returns whether it was a member.
  bool leave(const session* s);
};

// The groups of one scope, by the filter as subscribed.
class shared_groups {
 public:
  // The group of `subscribed` ("$share/{name}/{filter}", cut as `parts`), created when missing.
  shared_group& obtain(std::string_view subscribed, const share_filter& parts);
  // The group of `subscribed`, or null.
  shared_group* find(std::string_view subscribed) const;
  // Forgets `g`, which must have no members left.
  void release(const shared_group& g);
  // Number of groups.
  std::size_t size() const { return _groups.size(); }

 private:
  struct string_hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
  };
  std::unordered_map<std::string, std::unique_ptr<shared_group>, string_hash, std::equal_to<>> _groups;
  std::uint32_t _last_id = 0;
};

// The member of `g` that receives the next message, never `skip`'s; null when there is none.
// Members whose client is online are preferred; only when none is online does an offline member
// (of a persistent session) get it, to queue. `strategy` round_robin takes the members in turn;
// hash_client_id takes the member that the hash of `key` (the publisher's client id) picks among
// the candidates, the same one for as long as the candidates stay the same.
const shared_group::member* choose_member(shared_group& g, share_strategy strategy, std::string_view key,
                                          const session* skip);

}  // namespace roost::broker
