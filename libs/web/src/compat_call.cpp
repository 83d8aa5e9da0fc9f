#include "compat_call.hpp"

#include "compat_reply.hpp"
#include "post_message.hpp"
#include "rate_limiter.hpp"
#include "roost/platform/tenant_key.hpp"
#include "roost/platform/topic_rules.hpp"
#include "roost/platform/topic_registry.hpp"

namespace roost::web {
namespace {

unexpected<response> bad_parameter(std::string_view message) {
  return fail(compat_error(compat_code::bad_parameter, message));
}

std::optional<std::string_view> check_topic(std::string_view topic, topic_rule rule) {
  using platform::topic_suffix;
  if (rule == topic_rule::bare) {
    if (platform::valid_topic_name(topic)) return std::nullopt;
    return "topic must be a topic name: 1 to 64 letters, digits, '_' or '-'";
  }
  const auto split = platform::split_suffix(topic);
  const bool suffix_ok = split.suffix == topic_suffix::none || split.suffix == topic_suffix::set ||
                         split.suffix == topic_suffix::up;
  if (suffix_ok && platform::valid_topic_name(split.base)) return std::nullopt;
  return "topic must be a topic name (1 to 64 letters, digits, '_' or '-'), optionally with /set or /up";
}

}  // namespace

result<compat_call, response> begin_call(route_context& ctx, const request& r, const compat_target& target) {
  if (r.method != "GET" && r.method != "POST") return fail(compat_method_not_allowed(r.method));
  if (r.body.size() > ctx.config.max_body_bytes) {
    return bad_parameter("the body is larger than " + std::to_string(ctx.config.max_body_bytes) + " bytes");
  }
  auto params = request_params(r);
  const std::string_view uid = params ? param(*params, "uid").value_or("") : std::string_view{};
  const bool key_shaped = platform::valid_private_key(uid);
  const std::int64_t now_ms = ctx.svc.wall_ms();
  if (!ctx.limiter.allow(key_shaped ? uid : std::string_view{r.remote}, now_ms)) {
    return fail(compat_error(compat_code::rate_limited));
  }
  if (!params) return bad_parameter(params.error());

  compat_call call;
  call.params = std::move(*params);
  const auto key = param(call.params, "uid");
  if (!key || key->empty()) return bad_parameter("uid is missing");
  auto tenant = key_shaped ? ctx.svc.tenants.by_key(*key) : std::nullopt;
  if (!tenant) {
    if (key_shaped && !ctx.limiter.allow(r.remote, now_ms)) return fail(compat_error(compat_code::rate_limited));
    return fail(compat_error(compat_code::wrong_key_or_topic));
  }
  call.tenant = std::move(*tenant);

  if (target.ns) {
    call.ns = *target.ns;
  } else if (const auto type = param(call.params, "type"); type && !type->empty()) {
    const auto ns = namespace_of_type(*type);
    if (!ns) return bad_parameter("type must be 1, 3, 5 or 7");
    call.ns = *ns;
  }
  call.scope = platform::scope_of(call.tenant.id, call.ns);

  if (target.topic == topic_rule::none) return call;
  const auto topic = param(call.params, "topic");
  if (!topic || topic->empty()) return bad_parameter("topic is missing");
  if (const auto problem = check_topic(*topic, target.topic)) return bad_parameter(*problem);
  call.topic = std::string(*topic);
  return call;
}

result<std::string_view, response> required_param(const compat_call& call, std::string_view name) {
  if (const auto value = param(call.params, name)) return *value;
  return bad_parameter(std::string(name) + " is missing");
}

result<platform::topic_record, response> find_topic(route_context& ctx, const compat_call& call) {
  auto record = ctx.svc.topics.find(call.scope, call.topic);
  if (!record) return fail(compat_error(compat_code::wrong_key_or_topic));
  return std::move(*record);
}

}  // namespace roost::web
