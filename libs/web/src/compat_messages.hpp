#pragma once
// Posting and reading messages, shared by /va and the legacy /api/device API.
//
//   publish_and_reply(ctx, call{topic "led002/set"}, "on", done)  -> done({"code":0,...,"data":0})
//   newest_messages(record, 2, 480)  -> [{"msg":"on",...}, {"msg":"off",...}]  newest first

#include <boost/json/fwd.hpp>
#include <cstddef>
#include <string_view>

#include "compat_call.hpp"
#include "roost/base/result.hpp"

namespace roost::web {

// The most messages one request may read.
inline constexpr std::size_t max_history_num = 5000;

// Posts `msg` to `call.topic` of the call's namespace (QoS 0, not retained) and answers data 0
// once it is stored; 40004 when the tenant does not create topics and this one does not exist,
// 40000 when storing it failed.
void publish_and_reply(route_context& ctx, const compat_call& call, std::string_view msg, respond done);

// The `num` parameter: 1 when missing or empty, a whole number from 1 up (more than
// max_history_num reads max_history_num), otherwise the 10002 reply.
result<std::size_t, response> requested_count(const compat_call& call);

// Up to `num` of the record's messages, newest first, as history_item()s.
boost::json::array newest_messages(const platform::topic_record& record, std::size_t num, int utc_offset_minutes);

}  // namespace roost::web
