// Posting a message to a topic, as a device's publish would: {"message","suffix","retain","qos"}.

#include <memory>
#include <string>

#include "native_handlers.hpp"
#include "native_json.hpp"
#include "post_message.hpp"
#include "replies.hpp"
#include "roost/platform/topic_registry.hpp"

namespace roost::web {
namespace {

// The fields of the body, checked.
struct message_request {
  std::string message;
  std::string suffix;  // "", "/set" or "/up"
  bool retain = false;
  std::uint8_t qos = 0;
};

result<message_request, response> read_message(const boost::json::object& body) {
  const auto bad = [](std::string_view why) { return fail(error_reply(400, "bad_request", why)); };
  message_request m;
  const auto* message = body.if_contains("message");
  if (message == nullptr || !message->is_string()) return bad("message must be a string");
  m.message = message->get_string();
  if (const auto* s = body.if_contains("suffix"); s != nullptr && !s->is_null()) {
    const std::string_view suffix = s->is_string() ? std::string_view(s->get_string()) : "?";
    if (suffix == "set" || suffix == "up") {
      m.suffix = "/" + std::string(suffix);
    } else if (!suffix.empty()) {
      return bad("suffix must be \"\", \"set\" or \"up\"");
    }
  }
  if (const auto* retain = body.if_contains("retain"); retain != nullptr && !retain->is_null()) {
    if (!retain->is_bool()) return bad("retain must be true or false");
    m.retain = retain->get_bool();
  }
  if (const auto* qos = body.if_contains("qos"); qos != nullptr && !qos->is_null()) {
    const auto level = qos->is_int64() ? qos->get_int64() : qos->is_uint64() ? 3 : -1;
    if (level < 0 || level > 2) return bad("qos must be 0, 1 or 2");
    m.qos = static_cast<std::uint8_t>(level);
  }
  return m;
}

}  // namespace

void handle_messages(const request& r, respond done, route_context& ctx, const topic_address& a) {
  if (r.method != "POST") return done(method_not_allowed(r.method, "POST"));
  auto body = parse_object_body(r, ctx.config);
  if (!body) return done(body.error());
  auto m = read_message(*body);
  if (!m) return done(m.error());
  if (!ctx.svc.topics.exists(a.scope(), a.name)) return done(no_such_topic(a));
  // `done` is called by exactly one of the two paths: post_message's callback, or below when it
  // refuses (it then never calls back).
  auto reply = std::make_shared<respond>(std::move(done));
  const bool accepted =
      post_message(ctx.svc, a.tenant, a.ns, a.name + m->suffix, m->message, m->retain, m->qos, [reply](bool ok) {
        (*reply)(ok ? native_reply(200, boost::json::object{{"posted", true}})
                    : error_reply(500, "storage_failed", "the message was delivered but could not be stored"));
      });
  if (!accepted) (*reply)(no_such_topic(a));
}

}  // namespace roost::web
