// Posting and reading messages: /va/postmsg and its aliases, /va/getmsg.

#include "compat_messages.hpp"

#include <algorithm>
#include <boost/json.hpp>

#include "compat_format.hpp"
#include "compat_handlers.hpp"
#include "compat_reply.hpp"
#include "post_message.hpp"
#include "roost/platform/topic_registry.hpp"

namespace roost::web {

void publish_and_reply(route_context& ctx, const compat_call& call, std::string_view msg, respond done) {
  auto stored = [done](bool ok) {
    done(ok ? compat_ok(0) : compat_error(compat_code::unknown, "the message could not be stored"));
  };
  // post_message calls `stored` only when it returns true, so `done` is called once either way.
  if (!post_message(ctx.svc, call.tenant, call.ns, call.topic, msg, false, 0, std::move(stored))) {
    done(compat_error(compat_code::wrong_key_or_topic));
  }
}

namespace {

// The `num` parameter, or the 10002 reply.
result<std::size_t, response> requested_count(const compat_call& call) {
  const std::string_view num = param(call.params, "num").value_or("");
  if (num.empty()) return std::size_t{1};
  const bool digits = std::all_of(num.begin(), num.end(), [](char c) { return c >= '0' && c <= '9'; });
  const auto first = num.find_first_not_of('0');
  if (!digits || first == std::string_view::npos) {
    return fail(compat_error(compat_code::bad_parameter,
                             "num must be a whole number from 1 to " + std::to_string(max_history_num)));
  }
  const std::string_view significant = num.substr(first);
  if (significant.size() > 6) return max_history_num;
  return std::min(static_cast<std::size_t>(std::stoul(std::string(significant))), max_history_num);
}

boost::json::array newest_messages(const platform::topic_record& record, std::size_t num, int utc_offset_minutes) {
  boost::json::array out;
  if (record.history.empty() && record.latest) {
    out.push_back(history_item(*record.latest, utc_offset_minutes));
    return out;
  }
  for (auto it = record.history.rbegin(); it != record.history.rend() && out.size() < num; ++it) {
    out.push_back(history_item(*it, utc_offset_minutes));
  }
  return out;
}

}  // namespace

void reply_newest_messages(route_context& ctx, const compat_call& call, respond done) {
  const auto num = requested_count(call);
  if (!num) return done(num.error());
  const auto record = find_topic(ctx, call);
  if (!record) return done(record.error());
  done(compat_ok(newest_messages(*record, *num, ctx.config.utc_offset_minutes)));
}

void compat_post_message(route_context& ctx, const request& r, respond done) {
  auto call = begin_call(ctx, r, {topic_rule::publish, std::nullopt});
  if (!call) return done(call.error());
  const auto msg = required_param(*call, "msg");
  if (!msg) return done(msg.error());
  publish_and_reply(ctx, *call, *msg, std::move(done));
}

void compat_get_messages(route_context& ctx, const request& r, respond done) {
  auto call = begin_call(ctx, r, {topic_rule::bare, std::nullopt});
  if (!call) return done(call.error());
  reply_newest_messages(ctx, *call, std::move(done));
}

}  // namespace roost::web
