#include "compat_format.hpp"

#include <boost/json.hpp>
#include <chrono>

#include "roost/platform/line_codec.hpp"
#include "utf8_text.hpp"

namespace roost::web {

std::int64_t unix_seconds(std::int64_t time_ms) {
  return time_ms >= 0 ? time_ms / 1000 : -((-time_ms + 999) / 1000);
}

std::string local_time_text(std::int64_t time_ms, int utc_offset_minutes) {
  // The line protocol's cmd=7 type 1 reply is this very text followed by "\r\n".
  std::string out;
  const std::chrono::sys_seconds wall{std::chrono::seconds{unix_seconds(time_ms)}};
  if (!platform::append_time(out, 1, wall, std::chrono::minutes{utc_offset_minutes})) return {};
  while (!out.empty() && (out.back() == '\n' || out.back() == '\r')) out.pop_back();
  return out;
}

std::string_view bemfa_tid(platform::device_type t) {
  using platform::device_type;
  switch (t) {
    case device_type::air_conditioner: return "aircondition";
    case device_type::water_heater: return "waterheater";
    case device_type::tv: return "television";
    case device_type::air_purifier: return "airpurifier";
    default: return platform::to_string(t);
  }
}

boost::json::object history_item(const platform::history_entry& e, int utc_offset_minutes) {
  return {{"msg", utf8_text(e.value)},
          {"time", local_time_text(e.time_ms, utc_offset_minutes)},
          {"unix", unix_seconds(e.time_ms)}};
}

}  // namespace roost::web
