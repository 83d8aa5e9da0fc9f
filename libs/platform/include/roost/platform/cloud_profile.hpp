#pragma once
// The topic rules of the device cloud's MQTT listener (Bemfa-compatible), as a broker profile:
//
//   publish X        -> every subscriber of X (the sender too); X's latest value and history
//   publish X/set    -> every subscriber of X but the sending connection; value updated
//   publish X/up     -> nobody; value updated
//   subscribe X/set, X/up          -> refused (0x80)
//   subscribe X (live connection)  -> X's online count + 1 until it ends; X/app is not counted
//   invalid names, or unknown topics of a tenant that does not create them -> refused
//   many devices share the tenant's key as client id; none takes over another
//
// Wildcard filters are allowed within the tenant's own scope (they never cross scopes).

#include <cstdint>
#include <functional>

#include "roost/broker/profile.hpp"
#include "roost/platform/tenant_directory.hpp"
#include "roost/platform/topic_registry.hpp"

namespace roost::platform {

class cloud_profile final : public broker::profile {
 public:
  using wall_clock = std::function<std::int64_t()>;  // Unix time in milliseconds

  cloud_profile(topic_registry& topics, tenant_directory& tenants, wall_clock now)
      : _topics(topics), _tenants(tenants), _now(std::move(now)) {}

  bool shared_client_ids() const override { return true; }
  broker::publish_plan plan_publish(broker::scope_id scope, std::string_view topic) override;
  bool allow_subscribe(broker::scope_id scope, std::string_view filter) override;
  void published(broker::scope_id scope, std::string_view topic, mqtt::byte_view payload) override;
  void subscribed(broker::scope_id scope, std::string_view filter) override;
  void unsubscribed(broker::scope_id scope, std::string_view filter) override;

 private:
  bool creates(broker::scope_id scope) const;

  topic_registry& _topics;
  tenant_directory& _tenants;
  wall_clock _now;
};

}  // namespace roost::platform
