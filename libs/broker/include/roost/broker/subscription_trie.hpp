#pragma once
// Topic filter -> subscribers, organised by topic level so that matching a topic costs its number
// of levels, not the number of subscriptions.
//
//   insert("home/+/temp", A, {qos 1}); insert("home/#", B, {qos 0}); insert("home/kitchen/temp", A, {qos 2});
//
//   root ─ "home" ─┬─ "+" ─ "temp"   {A:1}
//                  ├─ "#"            {B:0}
//                  └─ "kitchen" ─ "temp"   {A:2}
//
//   match("home/kitchen/temp") visits (A,1), (B,0), (A,2): one visit per matching filter; merging
//   overlapping subscriptions of one session is the caller's job.
//
// A member of a shared subscription ("$share/g/home/#", MQTT 5.0 section 4.8.2) is inserted under
// the filter after the share name ("home/#") with its group: an entry is a (filter, session, group)
// triple, so that one session may hold a plain subscription and memberships of several groups on
// the same filter. Every member of a matching group is reported (with its group); picking the one
// member that receives the message is the caller's job.
//
// '#' also matches its parent level ("home/#" matches "home"). Filters whose first level is '+' or
// '#' do not match topics whose first character is '$' [MQTT-4.7.2-1]. Not thread-safe.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>
#include <utility>
#include <vector>

#include "roost/broker/subscription_options.hpp"

namespace roost::broker {

class session;
struct shared_group;  // a shared subscription's group (shared_group.hpp); never dereferenced here

class subscription_trie {
 public:
  struct match_entry {
    session* subscriber;
    subscription_options options;
    shared_group* group;  // null: a plain subscription
  };

  subscription_trie();
  ~subscription_trie();
  subscription_trie(const subscription_trie&) = delete;
  subscription_trie& operator=(const subscription_trie&) = delete;

  // Subscribes `s` to the (valid) `filter` with `options`, as a member of `group` when given, or
  // updates the options of that existing (filter, s, group) entry. Returns true when it is new.
  bool insert(std::string_view filter, session* s, const subscription_options& options,
              shared_group* group = nullptr);

  // Removes the (filter, s, group) entry; returns whether it existed. Nodes left empty are freed.
  bool erase(std::string_view filter, session* s, shared_group* group = nullptr);

  // Appends one entry per (filter, session, group) entry whose filter matches the (valid) topic
  // name. `out` is not cleared, so a caller can reuse its capacity.
  void match(std::string_view topic, std::vector<match_entry>& out) const;

  // Number of (filter, session, group) entries held: shared memberships included.
  std::size_t size() const { return _size; }

 private:
  struct node;
  std::unique_ptr<node> _root;
  std::size_t _size = 0;
};

}  // namespace roost::broker
