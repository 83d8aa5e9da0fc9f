#pragma once
// Posting and reading messages, shared by /va and the legacy /api/device API.
//
//   publish_and_reply(ctx, call{topic "led002/set"}, "on", done)  -> done({"code":0,...,"data":0})
//   reply_newest_messages(ctx, call{params num=2}, done)
//     -> done({"code":0,...,"data":[{"msg":"on",...},{"msg":"off",...}]})  newest first

#include <cstddef>
#include <string_view>

#include "compat_call.hpp"

namespace roost::web {

// The most messages one request may read.
inline constexpr std::size_t max_history_num = 5000;

// Posts `msg` to `call.topic` of the call's namespace (QoS 0, not retained) and answers data 0
// once it is stored; 40004 when the tenant does not create topics and this one does not exist,
// 40000 when storing it failed.
void publish_and_reply(route_context& ctx, const compat_call& call, std::string_view msg, respond done);

// Answers data [{msg, time, unix}]: up to `num` (the parameter: 1 when missing or empty, at most
// max_history_num) of call.topic's messages, newest first; 10002 when `num` is not a whole number
// from 1 up, 40004 when the topic does not exist.
void reply_newest_messages(route_context& ctx, const compat_call& call, respond done);

}  // namespace roost::web
