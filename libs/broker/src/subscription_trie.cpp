// Subscription trie: topic filters cut into levels, one node per level, subscribers on the node of
// the filter's last level. Wildcard levels have slots of their own next to the literal children.
//
//   insert("sport/tennis/+", A, {qos 1})  insert("sport/#", B, {qos 0})  insert("#", C, {qos 0})
//   insert("+/x", D, {qos 0})
//
//   root ─┬─ [#] {C:0}
//         ├─ [+] ─ "x" {D:0}
//         └─ "sport" ─┬─ [#] {B:0}
//                     └─ "tennis" ─ [+] {A:1}
//
//   match("sport/tennis/p1"): walk (root, "sport") -> root[#] gives C; root[+] is queued for
//   "tennis", root."sport" too. (root[+], "tennis") has no [#], no [+], no "tennis": dead end.
//   ("sport", "tennis") -> sport[#] gives B; sport."tennis" is queued for "p1". ("tennis", "p1") ->
//   tennis[+] is queued for the end. (tennis[+], end) gives A. Result: C, B, A.
//
//   match("sport"): ("sport", end) gives the node's own subscribers (none) and sport[#] gives B:
//   '#' also matches its parent level.
//
//   match("$SYS/x"): root[#] and root[+] are skipped [MQTT-4.7.2-1], so neither C nor D matches.
//
// Each node is visited at most once (its depth fixes the topic level it is compared with), so a
// match costs at most the number of nodes the topic can reach, usually a handful.

#include "roost/broker/subscription_trie.hpp"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "level_tree.hpp"
#include "topic_levels.hpp"

namespace roost::broker {
namespace {

using match_entry = subscription_trie::match_entry;

// The subscribers of one filter, each with its options (and group, for a shared subscription's
// member). Entries sit in a vector, so that a match copies them out in one go. Past a few of them
// an index by (session, group) finds an entry without a scan, so that subscribing or unsubscribing
// one of 100,000 subscribers of a filter stays O(1) (a mass unsubscribe is then O(n), not O(n^2)).
class subscriber_set {
 public:
  bool empty() const { return _entries.empty(); }

  // Adds (s, group) with `options`, or updates the options it has. Returns true when it is new.
  bool upsert(session* s, const subscription_options& options, shared_group* group) {
    const std::size_t at = position_of({s, group});
    if (at != npos) {
      _entries[at].options = options;
      return false;
    }
    _entries.push_back({s, options, group});
    if (indexed()) {
      _index.emplace(key{s, group}, _entries.size() - 1);
    } else if (_entries.size() > index_above) {
      build_index();
    }
    return true;
  }

  // Removes (s, group); returns whether it was there. The last entry fills the hole (order is not
  // part of any contract), and memory is handed back as the set shrinks.
  bool erase(session* s, shared_group* group) {
    const std::size_t at = position_of({s, group});
    if (at == npos) return false;
    if (at + 1 != _entries.size()) {
      _entries[at] = _entries.back();
      if (indexed()) _index[key_of(_entries[at])] = at;
    }
    _entries.pop_back();
    if (indexed()) {
      _index.erase(key{s, group});
      if (_entries.size() < drop_index_below) _index = decltype(_index)();  // frees the buckets
    }
    if (_entries.capacity() > min_shrink_capacity && _entries.capacity() / 4 > _entries.size()) {
      _entries.shrink_to_fit();
    }
    return true;
  }

  void append_to(std::vector<match_entry>& out) const {
    out.insert(out.end(), _entries.begin(), _entries.end());
  }

 private:
  // What identifies an entry: a session holds at most one plain subscription and one membership
  // per group on a filter.
  struct key {
    session* subscriber;
    shared_group* group;
    bool operator==(const key&) const = default;
  };
  struct key_hash {
    std::size_t operator()(const key& k) const noexcept {
      const std::hash<const void*> h;
      return h(k.subscriber) ^ (h(k.group) * 0x9E3779B97F4A7C15ULL);
    }
  };

  static constexpr std::size_t npos = static_cast<std::size_t>(-1);
  // A scan of this many entries is cheaper than a hash lookup; the gap between the two thresholds
  // keeps a set that hovers around one of them from building and dropping its index every time.
  static constexpr std::size_t index_above = 16;
  static constexpr std::size_t drop_index_below = 8;
  static constexpr std::size_t min_shrink_capacity = 16;

  static key key_of(const match_entry& e) { return {e.subscriber, e.group}; }

  bool indexed() const { return !_index.empty(); }

