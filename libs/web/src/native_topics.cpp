// The topic resources: the tenant itself, the list, creation, one topic read, renamed, removed.

#include <algorithm>
#include <boost/json/array.hpp>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "native_handlers.hpp"
#include "native_json.hpp"
#include "params.hpp"
#include "remove_topic.hpp"
#include "replies.hpp"
#include "roost/mqtt/topic.hpp"
#include "roost/platform/topic_registry.hpp"
#include "roost/platform/topic_rules.hpp"
#include "topic_json.hpp"

namespace roost::web {
namespace {

using platform::cloud_namespace;

constexpr std::size_t max_display_name_size = 128;
constexpr cloud_namespace both_namespaces[] = {cloud_namespace::mqtt, cloud_namespace::tcp};

std::string path_of(const topic_address& a) { return std::string(namespace_name(a.ns)) + "/" + a.name; }

// At most 128 bytes of UTF-8 without control characters (it may be empty).
bool valid_display_name(std::string_view name) {
  return name.size() <= max_display_name_size && mqtt::valid_utf8(name) &&
         std::none_of(name.begin(), name.end(),
                      [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; });
}

response bad_display_name() {
  return error_reply(400, "bad_request",
                     "display_name must be a string of at most 128 bytes of UTF-8 without control characters");
}

// The topic's JSON, or the 404 when it does not exist (any more).
response topic_reply(int status, route_context& ctx, const topic_address& a) {
  auto found = ctx.svc.topics.find(a.scope(), a.name);
  if (!found) return no_such_topic(a);
  return native_reply(status, boost::json::object{{"topic", topic_json(a.ns, *found)}});
}

void list_topics(const request& r, respond done, route_context& ctx, const platform::tenant& t) {
  const param_map query = parse_urlencoded(r.query);
  std::vector<cloud_namespace> wanted(std::begin(both_namespaces), std::end(both_namespaces));
  if (auto ns = param(query, "ns"); ns && !ns->empty()) {
    auto parsed = parse_namespace(*ns);
    if (!parsed) return done(error_reply(400, "bad_request", "ns must be mqtt or tcp"));
    wanted = {*parsed};
  }
  std::vector<std::pair<cloud_namespace, platform::topic_record>> all;
  for (cloud_namespace ns : wanted) {
    for (auto& rec : ctx.svc.topics.summaries(platform::scope_of(t.id, ns))) all.emplace_back(ns, std::move(rec));
  }
  std::sort(all.begin(), all.end(), [](const auto& x, const auto& y) {
    return std::tie(x.second.name, x.first) < std::tie(y.second.name, y.first);
  });
  boost::json::array items;
  items.reserve(all.size());
  for (const auto& [ns, rec] : all) items.push_back(topic_json(ns, rec));
  done(native_reply(200, boost::json::object{{"topics", std::move(items)}}));
}

void create_topic(const request& r, respond done, route_context& ctx, const platform::tenant& t) {
  auto body = parse_object_body(r, ctx.config);
  if (!body) return done(body.error());
  topic_address a{t, cloud_namespace::mqtt, {}};
  if (const auto* ns = body->if_contains("namespace")) {
    const auto parsed = ns->is_string() ? parse_namespace(ns->get_string()) : std::nullopt;
    if (!parsed) return done(error_reply(400, "bad_request", "namespace must be \"mqtt\" or \"tcp\""));
    a.ns = *parsed;
  }
  const auto* name = body->if_contains("name");
  if (name == nullptr || !name->is_string() || !platform::valid_topic_name(name->get_string())) {
    return done(error_reply(400, "bad_request",
                            "name must be a topic name: 1 to 64 letters, digits, '_' or '-' (the last three "
                            "digits give the device type, e.g. light002)"));
  }
  a.name = name->get_string();
  std::string display;
  if (const auto* d = body->if_contains("display_name"); d != nullptr && !d->is_null()) {
    if (!d->is_string() || !valid_display_name(d->get_string())) return done(bad_display_name());
    display = d->get_string();
  }
  if (!ctx.svc.topics.create(a.scope(), a.name)) {
    return done(error_reply(409, "conflict", "topic " + path_of(a) + " already exists"));
  }
  if (!display.empty()) ctx.svc.topics.rename(a.scope(), a.name, display);
  response out = topic_reply(201, ctx, a);
  out.headers.emplace_back("Location", "/api/v1/topics/" + path_of(a));
  done(std::move(out));
}

void rename_topic(const request& r, respond done, route_context& ctx, const topic_address& a) {
  auto body = parse_object_body(r, ctx.config);
  if (!body) return done(body.error());
  const auto* d = body->if_contains("display_name");
  if (d == nullptr || !d->is_string() || !valid_display_name(d->get_string())) return done(bad_display_name());
  if (!ctx.svc.topics.rename(a.scope(), a.name, d->get_string())) return done(no_such_topic(a));
  done(topic_reply(200, ctx, a));
}

void remove_topic(respond done, route_context& ctx, const topic_address& a) {
  // Its firmware goes with it; the answer does not wait for the file to be gone.
  if (!remove_topic_and_firmware(ctx.svc, a.scope(), a.name)) return done(no_such_topic(a));
  done(no_content());
}

}  // namespace

response no_such_topic(const topic_address& a) { return error_reply(404, "not_found", "no topic " + path_of(a)); }

void handle_me(const request& r, respond done, const platform::tenant& t) {
  if (!is_read(r)) return done(method_not_allowed(r.method, "GET"));
  done(native_reply(200, boost::json::object{{"tenant", tenant_json(t)}}));
}

void handle_topics(const request& r, respond done, route_context& ctx, const platform::tenant& t) {
  if (is_read(r)) return list_topics(r, std::move(done), ctx, t);
  if (r.method == "POST") return create_topic(r, std::move(done), ctx, t);
  done(method_not_allowed(r.method, "GET, POST"));
}

void handle_topic(const request& r, respond done, route_context& ctx, const topic_address& a) {
  if (is_read(r)) return done(topic_reply(200, ctx, a));
  if (r.method == "PATCH") return rename_topic(r, std::move(done), ctx, a);
  if (r.method == "DELETE") return remove_topic(std::move(done), ctx, a);
  done(method_not_allowed(r.method, "GET, PATCH, DELETE"));
}

}  // namespace roost::web
