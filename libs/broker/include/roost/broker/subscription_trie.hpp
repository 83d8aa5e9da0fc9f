#pragma once
// Topic filter -> subscribers, organised by topic level so that matching a topic costs its number
// of levels, not the number of subscriptions.
//
//   insert("home/+/temp", A, 1); insert("home/#", B, 0); insert("home/kitchen/temp", A, 2);
//
//   root ─ "home" ─┬─ "+" ─ "temp"   {A:1}
//                  ├─ "#"            {B:0}
//                  └─ "kitchen" ─ "temp"   {A:2}
//
//   match("home/kitchen/temp") visits (A,1), (B,0), (A,2): one visit per matching filter; merging
//   overlapping subscriptions of one session is the caller's job.
//
// '#' also matches its parent level ("home/#" matches "home"). Filters whose first level is '+' or
// '#' do not match topics whose first character is '$' [MQTT-4.7.2-1]. Not thread-safe.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>
#include <utility>
#include <vector>

namespace roost::broker {

class session;

class subscription_trie {
 public:
  struct match_entry {
    session* subscriber;
    std::uint8_t qos;
  };

  subscription_trie();
  ~subscription_trie();
  subscription_trie(const subscription_trie&) = delete;
  subscription_trie& operator=(const subscription_trie&) = delete;

  // Subscribes `s` to the (valid) `filter` with `qos`, or updates the qos of an existing one.
  // Returns true when the (filter, s) pair is new.
  bool insert(std::string_view filter, session* s, std::uint8_t qos);

  // Removes the (filter, s) pair; returns whether it existed. Nodes left empty are freed.
  bool erase(std::string_view filter, session* s);

  // Appends one entry per (filter, session) pair whose filter matches the (valid) topic name.
  // `out` is not cleared, so a caller can reuse its capacity.
  void match(std::string_view topic, std::vector<match_entry>& out) const;

  // Number of (filter, session) pairs held.
  std::size_t size() const { return _size; }

 private:
  struct node;
  std::unique_ptr<node> _root;
  std::size_t _size = 0;
};

}  // namespace roost::broker
