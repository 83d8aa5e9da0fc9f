// The operator's API: list, create and remove tenants while the server runs; reload what the
// server loads from files.

#include <boost/json/array.hpp>
#include <string>

#include "native_auth.hpp"
#include "native_handlers.hpp"
#include "native_json.hpp"
#include "params.hpp"
#include "replies.hpp"
#include "roost/base/log.hpp"
#include "roost/mqtt/topic.hpp"
#include "roost/platform/tenant_directory.hpp"
#include "roost/platform/topic_registry.hpp"
#include "topic_json.hpp"

namespace roost::web {
namespace {

using platform::cloud_namespace;

constexpr cloud_namespace both_namespaces[] = {cloud_namespace::mqtt, cloud_namespace::tcp};
constexpr std::size_t max_tenant_name_size = 128;

// A tenant as the operator sees it: with its private key and its number of topics.
boost::json::object operator_tenant_json(route_context& ctx, const platform::tenant& t) {
  boost::json::object o = tenant_json(t);
  o["private_key"] = t.private_key;
  std::size_t topics = 0;
  for (cloud_namespace ns : both_namespaces) topics += ctx.svc.topics.count(platform::scope_of(t.id, ns));
  o["topics"] = topics;
  return o;
}

response storage_failed(const platform::tenant_error& e) {
  return error_reply(500, "storage_failed", "the tenants could not be read or written: " + e.reason);
}

void list_tenants(respond done, route_context& ctx) {
  auto all = ctx.svc.tenants.list();
  if (!all) return done(storage_failed(all.error()));
  boost::json::array items;
  for (const auto& t : *all) items.push_back(operator_tenant_json(ctx, t));
  done(native_reply(200, boost::json::object{{"tenants", std::move(items)}}));
}

void add_tenant(const request& r, respond done, route_context& ctx) {
  auto body = parse_object_body(r, ctx.config);
  if (!body) return done(body.error());
  std::string name;
  if (const auto* n = body->if_contains("name"); n != nullptr && !n->is_null()) {
    if (!n->is_string() || n->get_string().size() > max_tenant_name_size || !mqtt::valid_utf8(n->get_string())) {
      return done(error_reply(400, "bad_request", "name must be a string of at most 128 bytes of UTF-8"));
    }
    name = n->get_string();
  }
  auto added = ctx.svc.tenants.add(name, ctx.svc.wall_ms() / 1000);
  if (!added) return done(storage_failed(added.error()));
  done(native_reply(201, boost::json::object{{"tenant", operator_tenant_json(ctx, *added)}}));
}

void remove_tenant(respond done, route_context& ctx, std::string_view id_text) {
  const auto parsed = parse_int(id_text);
  if (!parsed || *parsed <= 0) return done(error_reply(404, "not_found", "no tenant " + std::string(id_text)));
  const std::int64_t id = *parsed;
  auto removed = ctx.svc.tenants.remove(id);
  if (!removed) {
    if (removed.error().code == platform::tenant_errc::not_found) {
      return done(error_reply(404, "not_found", "no tenant " + std::to_string(id)));
    }
    return done(storage_failed(removed.error()));
  }
  for (cloud_namespace ns : both_namespaces) {
    const auto scope = platform::scope_of(id, ns);
    // Its devices signed in with a key that no longer exists: disconnected (MQTT 5: 0x98).
    ctx.svc.engine.close_scope(scope, "tenant removed");
    ctx.svc.topics.remove_scope(scope);
    ctx.svc.firmware.remove_scope(scope, [id](platform::firmware_result<std::size_t> gone) {
      if (!gone) {
        log::write(log::level::error,
                   "tenant " + std::to_string(id) + ": firmware not removed: " + gone.error().reason);
      }
    });
  }
  log::write(log::level::info, "tenant " + std::to_string(id) + " (" + removed->name + ") removed by the operator");
  done(no_content());
}

}  // namespace

void handle_admin_tenants(const request& r, respond done, route_context& ctx, std::string_view id) {
  if (auto refused = authorize_operator(r, ctx)) return done(std::move(*refused));
  if (id.empty()) {
    if (is_read(r)) return list_tenants(std::move(done), ctx);
    if (r.method == "POST") return add_tenant(r, std::move(done), ctx);
    return done(method_not_allowed(r.method, "GET, POST"));
  }
  if (r.method != "DELETE") return done(method_not_allowed(r.method, "DELETE"));
  remove_tenant(std::move(done), ctx, id);
}

// 200 when everything was re-read, 500 when something kept what it had (the body says what).
void handle_admin_reload(const request& r, respond done, route_context& ctx) {
  if (auto refused = authorize_operator(r, ctx)) return done(std::move(*refused));
  if (r.method != "POST") return done(method_not_allowed(r.method, "POST"));
  if (!ctx.svc.reload) return done(error_reply(501, "not_implemented", "this server has nothing to reload"));
  const reload_report report = ctx.svc.reload();
  boost::json::array reloaded;
  boost::json::array errors;
  for (const auto& what : report.reloaded) reloaded.emplace_back(what);
  for (const auto& why : report.errors) errors.emplace_back(why);
  log::write(log::level::info, "reload requested by the operator");
  done(native_reply(report.errors.empty() ? 200 : 500,
                    boost::json::object{{"reloaded", std::move(reloaded)}, {"errors", std::move(errors)}}));
}

}  // namespace roost::web
