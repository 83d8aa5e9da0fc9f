#pragma once
// Who may connect to the device cloud, and into which scope. Mode A: the client id is a tenant's
// private key (user name and password are ignored, as devices send anything there). Mode B: a
// client id that is not a key, with user name = appID and password = secretKey.
//
//   client id "9f86...d015"                 -> tenant 3, scope of (3, namespace)
//   client id "esp-1", user "beid_...", pw  -> the appID's tenant when the secret verifies
//   anything else                           -> 0x04 (wrong secret) or 0x05 (unknown key)

#include "roost/broker/authenticator.hpp"
#include "roost/platform/cloud_scope.hpp"
#include "roost/platform/tenant_directory.hpp"

namespace roost::platform {

class tenant_authenticator final : public broker::authenticator {
 public:
  tenant_authenticator(tenant_directory& tenants, cloud_namespace ns) : _tenants(tenants), _ns(ns) {}

  broker::auth_decision authenticate(const broker::credentials& c) override;

 private:
  tenant_directory& _tenants;
  cloud_namespace _ns;
};

}  // namespace roost::platform
