#pragma once
// The native API's handlers (/api/v1), one file per concern; native_routes.cpp authenticates and
// routes to them. Each calls `done` exactly once, now or later.

#include <string>
#include <string_view>

#include "roost/broker/scope.hpp"
#include "roost/platform/cloud_scope.hpp"
#include "roost/platform/tenant_record.hpp"
#include "roost/web/http.hpp"
#include "router.hpp"

namespace roost::web {

// A topic addressed by a path /api/v1/topics/{ns}/{name}[/...] of the signed-in tenant. `name` is
// a valid base topic name; the topic may not exist.
struct topic_address {
  platform::tenant tenant;
  platform::cloud_namespace ns = platform::cloud_namespace::mqtt;
  std::string name;

  broker::scope_id scope() const { return platform::scope_of(tenant.id, ns); }
};

// GET /api/v1/me (native_topics.cpp).
void handle_me(const request& r, respond done, const platform::tenant& t);

// GET /api/v1/topics[?ns=mqtt|tcp] and POST /api/v1/topics (native_topics.cpp).
void handle_topics(const request& r, respond done, route_context& ctx, const platform::tenant& t);

// GET, PATCH and DELETE /api/v1/topics/{ns}/{name} (native_topics.cpp).
void handle_topic(const request& r, respond done, route_context& ctx, const topic_address& a);

// GET /api/v1/topics/{ns}/{name}/history (native_history.cpp).
void handle_history(const request& r, respond done, route_context& ctx, const topic_address& a);

// POST /api/v1/topics/{ns}/{name}/messages (native_messages.cpp).
void handle_messages(const request& r, respond done, route_context& ctx, const topic_address& a);

// GET, PUT and DELETE /api/v1/topics/{ns}/{name}/firmware (firmware_topic.cpp).
void handle_topic_firmware(const request& r, respond done, route_context& ctx, const topic_address& a);

// /api/v1/admin/tenants (GET, POST) when `id` is empty, /api/v1/admin/tenants/{id} (DELETE)
// otherwise, for the operator (native_admin.cpp).
void handle_admin_tenants(const request& r, respond done, route_context& ctx, std::string_view id);

// POST /api/v1/admin/reload, for the operator (native_admin.cpp).
void handle_admin_reload(const request& r, respond done, route_context& ctx);

// The signed-in tenant's access rules: /api/v1/acl[/rules[/{i}]] (native_acl.cpp).
void handle_tenant_acl(const request& r, respond done, route_context& ctx, const platform::tenant& t);

// Every tenant's access rules, for the operator: /api/v1/admin/acl[/broker|/tenants/{id}[/rules[/{i}]]]
// (native_acl.cpp).
void handle_admin_acl(const request& r, respond done, route_context& ctx);

// GET /api/v1/openapi.json, without authentication (native_openapi.cpp).
void handle_openapi(const request& r, respond done);

// The 404 not_found answered for a topic that does not exist.
response no_such_topic(const topic_address& a);

}  // namespace roost::web
