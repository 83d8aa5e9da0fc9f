// A session's subscriptions entered in and taken out of its scope's trie. A shared subscription
// ("$share/{ShareName}/{filter}") is entered under {filter} as a member of its group, which is
// made with its first member and forgotten with its last.

#include "engine_state.hpp"

namespace roost::broker {

bool engine_state::add_subscription(session& s, std::string_view filter, const subscription_options& options) {
  scope_tables& space = tables(s.scope);
  share_filter parts;
  if (parse_share(filter, parts) != share_syntax::shared) return space.subscriptions.insert(filter, &s, options);
  shared_group& g = space.groups.obtain(filter, parts);
  g.join(&s, options);
  return space.subscriptions.insert(parts.filter, &s, options, &g);
}

void engine_state::remove_subscription(session& s, std::string_view filter, bool session_ends) {
  scope_tables& space = tables(s.scope);
  share_filter parts;
  if (parse_share(filter, parts) != share_syntax::shared) {
    space.subscriptions.erase(filter, &s);
    return;
  }
  shared_group* g = space.groups.find(filter);
  if (g == nullptr) return;
  space.subscriptions.erase(parts.filter, &s, g);
  g->leave(&s);
  if (session_ends) pass_on_shared(s, *g, true);
  if (g->members.empty()) space.groups.release(*g);
}

}  // namespace roost::broker
