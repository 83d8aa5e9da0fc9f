// Access control: the authorizer port asked for every PUBLISH, will and SUBSCRIBE filter, and for
// deliveries when its rules can refuse them, so a rule changed while clients are connected applies
// to the subscriptions they hold: a revoked one stops receiving, a restored one receives again.
// Refusals are counted in $SYS/broker/acl/denied/{publish,subscribe} and logged at debug.

#include <string>

#include "engine_state.hpp"
#include "roost/base/log.hpp"
#include "shared_group.hpp"

namespace roost::broker {
namespace {

client_identity identity_of(const connection& c) {
  client_identity who{c.sess ? c.sess->scope : default_scope, c.client_id, std::nullopt};
  if (!c.username.empty()) who.username = c.username;
  return who;
}

void log_refusal(const connection& c, std::string_view what, std::string_view name) {
  if (!log::enabled(log::level::debug)) return;
  log::write(log::level::debug, "client " + c.client_id + (c.username.empty() ? "" : " (user " + c.username + ")") +
                                    ": " + std::string(what) + " " + std::string(name) + " denied by the access rules");
}

}  // namespace

bool engine_state::may_publish(const connection& c, std::string_view topic) {
  if (authz == nullptr || c.superuser) return true;
  if (authz->allow_publish(identity_of(c), topic)) return true;
  ++counters.acl_denied_publish;
  log_refusal(c, "publish to", topic);
  return false;
}

bool engine_state::may_subscribe(const connection& c, std::string_view filter) {
  if (authz == nullptr || c.superuser) return true;
  share_filter parts;
  const std::string_view judged = parse_share(filter, parts) == share_syntax::shared ? parts.filter : filter;
  if (authz->allow_subscribe(identity_of(c), judged)) return true;
  ++counters.acl_denied_subscribe;
  log_refusal(c, "subscription to", filter);
  return false;
}

bool engine_state::may_deliver(const session& s, std::string_view topic) const {
  if (s.conn != nullptr) {
    const connection& c = *s.conn;
    return c.superuser || authz->allow_delivery(identity_of(c), topic);
  }
  // Offline: judged as its client was at its latest CONNECT. A session restored from storage
  // whose client has not returned yet keeps what it was granted (its user name was not stored).
  if (!s.identified || s.superuser) return true;
  client_identity who{s.scope, s.client_id, std::nullopt};
  if (!s.username.empty()) who.username = s.username;
  return authz->allow_delivery(who, topic);
}

bool engine_state::may_publish_will(const session& s, std::string_view topic) {
  if (authz == nullptr || s.superuser) return true;
  client_identity who{s.scope, s.client_id, std::nullopt};
  if (!s.username.empty()) who.username = s.username;
  if (authz->allow_publish(who, topic)) return true;
  ++counters.acl_denied_publish;
  if (log::enabled(log::level::debug)) {
    log::write(log::level::debug, "client " + s.client_id + ": will to " + std::string(topic) +
                                      " denied by the access rules, not published");
  }
  return false;
}

void engine_state::identify(connection& c, session& s, const auth_decision& verdict) {
  c.superuser = verdict.superuser;
  s.username = c.username;
  s.superuser = c.superuser;
  s.identified = true;
}

void engine::authorize_with(authorizer* a) {
  std::lock_guard guard{_s->lock};
  _s->authz = a;
}

std::size_t engine::close_scope(scope_id scope, std::string_view why) {
  std::lock_guard guard{_s->lock};
  std::size_t n = 0;
  for (connection* c : _s->live) {
    if (c->state != conn_state::connected || !c->sess || c->sess->scope != scope) continue;
    _s->close(*c, mqtt::reason_code::administrative_action, why);
    ++n;
  }
  return n;
}

}  // namespace roost::broker
