// /vb/api/v1/firmwareVersion (docs/http-api.md, "OTA"): the compatible envelope of the /vb API
// sends the text as `msg`, and also as `message` for clients of the /va API's spelling.

#include <boost/json.hpp>
#include <string>

#include "compat_reply.hpp"
#include "firmware_handlers.hpp"
#include "firmware_json.hpp"
#include "params.hpp"
#include "post_message.hpp"
#include "rate_limiter.hpp"
#include "roost/platform/tenant_directory.hpp"
#include "roost/platform/tenant_key.hpp"
#include "roost/platform/topic_registry.hpp"
#include "roost/platform/topic_rules.hpp"
#include "utf8_text.hpp"

namespace roost::web {
namespace {

response vb_reply(compat_code code, std::string_view message, const boost::json::value* data = nullptr) {
  const std::string text = utf8_text(message.empty() ? compat_text(code) : message);
  boost::json::object body{{"code", static_cast<int>(code)}, {"msg", text}, {"message", text}};
  if (data != nullptr) body["data"] = *data;
  return compat_object(body);
}

}  // namespace

void handle_firmware_version(const request& r, respond done, route_context& ctx) {
  if (r.method != "GET" && r.method != "POST") return done(compat_method_not_allowed(r.method));
  if (r.body.size() > ctx.config.max_body_bytes) {
    return done(vb_reply(compat_code::bad_parameter,
                         "the body is larger than " + std::to_string(ctx.config.max_body_bytes) + " bytes"));
  }
  auto params = request_params(r);
  const std::string_view key = params ? param(*params, "openID").value_or("") : std::string_view{};
  const bool key_shaped = platform::valid_private_key(key);
  if (!ctx.limiter.allow(key_shaped ? key : std::string_view{r.remote}, ctx.svc.wall_ms())) {
    return done(vb_reply(compat_code::rate_limited, {}));
  }
  if (!params) return done(vb_reply(compat_code::bad_parameter, params.error()));
  if (key.empty()) return done(vb_reply(compat_code::bad_parameter, "openID is missing"));
  const std::string_view topic = param(*params, "topic").value_or("");
  if (topic.empty()) return done(vb_reply(compat_code::bad_parameter, "topic is missing"));
  if (!platform::valid_topic_name(topic)) {
    return done(
        vb_reply(compat_code::bad_parameter, "topic must be a topic name: 1 to 64 letters, digits, '_' or '-'"));
  }
  const std::string_view type = param(*params, "deviceType").value_or("1");
  const auto ns = namespace_of_type(type.empty() ? "1" : type);
  if (!ns) return done(vb_reply(compat_code::bad_parameter, "deviceType must be 1, 3, 5 or 7"));

  const auto tenant = key_shaped ? ctx.svc.tenants.by_key(key) : std::nullopt;
  // A well-formed key that is no tenant's also costs the client address a token: guessing is slow.
  if (key_shaped && !tenant && !ctx.limiter.allow(r.remote, ctx.svc.wall_ms())) {
    return done(vb_reply(compat_code::rate_limited, {}));
  }
  const auto scope = tenant ? platform::scope_of(tenant->id, *ns) : broker::scope_id{0};
  const auto f = tenant && ctx.svc.topics.exists(scope, topic) ? ctx.svc.firmware.find(scope, topic) : std::nullopt;
  if (!f) return done(vb_reply(compat_code::wrong_key_or_topic, {}));

  const bool secure = param(*params, "secure").value_or("") == "true";
  const boost::json::value data = boost::json::object{
      {"url", download_origin(r, secure) + firmware_path(*f)},
      {"version", f->version},
      {"tag", utf8_text(f->tag)},
      {"size", f->size},
      {"unix", f->uploaded_ms / 1000},
      {"crc32", f->crc32},
  };
  done(vb_reply(compat_code::ok, "success", &data));
}

}  // namespace roost::web
