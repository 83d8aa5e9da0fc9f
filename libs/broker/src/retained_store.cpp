// Retained store: one node per topic level, the retained message on the node of the topic's last
// level. A filter is walked against the tree level by level, so that it visits only the branches
// it can match:
//
//   put(a/b = "1")  put(a/c/d = "2")  put(a = "3")  put($SYS/up = "4")
//
//   root ─┬─ "a" [3] ─┬─ "b" [1]
//         │           └─ "c" ─ "d" [2]
//         └─ "$SYS" ─ "up" [4]
//
//   match("a/+")  (root, "a") -> "a"; ("a", "+") -> "b", "c"; (b, end) gives 1; (c, end) nothing
//   match("a/#")  (root, "a") -> "a"; ("a", "#") gives the whole subtree of "a": 3, 1, 2
//   match("#")    the whole tree except the "$SYS" branch [MQTT-4.7.2-1]: 3, 1, 2
//   put(a/c/d = "") removes 2 and frees "d" and "c", which are left empty.
//
// Messages are shared, never copied, and the topic of a match result is the message's own, so a
// match builds no strings. Nothing recurses: deep topics are walked with explicit stacks.

#include "roost/broker/retained_store.hpp"

#include <cassert>
#include <cstddef>
#include <memory>
#include <string_view>
#include <utility>
#include <vector>

#include "level_tree.hpp"
#include "topic_levels.hpp"

namespace roost::broker {

struct retained_store::node {
  detail::level_children<node> children;
  message_ptr retained;

  bool empty() const { return !retained && children.empty(); }
};

namespace {

// What a retained message counts for in bytes().
std::size_t weight(const message& m) { return m.topic.size() + m.payload.size(); }

}  // namespace

retained_store::retained_store() : _root(std::make_unique<node>()) {}

retained_store::~retained_store() { detail::destroy_tree(std::move(_root)); }

// `msg` must not be null. The root holds no message: every topic, even "", has at least one level.
void retained_store::put(message_ptr msg) {
  assert(msg != nullptr);
  if (msg->payload.empty()) {
    // [MQTT-3.3.1-10] an empty retained message clears the topic; [MQTT-3.3.1-11] and is not kept.
    detail::remove_and_prune(*_root, msg->topic, [this](node& at) {
      if (!at.retained) return false;
      _bytes -= weight(*at.retained);
      --_count;
      at.retained.reset();
      return true;
    });
    return;
  }
  node& at = detail::descend_or_create(*_root, msg->topic);
  if (at.retained) {
    _bytes -= weight(*at.retained);
  } else {
    ++_count;
  }
  _bytes += weight(*msg);
  at.retained = std::move(msg);
}

message_ptr retained_store::find(std::string_view topic) const {
  const node* at = detail::find_exact(*_root, topic);
  return at == nullptr ? nullptr : at->retained;
}

// Depth-first over (node, position of the filter level to apply to the node's children). '+' fans
// out to every child, '#' takes the node itself (the parent level) and everything below it, a
// literal level follows one child. At the root, wildcards skip the children whose name starts with
// '$' [MQTT-4.7.2-1].
void retained_store::match(std::string_view filter, std::vector<message_ptr>& out) const {
  struct frame {
    const node* at;
    std::size_t pos;
  };
  const node* const root = _root.get();
  detail::walk_stack<frame, 64> pending;
  detail::walk_stack<const node*, 64> subtree;
  pending.push({root, 0});
  while (!pending.empty()) {
    const frame f = pending.pop();
    if (detail::levels_done(filter, f.pos)) {
      if (f.at->retained) out.push_back(f.at->retained);
      continue;
    }
    const detail::level_step step = detail::level_at(filter, f.pos);
    if (step.level == "#") {
      subtree.push(f.at);
      while (!subtree.empty()) {
        const node* at = subtree.pop();
        if (at->retained) out.push_back(at->retained);
        at->children.for_each([&](std::string_view level, const node& child) {
          if (at != root || !detail::is_dollar_topic(level)) subtree.push(&child);
        });
      }
    } else if (step.level == "+") {
      f.at->children.for_each([&](std::string_view level, const node& child) {
        if (f.at != root || !detail::is_dollar_topic(level)) pending.push({&child, step.next});
      });
    } else if (const node* exact = f.at->children.find(step.level)) {
      pending.push({exact, step.next});
    }
  }
}

}  // namespace roost::broker
