// Shared subscription groups: the "$share/{ShareName}/{filter}" syntax, membership, and the choice
// of the member that receives a message.

#include "shared_group.hpp"

#include <algorithm>

#include "engine_state.hpp"

namespace roost::broker {
namespace {

constexpr std::string_view share_prefix = "$share/";

// FNV-1a: stable across runs and platforms (std::hash is neither promised), so the member a
// client id maps to does not change with a rebuild.
std::uint64_t stable_hash(std::string_view s) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (const char c : s) h = (h ^ static_cast<unsigned char>(c)) * 0x100000001b3ULL;
  return h;
}

bool online(const shared_group::member& m) { return m.subscriber->conn != nullptr; }

}  // namespace

share_syntax parse_share(std::string_view filter, share_filter& parts) {
  if (!filter.starts_with(share_prefix)) return share_syntax::plain;
  const std::string_view rest = filter.substr(share_prefix.size());
  const std::size_t slash = rest.find('/');
  if (slash == std::string_view::npos) return share_syntax::malformed;  // no "/" after the name
  const std::string_view name = rest.substr(0, slash);
  if (name.empty() || name.find_first_of("+#") != std::string_view::npos) return share_syntax::malformed;
  const std::string_view inner = rest.substr(slash + 1);
  if (inner.empty()) return share_syntax::malformed;  // "/" must be followed by a topic filter
  parts = {name, inner};
  return share_syntax::shared;
}

shared_group::member* shared_group::find(const session* s) {
  const auto it = std::find_if(members.begin(), members.end(), [s](const member& m) { return m.subscriber == s; });
  return it == members.end() ? nullptr : &*it;
}

bool shared_group::join(session* s, const subscription_options& options) {
  if (member* m = find(s)) {
    m->options = options;
    return false;
  }
  members.push_back({s, options});
  return true;
}

bool shared_group::leave(const session* s) {
  const auto it = std::find_if(members.begin(), members.end(), [s](const member& m) { return m.subscriber == s; });
  if (it == members.end()) return false;
  const auto at = static_cast<std::size_t>(it - members.begin());
  members.erase(it);  // keeps the others' order, so round robin goes on where it was
  if (at < next) --next;
  if (next >= members.size()) next = 0;
  return true;
}

shared_group& shared_groups::obtain(std::string_view subscribed, const share_filter& parts) {
  if (shared_group* g = find(subscribed)) return *g;
  auto g = std::make_unique<shared_group>();
  g->id = ++_last_id;
  g->subscribed = std::string(subscribed);
  g->filter_at = subscribed.size() - parts.filter.size();
  shared_group& made = *g;
  _groups.emplace(made.subscribed, std::move(g));
  return made;
}

shared_group* shared_groups::find(std::string_view subscribed) const {
  const auto it = _groups.find(subscribed);
  return it == _groups.end() ? nullptr : it->second.get();
}

void shared_groups::release(const shared_group& g) {
  if (const auto it = _groups.find(std::string_view(g.subscribed)); it != _groups.end()) _groups.erase(it);
}

const shared_group::member* choose_member(shared_group& g, share_strategy strategy, std::string_view key,
                                          const session* skip) {
  const std::size_t n = g.members.size();
  std::size_t candidates = 0;
  bool any_online = false;
  for (const auto& m : g.members) {
    if (m.subscriber == skip) continue;
    ++candidates;
    any_online = any_online || online(m);
  }
  if (candidates == 0) return nullptr;
  // Online members only, while there is one; otherwise every member but `skip`.
  auto eligible = [&](const shared_group::member& m) { return m.subscriber != skip && (!any_online || online(m)); };

  if (strategy == share_strategy::hash_client_id) {
    std::size_t eligible_count = 0;
    for (const auto& m : g.members) eligible_count += eligible(m) ? 1 : 0;
    std::size_t pick = static_cast<std::size_t>(stable_hash(key) % eligible_count);
    for (const auto& m : g.members) {
      if (!eligible(m)) continue;
      if (pick-- == 0) return &m;
    }
    return nullptr;  // not reached
  }
  for (std::size_t step = 0; step < n; ++step) {
    const std::size_t at = (g.next + step) % n;
    if (!eligible(g.members[at])) continue;
    g.next = (at + 1) % n;
    return &g.members[at];
  }
  return nullptr;  // not reached: there is a candidate
}

}  // namespace roost::broker
