#include "roost/platform/tenant_authenticator.hpp"

#include <string_view>

#include "roost/platform/tenant_credentials.hpp"
#include "roost/platform/tenant_key.hpp"

namespace roost::platform {

broker::auth_decision tenant_authenticator::authenticate(const broker::credentials& c) {
  using broker::auth_result;
  if (valid_private_key(c.client_id)) {
    if (auto t = _tenants.by_key(c.client_id)) return {auth_result::allowed, scope_of(t->id, _ns)};
    return auth_result::not_authorized;
  }
  if (!c.username) return auth_result::not_authorized;
  auto t = _tenants.by_app_id(*c.username);
  if (!t || !t->secret_hash) return auth_result::bad_credentials;
  const auto* data = c.password ? reinterpret_cast<const char*>(c.password->data()) : "";
  const std::string_view secret{data, c.password ? c.password->size() : 0};
  if (!verify_secret_key(*t->secret_hash, secret)) return auth_result::bad_credentials;
  return {auth_result::allowed, scope_of(t->id, _ns)};
}

}  // namespace roost::platform
