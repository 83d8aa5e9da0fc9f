// The HTTP authentication hook (see http_authenticator.hpp).

#include "roost/auth/http_authenticator.hpp"

#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "roost/base/log.hpp"

namespace roost::auth {
namespace {

using broker::auth_result;

std::string_view as_text(mqtt::byte_view bytes) { return {reinterpret_cast<const char*>(bytes.data()), bytes.size()}; }

// A tenant's MQTT scope (platform::scope_of(tenant, mqtt); written out so that roost::auth does not
// depend on the device cloud).
broker::scope_id tenant_mqtt_scope(std::int64_t tenant) { return (static_cast<broker::scope_id>(tenant) << 2) | 1; }

}  // namespace

http_authenticator::http_authenticator(http_hook_options options, transport send, clock now)
    : _options(std::move(options)), _send(std::move(send)), _now(std::move(now)), _cache(_options.cache_capacity) {}

std::string http_authenticator::request_body(const broker::credentials& c, std::string_view listener) {
  boost::json::object o;
  o["clientid"] = c.client_id;
  o["username"] = c.username ? boost::json::value(*c.username) : boost::json::value(nullptr);
  o["password"] = c.password ? boost::json::value(as_text(*c.password)) : boost::json::value(nullptr);
  o["listener"] = listener;
  if (c.certified && c.username) o["certificate_cn"] = *c.username;
  return boost::json::serialize(o);
}

broker::auth_decision http_authenticator::verdict(const http_reply& reply) {
  if (reply.status == 0) return auth_result::not_authorized;
  if (reply.status != 200) return auth_result::bad_credentials;
  boost::json::error_code ec;
  const boost::json::value v = boost::json::parse(reply.body, ec);
  const auto* o = ec ? nullptr : v.if_object();
  const auto* result = o ? o->if_contains("result") : nullptr;
  if (result == nullptr || !result->is_string() || result->get_string() != "allow") return auth_result::bad_credentials;
  broker::auth_decision d{auth_result::allowed};
  if (const auto* tenant = o->if_contains("tenant")) {
    if (!tenant->is_int64() || tenant->get_int64() < 1) return auth_result::bad_credentials;
    d.scope = tenant_mqtt_scope(tenant->get_int64());
  }
  if (const auto* super = o->if_contains("superuser")) d.superuser = super->is_bool() && super->get_bool();
  return d;
}

broker::auth_decision http_authenticator::authenticate(const broker::credentials& c, std::string_view listener) {
  const std::string_view password = c.password ? as_text(*c.password) : std::string_view{};
  const std::string key = cache_key({c.client_id, c.username ? "u" : "-", c.username.value_or(""),
                                     c.password ? "p" : "-", password, listener, c.certified ? "cert" : "-"});
  if (auto known = _cache.find(key, _now())) return *known;

  _requests.fetch_add(1, std::memory_order_relaxed);
  const http_reply reply = _send(_options.url, request_body(c, listener), _options.timeout);
  const broker::auth_decision d = verdict(reply);
  if (reply.status == 0) {
    log::write(log::level::warn, "authentication hook unreachable, client " + std::string(c.client_id) +
                                     " refused: " + reply.error);
    return d;
  }
  const bool allowed = d.result == auth_result::allowed;
  _cache.put(key, d, allowed ? _options.ttl : _options.negative_ttl, _now());
  if (log::enabled(log::level::debug)) {
    log::write(log::level::debug, "authentication hook: client " + std::string(c.client_id) + " " +
                                      (allowed ? "allowed" : "refused (HTTP " + std::to_string(reply.status) + ")"));
  }
  return d;
}

}  // namespace roost::auth
