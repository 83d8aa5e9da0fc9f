#include "native_auth.hpp"

#include <boost/algorithm/string/predicate.hpp>

#include "rate_limiter.hpp"
#include "replies.hpp"
#include "roost/platform/tenant_key.hpp"

namespace roost::web {
namespace {

// Compares without stopping at the first difference, so the time taken does not tell how much of
// a guessed key was right.
bool same_secret(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  unsigned char diff = 0;
  for (std::size_t i = 0; i < a.size(); ++i) diff |= static_cast<unsigned char>(a[i] ^ b[i]);
  return diff == 0;
}

response rate_limited() { return error_reply(429, "rate_limited", "too many requests: slow down"); }

}  // namespace

std::string_view bearer_token(const request& r) {
  std::string_view h = r.header("authorization");
  const auto space = h.find(' ');
  if (space == std::string_view::npos || !boost::algorithm::iequals(h.substr(0, space), "bearer")) return {};
  h.remove_prefix(space);
  while (!h.empty() && (h.front() == ' ' || h.front() == '\t')) h.remove_prefix(1);
  while (!h.empty() && (h.back() == ' ' || h.back() == '\t')) h.remove_suffix(1);
  return h;
}

result<platform::tenant, response> authenticate_tenant(const request& r, route_context& ctx) {
  const std::string_view key = bearer_token(r);
  std::optional<platform::tenant> t;
  if (platform::valid_private_key(key)) t = ctx.svc.tenants.by_key(key);
  if (!ctx.limiter.allow(t ? key : std::string_view{r.remote}, ctx.svc.wall_ms())) return fail(rate_limited());
  if (!t) {
    return fail(error_reply(401, "unauthorized",
                            "send a tenant's private key as Authorization: Bearer <key>; this one is missing or "
                            "wrong"));
  }
  return std::move(*t);
}

std::optional<response> authorize_operator(const request& r, route_context& ctx) {
  const std::string& admin = ctx.config.admin_key;
  const std::string_view key = bearer_token(r);
  const bool ok = !admin.empty() && same_secret(key, admin);
  if (!ctx.limiter.allow(ok ? key : std::string_view{r.remote}, ctx.svc.wall_ms())) return rate_limited();
  if (!ok) {
    return error_reply(403, "forbidden",
                       "the operator's API needs the admin key (http.admin_key) as Authorization: Bearer <key>; "
                       "none is configured, or this one is missing or wrong");
  }
  return std::nullopt;
}

}  // namespace roost::web
