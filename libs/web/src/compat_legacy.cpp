// The legacy api.bemfa.com device API that older firmware and mini-programs still call:
//
//   POST /api/device/v1/data/1/            uid, topic, msg  -> publish (the path's digit is the type)
//   GET  /api/device/v1/data/1/            uid, topic       -> the latest message, at the top level
//   GET  /api/device/v1/data/3/push/get/   uid, topic, msg  -> publish
//   GET  /api/device/v1/data/3/get/        uid, topic, num  -> data [{msg, time, unix}], newest first
//   GET  /api/device/v1/status/            uid, topic       -> status "online" or "offline"

#include <algorithm>
#include <boost/json.hpp>
#include <vector>

#include "compat_call.hpp"
#include "compat_format.hpp"
#include "compat_handlers.hpp"
#include "compat_messages.hpp"
#include "compat_reply.hpp"
#include "post_message.hpp"
#include "replies.hpp"
#include "roost/platform/topic_registry.hpp"

namespace roost::web {
namespace {

constexpr std::string_view data_prefix = "/api/device/v1/data/";

enum class legacy_action { latest_or_publish, publish, history };

struct legacy_path {
  std::string_view type;
  legacy_action action = legacy_action::latest_or_publish;
};

// "<type>[/[push/get/|get/]]" after the prefix; nullopt for anything else.
std::optional<legacy_path> parse_data_path(std::string_view path) {
  std::string_view rest = path.substr(data_prefix.size());
  const auto slash = rest.find('/');
  legacy_path out{rest.substr(0, slash)};
  rest = slash == std::string_view::npos ? std::string_view{} : rest.substr(slash + 1);
  if (rest.ends_with('/')) rest.remove_suffix(1);
  if (out.type.empty()) return std::nullopt;
  if (rest.empty()) return out;
  if (rest == "push/get") out.action = legacy_action::publish;
  else if (rest == "get") out.action = legacy_action::history;
  else return std::nullopt;
  return out;
}

// {"code":0,"message":"OK","status":"get ok","msg":..., "time":..., "unix":...}: the latest
// message (empty, with time "" and unix 0, when there is none yet).
response latest_reply(const platform::topic_record& t, int utc_offset_minutes) {
  boost::json::object body{{"code", 0}, {"message", compat_text(compat_code::ok)}, {"status", "get ok"}};
  const auto item = t.latest ? history_item(*t.latest, utc_offset_minutes)
                             : boost::json::object{{"msg", ""}, {"time", ""}, {"unix", 0}};
  for (const auto& [k, v] : item) body[k] = v;
  return compat_object(body);
}

}  // namespace

void compat_legacy_data(route_context& ctx, const request& r, respond done) {
  const auto path = parse_data_path(r.path);
  if (!path) return done(error_reply(404, "not_found", "no such path: " + r.path));
  const auto ns = namespace_of_type(path->type);
  const bool publishes = path->action == legacy_action::publish ||
                         (path->action == legacy_action::latest_or_publish && r.method == "POST");
  auto call = begin_call(ctx, r, {publishes ? topic_rule::publish : topic_rule::bare,
                                  ns.value_or(platform::cloud_namespace::mqtt)});
  if (!call) return done(call.error());
  if (!ns) return done(compat_error(compat_code::bad_parameter, "the type in the path must be 1, 3, 5 or 7"));

  if (publishes) {
    const auto msg = required_param(*call, "msg");
    if (!msg) return done(msg.error());
    return publish_and_reply(ctx, *call, *msg, std::move(done));
  }
  if (path->action == legacy_action::history) return reply_newest_messages(ctx, *call, std::move(done));
  const auto record = find_topic(ctx, *call);
  if (!record) return done(record.error());
  done(latest_reply(*record, ctx.config.utc_offset_minutes));
}

// Without `type`, a topic is online when a device holds it in either namespace: legacy clients
// call this for MQTT and for TCP devices alike.
void compat_legacy_status(route_context& ctx, const request& r, respond done) {
  auto call = begin_call(ctx, r, {topic_rule::bare, std::nullopt});
  if (!call) return done(call.error());
  std::vector<platform::topic_record> found;
  if (auto t = ctx.svc.topics.find(call->scope, call->topic)) found.push_back(std::move(*t));
  if (param(call->params, "type").value_or("").empty()) {
    const auto tcp = platform::scope_of(call->tenant.id, platform::cloud_namespace::tcp);
    if (auto t = ctx.svc.topics.find(tcp, call->topic)) found.push_back(std::move(*t));
  }
  if (found.empty()) return done(compat_error(compat_code::wrong_key_or_topic));
  const bool online = std::any_of(found.begin(), found.end(), [](const auto& t) { return t.online > 0; });
  done(compat_object(
      {{"code", 0}, {"message", compat_text(compat_code::ok)}, {"status", online ? "online" : "offline"}}));
}

}  // namespace roost::web
