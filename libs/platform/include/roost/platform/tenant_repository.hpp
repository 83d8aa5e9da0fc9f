#pragma once
// The port through which the platform reads and writes tenants. roost::store implements it on
// SQLite; tests may implement it in memory. Implementations are used from one thread at a time
// unless they say otherwise.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "roost/platform/tenant_error.hpp"
#include "roost/platform/tenant_record.hpp"

namespace roost::platform {

class tenant_repository {
 public:
  virtual ~tenant_repository() = default;

  // Stores `t` (its id is ignored) and returns it with the id assigned. Fails with `duplicate`
  // when its private key or appID is taken, `invalid` when the key is malformed.
  virtual tenant_result<tenant> add(const tenant& t) = 0;

  // Removes the tenant with `private_key` and everything that belongs to it (topics, history,
  // retained messages, sessions). Fails with `not_found` when there is none.
  virtual tenant_status remove(std::string_view private_key) = 0;

  // Every tenant, oldest first.
  virtual tenant_result<std::vector<tenant>> list() = 0;

  // The tenant with this private key, or nullopt.
  virtual tenant_result<std::optional<tenant>> find_by_key(std::string_view private_key) = 0;

  // The tenant whose appID is `app_id`, or nullopt.
  virtual tenant_result<std::optional<tenant>> find_by_app_id(std::string_view app_id) = 0;

  // Replaces the tenant's appID and secret hash (see tenant_credentials.hpp). Fails with
  // `not_found` for an unknown key and `duplicate` when another tenant has the appID.
  virtual tenant_status set_app_credentials(std::string_view private_key, std::string_view app_id,
                                            std::string_view secret_hash) = 0;

  // Changes whether unknown topics are created on first use. Fails with `not_found`.
  virtual tenant_status set_auto_create_topics(std::string_view private_key, bool enabled) = 0;
};

}  // namespace roost::platform
