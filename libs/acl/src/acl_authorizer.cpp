// Scopes to sections, broker questions to the matcher.

#include "roost/acl/acl_authorizer.hpp"

#include "roost/acl/check_access.hpp"
#include "roost/platform/cloud_scope.hpp"

namespace roost::acl {
namespace {

subject subject_of(const broker::client_identity& who) { return {who.client_id, who.username}; }

// The verdict of the rules of `who`'s scope; `judge` is called with its section when it has one.
template <class Judge>
bool verdict(rule_store& store, const broker::client_identity& who, Judge judge) {
  if (!store.any_rules()) return true;
  const tenant_id tenant = tenant_of_scope(who.scope);
  if (tenant < 0) return true;
  const auto rules = store.current();
  const section* s = rules->rules.find(tenant);
  return s == nullptr || judge(*s) == effect::allow;
}

}  // namespace

tenant_id tenant_of_scope(broker::scope_id scope) {
  if (scope == broker::default_scope) return broker_tenant;
  if (platform::namespace_of(scope) == platform::cloud_namespace::mqtt) return platform::tenant_of(scope);
  return -1;
}

bool acl_authorizer::allow_publish(const broker::client_identity& who, std::string_view topic) {
  return verdict(_rules, who, [&](const section& s) { return check_topic(s, subject_of(who), access::publish, topic); });
}

bool acl_authorizer::allow_subscribe(const broker::client_identity& who, std::string_view filter) {
  return verdict(_rules, who, [&](const section& s) { return check_subscribe(s, subject_of(who), filter); });
}

bool acl_authorizer::allow_delivery(const broker::client_identity& who, std::string_view topic) {
  return verdict(_rules, who,
                 [&](const section& s) { return check_topic(s, subject_of(who), access::subscribe, topic); });
}

bool acl_authorizer::screens_deliveries(broker::scope_id scope) {
  if (!_rules.any_screening()) return false;
  const tenant_id tenant = tenant_of_scope(scope);
  return tenant >= 0 && _rules.current()->screens(tenant);
}

}  // namespace roost::acl
