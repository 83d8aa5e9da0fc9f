#pragma once
// Who a native API request speaks for: a tenant (Authorization: Bearer <private key>) or the
// operator (Authorization: Bearer <admin key>), after the per-key rate limit. A request without a
// valid key is limited per client address, so guessing keys is slow.
//
//   auto t = authenticate_tenant(r, ctx);
//   if (!t) return done(t.error());   // 401 unauthorized or 429 rate_limited

#include <optional>
#include <string_view>

#include "roost/base/result.hpp"
#include "roost/platform/tenant_record.hpp"
#include "roost/web/http.hpp"
#include "router.hpp"

namespace roost::web {

// The token of an `Authorization: Bearer <token>` header (scheme in any case); "" when there is
// no such header.
std::string_view bearer_token(const request& r);

// The tenant whose private key the request bears. Otherwise the response to send: 401
// unauthorized (no key, or one no tenant has: the same text either way) or 429 rate_limited.
result<platform::tenant, response> authenticate_tenant(const request& r, route_context& ctx);

// nullopt when the request bears the operator's key (settings.admin_key) and the rate limit
// allows it; otherwise the response to send: 403 forbidden (no admin key configured, none sent,
// or a wrong one; the same text) or 429 rate_limited.
std::optional<response> authorize_operator(const request& r, route_context& ctx);

}  // namespace roost::web
