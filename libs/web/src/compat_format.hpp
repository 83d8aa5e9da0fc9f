#pragma once
// How the compatible API writes times, device types and history items.
//
//   local_time_text(1700000000123, 480)            -> "2023-11-15 06:13:20"
//   bemfa_tid(device_type::air_conditioner)        -> "aircondition"
//   history_item({"on", 1700000000123}, 480)       -> {"msg":"on","time":"2023-11-15 06:13:20","unix":1700000000}

#include <boost/json/fwd.hpp>
#include <cstdint>
#include <string>
#include <string_view>

#include "roost/platform/topic_rules.hpp"
#include "roost/platform/topic_store.hpp"

namespace roost::web {

// `YYYY-MM-DD HH:MM:SS` of Unix time `time_ms` at `utc_offset_minutes` east of UTC.
std::string local_time_text(std::int64_t time_ms, int utc_offset_minutes);

// Unix seconds of `time_ms` (rounded down).
std::int64_t unix_seconds(std::int64_t time_ms);

// The device type as Bemfa's APIs spell it (`tid`): outlet, light, fan, sensor, aircondition,
// switch, curtain, thermostat, waterheater, television, airpurifier; "" for a plain topic.
std::string_view bemfa_tid(platform::device_type t);

// {"msg":<value as utf8_text>,"time":<local time>,"unix":<seconds>}.
boost::json::object history_item(const platform::history_entry& e, int utc_offset_minutes);

}  // namespace roost::web
