#pragma once
// The time zone of the compatible API's time strings, as written in the `[http]` table.
//
//   "+08:00", "-05:30", "+0800"   offset from UTC, hours and minutes
//   "UTC", "Z"                    zero
//   "480", "-300"                 minutes east of UTC

#include <string>
#include <string_view>

#include "roost/base/result.hpp"

namespace roost::app {

// Largest offset accepted either way (UTC+14:00 is the easternmost zone in use).
constexpr int max_utc_offset_minutes = 14 * 60;

// Minutes east of UTC for one of the forms above; the error says what was expected.
result<int, std::string> parse_time_zone(std::string_view text);

// The inverse, always as "+HH:MM" or "-HH:MM": 480 -> "+08:00".
std::string format_time_zone(int minutes);

}  // namespace roost::app