  std::size_t position_of(const key& k) const {
    if (indexed()) {
      const auto it = _index.find(k);
      return it == _index.end() ? npos : it->second;
    }
    for (std::size_t i = 0; i < _entries.size(); ++i) {
      if (key_of(_entries[i]) == k) return i;
    }
    return npos;
  }

  void build_index() {
    _index.reserve(_entries.size());
    for (std::size_t i = 0; i < _entries.size(); ++i) _index.emplace(key_of(_entries[i]), i);
  }

  std::vector<match_entry> _entries;
  std::unordered_map<key, std::size_t, key_hash> _index;  // empty while the set is small
};

// A trie node's children: '+' and '#' in slots of their own, so that a match reaches them without
// hashing, and the literal levels by name. Same members as detail::level_children, so the shared
// tree walks work on it.
template <class Node>
class filter_children {
 public:
  const Node* plus() const { return _plus.get(); }
  const Node* hash() const { return _hash.get(); }
  const Node* literal(std::string_view level) const { return _literal.find(level); }

  Node* find(std::string_view level) {
    if (auto* slot = wildcard_slot(level)) return slot->get();
    return _literal.find(level);
  }

  Node& find_or_create(std::string_view level) {
    if (auto* slot = wildcard_slot(level)) {
      if (!*slot) *slot = std::make_unique<Node>();
      return **slot;
    }
    return _literal.find_or_create(level);
  }

  void erase(std::string_view level) {
    if (auto* slot = wildcard_slot(level)) {
      slot->reset();
    } else {
      _literal.erase(level);
    }
  }

  bool empty() const { return !_plus && !_hash && _literal.empty(); }

  void take_all(std::vector<std::unique_ptr<Node>>& into) {
    if (_plus) into.push_back(std::move(_plus));
    if (_hash) into.push_back(std::move(_hash));
    _literal.take_all(into);
  }

 private:
  std::unique_ptr<Node>* wildcard_slot(std::string_view level) {
    if (level == "+") return &_plus;
    if (level == "#") return &_hash;
    return nullptr;
  }

  std::unique_ptr<Node> _plus;
  std::unique_ptr<Node> _hash;
  detail::level_children<Node> _literal;
};

}  // namespace

struct subscription_trie::node {
  filter_children<node> children;
  subscriber_set subscribers;

  bool empty() const { return subscribers.empty() && children.empty(); }
};

subscription_trie::subscription_trie() : _root(std::make_unique<node>()) {}

subscription_trie::~subscription_trie() { detail::destroy_tree(std::move(_root)); }

// Creates the filter's missing levels; the entry is counted only when it is new.
bool subscription_trie::insert(std::string_view filter, session* s, const subscription_options& options,
                               shared_group* group) {
  node& at = detail::descend_or_create(*_root, filter);
  const bool added = at.subscribers.upsert(s, options, group);
  if (added) ++_size;
  return added;
}

// Walks the filter's levels literally ('+' and '#' name their own slots) and frees the nodes the
// removal leaves without subscribers and children.
bool subscription_trie::erase(std::string_view filter, session* s, shared_group* group) {
  const bool removed = detail::remove_and_prune(*_root, filter,
                                                [s, group](node& at) { return at.subscribers.erase(s, group); });
  if (removed) --_size;
  return removed;
}

// Depth-first over (node, position of the topic level to compare with the node's children), with
// an explicit stack: a filter like "+/+/.../+" can be 32768 levels deep. Allocates nothing but the
// growth of `out` unless more than 64 walks are pending at once.
void subscription_trie::match(std::string_view topic, std::vector<match_entry>& out) const {
  struct frame {
    const node* at;
    std::size_t pos;
  };
  // [MQTT-4.7.2-1] a '$' topic is not matched by a filter whose first level is '+' or '#'.
  const bool dollar = detail::is_dollar_topic(topic);

  detail::walk_stack<frame, 64> pending;
  pending.push({_root.get(), 0});
  while (!pending.empty()) {
    const frame f = pending.pop();
    const bool wildcards = !(dollar && f.at == _root.get());
    const node* const hash = wildcards ? f.at->children.hash() : nullptr;
    const node* const plus = wildcards ? f.at->children.plus() : nullptr;
    // '#' matches whatever is left of the topic, no level at all included ("a/#" matches "a").
    if (hash != nullptr) hash->subscribers.append_to(out);
    if (detail::levels_done(topic, f.pos)) {
      f.at->subscribers.append_to(out);
      continue;
    }
    const detail::level_step step = detail::level_at(topic, f.pos);
    if (plus != nullptr) pending.push({plus, step.next});
    if (const node* exact = f.at->children.literal(step.level)) pending.push({exact, step.next});
  }
}

}  // namespace roost::broker
