// Subscription trie: topic filters cut into levels, one node per level, subscribers on the node of
// the filter's last level. Wildcard levels have slots of their own next to the literal children.
//
//   insert("sport/tennis/+", A, 1)  insert("sport/#", B, 0)  insert("#", C, 0)  insert("+/x", D, 0)
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

// The subscribers of one filter, each with its qos. Entries sit in a vector, so that a match copies
// them out in one go. Past a few of them an index by session finds an entry without a scan, so that
// subscribing or unsubscribing one of 100,000 subscribers of a filter stays O(1) (a mass
// unsubscribe is then O(n), not O(n^2)).
class subscriber_set {
 public:
  bool empty() const { return _entries.empty(); }

  // Adds `s` with `qos`, or updates the qos `s` has. Returns true when `s` is new.
  bool upsert(session* s, std::uint8_t qos) {
    const std::size_t at = position_of(s);
    if (at != npos) {
      _entries[at].qos = qos;
      return false;
    }
    _entries.push_back({s, qos});
    if (indexed()) {
      _index.emplace(s, _entries.size() - 1);
    } else if (_entries.size() > index_above) {
      build_index();
    }
    return true;
  }

  // Removes `s`; returns whether it was there. The last entry fills the hole (order is not part of
  // any contract), and memory is handed back as the set shrinks.
  bool erase(session* s) {
    const std::size_t at = position_of(s);
    if (at == npos) return false;
    if (at + 1 != _entries.size()) {
      _entries[at] = _entries.back();
      if (indexed()) _index[_entries[at].subscriber] = at;
    }
    _entries.pop_back();
    if (indexed()) {
      _index.erase(s);
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
  static constexpr std::size_t npos = static_cast<std::size_t>(-1);
  // A scan of this many entries is cheaper than a hash lookup; the gap between the two thresholds
  // keeps a set that hovers around one of them from building and dropping its index every time.
  static constexpr std::size_t index_above = 16;
  static constexpr std::size_t drop_index_below = 8;
  static constexpr std::size_t min_shrink_capacity = 16;

  bool indexed() const { return !_index.empty(); }

  std::size_t position_of(session* s) const {
    if (indexed()) {
      const auto it = _index.find(s);
      return it == _index.end() ? npos : it->second;
    }
    for (std::size_t i = 0; i < _entries.size(); ++i) {
      if (_entries[i].subscriber == s) return i;
    }
    return npos;
  }

  void build_index() {
    _index.reserve(_entries.size());
    for (std::size_t i = 0; i < _entries.size(); ++i) _index.emplace(_entries[i].subscriber, i);
  }

  std::vector<match_entry> _entries;
  std::unordered_map<session*, std::size_t> _index;  // empty while the set is small
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

// Creates the filter's missing levels; the pair is counted only when the session is new on it.
bool subscription_trie::insert(std::string_view filter, session* s, std::uint8_t qos) {
  node& at = detail::descend_or_create(*_root, filter);
  const bool added = at.subscribers.upsert(s, qos);
  if (added) ++_size;
  return added;
}

// Walks the filter's levels literally ('+' and '#' name their own slots) and frees the nodes the
// removal leaves without subscribers and children.
bool subscription_trie::erase(std::string_view filter, session* s) {
  const bool removed =
      detail::remove_and_prune(*_root, filter, [s](node& at) { return at.subscribers.erase(s); });
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
