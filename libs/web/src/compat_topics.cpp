// Topics: /va/alltopic, /va/online, /va/getName, /va/setName (/va/modifyName), /v1/addtopic,
// /v1/deltopic, /v1/createTopic, /v1/deleteTopic.

#include <boost/json.hpp>

#include "compat_call.hpp"
#include "compat_format.hpp"
#include "compat_handlers.hpp"
#include "remove_topic.hpp"
#include "compat_reply.hpp"
#include "roost/platform/topic_registry.hpp"
#include "utf8_text.hpp"

namespace roost::web {
namespace {

// The longest display name accepted, in bytes.
constexpr std::size_t max_name_bytes = 128;

// The `name` parameter (nullopt when absent), or the 10002 reply when it is too long.
result<std::optional<std::string_view>, response> display_name(const compat_call& call) {
  const auto name = param(call.params, "name");
  if (name && name->size() > max_name_bytes) {
    return fail(compat_error(compat_code::bad_parameter,
                             "name must be at most " + std::to_string(max_name_bytes) + " bytes"));
  }
  return name;
}

boost::json::object topic_item(const platform::topic_record& t, int utc_offset_minutes) {
  return {{"topic", t.name},
          {"msg", t.latest ? utf8_text(t.latest->value) : std::string()},
          {"name", utf8_text(t.display_name)},
          {"online", t.online > 0},
          {"tid", bemfa_tid(t.type)},
          {"sid", ""},
          {"time", t.latest ? local_time_text(t.latest->time_ms, utc_offset_minutes) : std::string()},
          {"unix", t.latest ? unix_seconds(t.latest->time_ms) : 0}};
}

boost::json::object inner_result(compat_code code) {
  return {{"code", static_cast<int>(code)}, {"message", compat_text(code)}};
}

// Creates the call's topic (with its display name when given); the code says what happened, or
// the reply for a bad request.
result<compat_code, response> create_topic(route_context& ctx, const request& r) {
  auto call = begin_call(ctx, r, {topic_rule::bare, std::nullopt});
  if (!call) return fail(call.error());
  const auto name = display_name(*call);
  if (!name) return fail(name.error());
  if (!ctx.svc.topics.create(call->scope, call->topic)) return compat_code::exists;
  if (*name && !(*name)->empty()) ctx.svc.topics.rename(call->scope, call->topic, **name);
  return compat_code::ok;
}

// Removes the call's topic; the code says what happened, or the reply for a bad request.
result<compat_code, response> remove_topic(route_context& ctx, const request& r) {
  auto call = begin_call(ctx, r, {topic_rule::bare, std::nullopt});
  if (!call) return fail(call.error());
  return remove_topic_and_firmware(ctx.svc, call->scope, call->topic) ? compat_code::ok
                                                                      : compat_code::wrong_key_or_topic;
}

// The record of the request's topic, or the reply for a bad request or an unknown topic.
result<platform::topic_record, response> requested_topic(route_context& ctx, const request& r) {
  auto call = begin_call(ctx, r, {topic_rule::bare, std::nullopt});
  if (!call) return fail(call.error());
  return find_topic(ctx, *call);
}

}  // namespace

void compat_all_topics(route_context& ctx, const request& r, respond done) {
  auto call = begin_call(ctx, r, {topic_rule::none, std::nullopt});
  if (!call) return done(call.error());
  boost::json::array items;
  for (const auto& t : ctx.svc.topics.summaries(call->scope)) {
    items.push_back(topic_item(t, ctx.config.utc_offset_minutes));
  }
  done(compat_ok(items));
}

void compat_online(route_context& ctx, const request& r, respond done) {
  const auto record = requested_topic(ctx, r);
  done(record ? compat_ok(record->online > 0) : record.error());
}

void compat_get_name(route_context& ctx, const request& r, respond done) {
  const auto record = requested_topic(ctx, r);
  done(record ? compat_ok(boost::json::string(utf8_text(record->display_name))) : record.error());
}

void compat_set_name(route_context& ctx, const request& r, respond done) {
  auto call = begin_call(ctx, r, {topic_rule::bare, std::nullopt});
  if (!call) return done(call.error());
  const auto name = display_name(*call);
  if (!name) return done(name.error());
  if (!*name) return done(compat_error(compat_code::bad_parameter, "name is missing"));
  if (!ctx.svc.topics.rename(call->scope, call->topic, **name)) {
    return done(compat_error(compat_code::wrong_key_or_topic));
  }
  done(compat_ok(0));
}

void compat_add_topic(route_context& ctx, const request& r, respond done) {
  const auto code = create_topic(ctx, r);
  if (!code) return done(code.error());
  done(*code == compat_code::ok ? compat_ok(0) : compat_error(*code));
}

void compat_remove_topic(route_context& ctx, const request& r, respond done) {
  const auto code = remove_topic(ctx, r);
  if (!code) return done(code.error());
  done(*code == compat_code::ok ? compat_ok(0) : compat_error(*code));
}

void compat_create_topic(route_context& ctx, const request& r, respond done) {
  const auto code = create_topic(ctx, r);
  done(code ? compat_ok(inner_result(*code)) : code.error());
}

void compat_delete_topic(route_context& ctx, const request& r, respond done) {
  const auto code = remove_topic(ctx, r);
  done(code ? compat_ok(inner_result(*code)) : code.error());
}

}  // namespace roost::web
