#pragma once
// The broker's authorizer port over a rule_store. Scopes map to sections: scope 0 (the plain MQTT
// broker) to [broker], a tenant's MQTT scope to [tenant N]; other scopes (a tenant's TCP
// namespace) have no rules. A tenant's rules therefore never reach another tenant's clients.
//
// Thread-safe; never blocks on a reload (each question reads one snapshot).

#include "roost/acl/rule_store.hpp"
#include "roost/broker/authorizer.hpp"

namespace roost::acl {

// The section `scope`'s clients are judged by, or -1 when no section applies to it.
tenant_id tenant_of_scope(broker::scope_id scope);

class acl_authorizer final : public broker::authorizer {
 public:
  // `rules` must outlive the authorizer.
  explicit acl_authorizer(rule_store& rules) : _rules(rules) {}

  bool allow_publish(const broker::client_identity& who, std::string_view topic) override;
  bool allow_subscribe(const broker::client_identity& who, std::string_view filter) override;
  bool allow_delivery(const broker::client_identity& who, std::string_view topic) override;
  bool screens_deliveries(broker::scope_id scope) override;

 private:
  rule_store& _rules;
};

}  // namespace roost::acl
