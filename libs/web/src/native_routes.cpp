// The native API's paths (/api/v1, docs/http-api.md). Every path but the OpenAPI document needs a
// tenant's key (or, under /api/v1/admin, the operator's) before anything about the path is looked
// at, so a wrong key learns nothing.

#include <string>
#include <vector>

#include "native_auth.hpp"
#include "native_handlers.hpp"
#include "replies.hpp"
#include "roost/platform/topic_rules.hpp"
#include "router.hpp"
#include "topic_json.hpp"

namespace roost::web {
namespace {

constexpr std::string_view topics_prefix = "/api/v1/topics/";
constexpr std::string_view admin_prefix = "/api/v1/admin/tenants/";

using tenant_handler = void (*)(const request&, respond, route_context&, const platform::tenant&);

// Authenticates, then hands the request and its tenant to `h`.
handler signed_in(route_context& ctx, tenant_handler h) {
  return [&ctx, h](const request& r, respond done) {
    auto t = authenticate_tenant(r, ctx);
    if (!t) return done(t.error());
    h(r, std::move(done), ctx, *t);
  };
}

std::vector<std::string_view> split_path(std::string_view rest) {
  std::vector<std::string_view> parts;
  for (;;) {
    const auto slash = rest.find('/');
    parts.push_back(rest.substr(0, slash));
    if (slash == std::string_view::npos) return parts;
    rest.remove_prefix(slash + 1);
  }
}

// /api/v1/topics/{ns}/{name}[/history|/messages|/firmware].
void route_topic(const request& r, respond done, route_context& ctx, const platform::tenant& t) {
  const auto parts = split_path(std::string_view(r.path).substr(topics_prefix.size()));
  const auto ns = parse_namespace(parts[0]);
  if (!ns) return done(error_reply(404, "not_found", "no such namespace: use /api/v1/topics/mqtt/... or /tcp/..."));
  if (parts.size() < 2 || parts.size() > 3 || !platform::valid_topic_name(parts[1])) {
    return done(error_reply(404, "not_found", "no such path: " + r.path));
  }
  const topic_address a{t, *ns, std::string(parts[1])};
  if (parts.size() == 2) return handle_topic(r, std::move(done), ctx, a);
  if (parts[2] == "history") return handle_history(r, std::move(done), ctx, a);
  if (parts[2] == "messages") return handle_messages(r, std::move(done), ctx, a);
  if (parts[2] == "firmware") return handle_topic_firmware(r, std::move(done), ctx, a);
  done(error_reply(404, "not_found", "no such path: " + r.path));
}

}  // namespace

void add_native_routes(router& r, route_context& ctx) {
  r.exact("/api/v1/openapi.json", [](const request& q, respond done) { handle_openapi(q, std::move(done)); });
  r.exact("/api/v1/me", signed_in(ctx, [](const request& q, respond done, route_context&, const platform::tenant& t) {
            handle_me(q, std::move(done), t);
          }));
  r.exact("/api/v1/topics", signed_in(ctx, handle_topics));
  r.prefix(std::string(topics_prefix), signed_in(ctx, route_topic));
  r.exact("/api/v1/admin/tenants",
          [&ctx](const request& q, respond done) { handle_admin_tenants(q, std::move(done), ctx, {}); });
  r.exact("/api/v1/admin/reload",
          [&ctx](const request& q, respond done) { handle_admin_reload(q, std::move(done), ctx); });
  r.exact("/api/v1/acl", signed_in(ctx, handle_tenant_acl));
  r.prefix("/api/v1/acl/", signed_in(ctx, handle_tenant_acl));
  r.exact("/api/v1/admin/acl", [&ctx](const request& q, respond done) { handle_admin_acl(q, std::move(done), ctx); });
  r.prefix("/api/v1/admin/acl/",
           [&ctx](const request& q, respond done) { handle_admin_acl(q, std::move(done), ctx); });
  r.prefix(std::string(admin_prefix), [&ctx](const request& q, respond done) {
    handle_admin_tenants(q, std::move(done), ctx, std::string_view(q.path).substr(admin_prefix.size()));
  });
  // Anything else under /api/v1 is the API's 404, never the console's page.
  r.prefix("/api/v1/",
           [](const request& q, respond done) { done(error_reply(404, "not_found", "no such path: " + q.path)); });
}

}  // namespace roost::web
