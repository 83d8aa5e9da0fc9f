#pragma once
// The tree shared by the subscription trie and the retained store: one node per topic level, each
// node owning its children by level name. Both stores hang their own payload on the nodes; what is
// here is only the shape and the walks that do not care about the payload.
//
//   descend_or_create(root, "a/b")   root ─ "a" ─ "b"      (creates what is missing, returns "b")
//   find_exact(root, "a/b")          "b", or null when a level is missing
//   remove_and_prune(root, "a/b", f) runs f on "b"; if f removed something, frees "b" and then
//                                    "a" when they are left without payload and children
//
// A topic can be 65535 bytes, that is 32768 levels of "/", so nothing here recurses: walks keep an
// explicit stack and a tree is torn down from a worklist instead of by nested destructors.
//
// A Node type provides
//   children                  with find(level), find_or_create(level), erase(level), empty(),
//                             take_all(vector<unique_ptr<Node>>&)  (level_children below, or a
//                             type with the same members)
//   bool empty() const        no payload and no children: the node may be freed.

#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_map>
#include <utility>
#include <vector>

#include "topic_levels.hpp"

namespace roost::broker::detail {

// Hashes std::string keys and std::string_view probes alike, so that a lookup by a level of the
// topic being matched does not build a std::string. FNV-1a: levels are short, and for a few bytes
// it costs a fraction of std::hash (every PUBLISH hashes each level of its topic).
struct level_hash {
  using is_transparent = void;
  std::size_t operator()(std::string_view level) const noexcept {
    std::uint64_t h = 0xcbf29ce484222325ULL;
    for (const char c : level) h = (h ^ static_cast<unsigned char>(c)) * 0x100000001b3ULL;
    return static_cast<std::size_t>(h);
  }
};

// A node's children keyed by level name. Node may be incomplete where this is declared.
template <class Node>
class level_children {
 public:
  Node* find(std::string_view level) {
    const auto it = _map.find(level);
    return it == _map.end() ? nullptr : it->second.get();
  }
  const Node* find(std::string_view level) const {
    const auto it = _map.find(level);
    return it == _map.end() ? nullptr : it->second.get();
  }

  Node& find_or_create(std::string_view level) {
    auto it = _map.find(level);
    if (it == _map.end()) it = _map.emplace(std::string(level), std::make_unique<Node>()).first;
    return *it->second;
  }

  // Frees the child `level` (and, through its destructor, whatever it still owns: callers only
  // erase childless nodes, so this never recurses deeply).
  void erase(std::string_view level) {
    const auto it = _map.find(level);
    if (it != _map.end()) _map.erase(it);
  }

  bool empty() const { return _map.empty(); }

  // Calls f(level, child) for every child, in no particular order.
  template <class F>
  void for_each(F&& f) const {
    for (const auto& [level, child] : _map) {
      f(std::string_view(level), static_cast<const Node&>(*child));
    }
  }

  // Moves every child into `into` and leaves this empty (for destroy_tree).
  void take_all(std::vector<std::unique_ptr<Node>>& into) {
    for (auto& entry : _map) into.push_back(std::move(entry.second));
    _map.clear();
  }

 private:
  std::unordered_map<std::string, std::unique_ptr<Node>, level_hash, std::equal_to<>> _map;
};

// A LIFO for iterative walks. The first N entries live inside the object, that is on the caller's
// stack, so walking an ordinary topic allocates nothing; a deeper walk spills to the heap rather
// than recursing.
template <class T, std::size_t N>
class walk_stack {
  static_assert(std::is_trivially_copyable_v<T>);

 public:
  bool empty() const { return _size == 0; }

  void push(const T& value) {
    if (_size < N) {
      _local[_size] = value;
    } else {
      _spill.push_back(value);
    }
    ++_size;
  }

  // Precondition: !empty().
  T pop() {
    --_size;
    if (_size < N) return _local[_size];
    const T value = _spill.back();
    _spill.pop_back();
    return value;
  }

 private:
  std::array<T, N> _local;
  std::vector<T> _spill;
  std::size_t _size = 0;
};

// The node for `topic` below `root`, creating the missing levels.
template <class Node>
Node& descend_or_create(Node& root, std::string_view topic) {
  Node* at = &root;
  for (const std::string_view level : split_levels(topic)) at = &at->children.find_or_create(level);
  return *at;
}

// The node for exactly `topic` (a filter's '+' and '#' are taken literally), or null.
template <class Node>
const Node* find_exact(const Node& root, std::string_view topic) {
  const Node* at = &root;
  for (const std::string_view level : split_levels(topic)) {
    at = at->children.find(level);
    if (at == nullptr) return nullptr;
  }
  return at;
}

// Runs `remove(node)` on the node for exactly `topic`, if there is one; `remove` returns whether it
// took something away. Then frees that node and its ancestors, deepest first, for as long as they
// are empty (the root is kept), so that memory follows the contents down. Returns what `remove`
// returned, false when the node does not exist.
template <class Node, class Remove>
bool remove_and_prune(Node& root, std::string_view topic, Remove&& remove) {
  struct edge {
    Node* parent;
    std::string_view level;  // a view into `topic`
  };
  walk_stack<edge, 32> path;
  Node* at = &root;
  for (const std::string_view level : split_levels(topic)) {
    Node* child = at->children.find(level);
    if (child == nullptr) return false;
    path.push({at, level});
    at = child;
  }
  if (!remove(*at)) return false;
  while (!path.empty() && at->empty()) {
    const edge up = path.pop();
    up.parent->children.erase(up.level);  // frees `at`, which has no children
    at = up.parent;
  }
  return true;
}

// Frees a whole tree without nested destructor calls: every node is emptied of its children before
// it is destroyed, so its destructor has nothing left to recurse into.
template <class Node>
void destroy_tree(std::unique_ptr<Node> root) {
  std::vector<std::unique_ptr<Node>> pending;
  if (root) pending.push_back(std::move(root));
  while (!pending.empty()) {
    std::unique_ptr<Node> next = std::move(pending.back());
    pending.pop_back();
    next->children.take_all(pending);
  }
}

}  // namespace roost::broker::detail
