// The access rules through the native API: a tenant manages its own section (/api/v1/acl), the
// operator every section (/api/v1/admin/acl). Changes are written to the rule file and then
// apply at once to connected clients (docs/acl.md).
//
//   GET    .../acl                 the section: {"tenant", "default", "rules": [...]}
//   PUT    .../acl                 replaces it with {"default", "rules"}
//   DELETE .../acl                 removes every rule (default allow)
//   POST   .../acl/rules           adds a rule (at "index" if given, else last)
//   PUT    .../acl/rules/{i}       replaces rule i (0-based)
//   DELETE .../acl/rules/{i}       removes rule i

#include <boost/json/array.hpp>
#include <string>

#include "acl_json.hpp"
#include "native_auth.hpp"
#include "native_handlers.hpp"
#include "native_json.hpp"
#include "params.hpp"
#include "replies.hpp"
#include "roost/base/log.hpp"

namespace roost::web {
namespace {

response edit_failed(const acl::edit_error& e) {
  switch (e.what) {
    case acl::edit_error::kind::invalid:
      return error_reply(400, "bad_request", e.reason);
    case acl::edit_error::kind::not_found:
      return error_reply(404, "not_found", e.reason);
    case acl::edit_error::kind::storage:
      break;
  }
  return error_reply(500, "storage_failed", "the rule file could not be written: " + e.reason);
}

std::string section_name(acl::tenant_id tenant) {
  return tenant == acl::broker_tenant ? std::string("broker") : "tenant " + std::to_string(tenant);
}

// Applies `change` to the section and answers it as it is now (`status` on success).
void apply(respond done, acl::rule_store& store, acl::tenant_id tenant, int status,
           const std::function<std::string(acl::section&)>& change) {
  auto edited = store.edit(tenant, change);
  if (!edited) return done(edit_failed(edited.error()));
  log::write(log::level::info, "access rules of " + section_name(tenant) + " changed through the API (" +
                                   std::to_string(edited->rules.size()) + " rules)");
  done(native_reply(status, acl_section_json(tenant, *edited)));
}

std::string no_rule(std::size_t i, const acl::section& s) {
  return "not found: no rule " + std::to_string(i) + " (the section has " + std::to_string(s.rules.size()) + ")";
}

// One section's routes; `rest` is what follows ".../acl": "", "/rules" or "/rules/{i}".
void serve_section(const request& r, respond done, route_context& ctx, acl::tenant_id tenant, std::string_view rest) {
  acl::rule_store* store = ctx.svc.access_rules;
  if (store == nullptr) return done(error_reply(501, "not_implemented", "access rules are not configured"));
  if (rest.empty()) {
    if (is_read(r)) {
      const auto rules = store->current();
      const acl::section* s = rules->rules.find(tenant);
      return done(native_reply(200, acl_section_json(tenant, s ? *s : acl::section{})));
    }
    if (r.method == "DELETE") {
      return apply(std::move(done), *store, tenant, 200, [](acl::section& s) {
        s = acl::section{};
        return std::string{};
      });
    }
    if (r.method != "PUT") return done(method_not_allowed(r.method, "GET, PUT, DELETE"));
    auto body = parse_object_body(r, ctx.config);
    if (!body) return done(body.error());
    auto replacement = acl_section_from_json(*body);
    if (!replacement) return done(replacement.error());
    return apply(std::move(done), *store, tenant, 200, [&replacement](acl::section& s) {
      replacement->comment = s.comment;
      s = std::move(*replacement);
      return std::string{};
    });
  }
  if (rest == "/rules") {
    if (r.method != "POST") return done(method_not_allowed(r.method, "POST"));
    auto body = parse_object_body(r, ctx.config);
    if (!body) return done(body.error());
    auto added = acl_rule_from_json(*body);
    if (!added) return done(added.error());
    std::optional<std::size_t> at;
    if (const auto* index = body->if_contains("index"); index != nullptr && !index->is_null()) {
      if (!index->is_uint64() && !(index->is_int64() && index->get_int64() >= 0)) {
        return done(error_reply(400, "bad_request", "index must be a number from 0 up"));
      }
      at = index->is_uint64() ? index->get_uint64() : static_cast<std::uint64_t>(index->get_int64());
    }
    return apply(std::move(done), *store, tenant, 201, [&](acl::section& s) {
      if (at && *at > s.rules.size()) return "index " + std::to_string(*at) + " is past the end";
      s.rules.insert(at ? s.rules.begin() + static_cast<std::ptrdiff_t>(*at) : s.rules.end(), std::move(*added));
      return std::string{};
    });
  }
  constexpr std::string_view one_rule = "/rules/";
  const auto index = rest.starts_with(one_rule) ? parse_int(rest.substr(one_rule.size())) : std::nullopt;
  if (!index || *index < 0) return done(error_reply(404, "not_found", "no such path: " + r.path));
  const auto i = static_cast<std::size_t>(*index);
  if (r.method == "DELETE") {
    return apply(std::move(done), *store, tenant, 200, [i](acl::section& s) {
      if (i >= s.rules.size()) return no_rule(i, s);
      s.rules.erase(s.rules.begin() + static_cast<std::ptrdiff_t>(i));
      return std::string{};
    });
  }
  if (r.method != "PUT") return done(method_not_allowed(r.method, "PUT, DELETE"));
  auto body = parse_object_body(r, ctx.config);
  if (!body) return done(body.error());
  auto replacement = acl_rule_from_json(*body);
  if (!replacement) return done(replacement.error());
  apply(std::move(done), *store, tenant, 200, [&](acl::section& s) {
    if (i >= s.rules.size()) return no_rule(i, s);
    s.rules[i] = std::move(*replacement);
    return std::string{};
  });
}

}  // namespace

void handle_tenant_acl(const request& r, respond done, route_context& ctx, const platform::tenant& t) {
  constexpr std::string_view base = "/api/v1/acl";
  serve_section(r, std::move(done), ctx, t.id, std::string_view(r.path).substr(base.size()));
}

void handle_admin_acl(const request& r, respond done, route_context& ctx) {
  if (auto refused = authorize_operator(r, ctx)) return done(std::move(*refused));
  constexpr std::string_view base = "/api/v1/admin/acl";
  std::string_view rest = std::string_view(r.path).substr(base.size());
  if (rest.empty()) {
    if (!is_read(r)) return done(method_not_allowed(r.method, "GET"));
    if (ctx.svc.access_rules == nullptr) {
      return done(error_reply(501, "not_implemented", "access rules are not configured"));
    }
    const auto rules = ctx.svc.access_rules->current();
    boost::json::array sections;
    for (const auto& [tenant, s] : rules->rules.sections) sections.push_back(acl_section_json(tenant, s));
    return done(native_reply(200, boost::json::object{{"sections", std::move(sections)}}));
  }
  // "/broker[...]" or "/tenants/{id}[...]".
  acl::tenant_id tenant = acl::broker_tenant;
  if (rest.starts_with("/broker")) {
    rest.remove_prefix(7);
  } else if (rest.starts_with("/tenants/")) {
    rest.remove_prefix(9);
    const auto slash = rest.find('/');
    const auto id = parse_int(rest.substr(0, slash));
    if (!id || *id <= 0) return done(error_reply(404, "not_found", "no such path: " + r.path));
    tenant = *id;
    rest.remove_prefix(slash == std::string_view::npos ? rest.size() : slash);
  } else {
    return done(error_reply(404, "not_found", "no such path: " + r.path));
  }
  serve_section(r, std::move(done), ctx, tenant, rest);
}

}  // namespace roost::web
