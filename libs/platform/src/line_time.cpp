// append_time: the cmd=7 reply, a bare date and time, time of day or Unix seconds.

#include <cstdio>

#include "roost/platform/line_codec.hpp"

namespace roost::platform {

bool append_time(std::string& out, std::uint8_t type, std::chrono::sys_seconds wall,
                 std::chrono::seconds utc_offset) {
  using namespace std::chrono;
  if (type == 3) {
    out += std::to_string(wall.time_since_epoch().count());
    out += "\r\n";
    return true;
  }
  if (type != 1 && type != 2) return false;

  const sys_seconds local = wall + utc_offset;
  const sys_days day = floor<days>(local);
  const year_month_day date{day};
  const hh_mm_ss<seconds> clock{local - day};
  char text[48];
  int n = 0;
  if (type == 1) {
    n = std::snprintf(text, sizeof text, "%04d-%02u-%02u %02d:%02d:%02d\r\n", static_cast<int>(date.year()),
                      static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()),
                      static_cast<int>(clock.hours().count()), static_cast<int>(clock.minutes().count()),
                      static_cast<int>(clock.seconds().count()));
  } else {
    n = std::snprintf(text, sizeof text, "%02d:%02d:%02d\r\n", static_cast<int>(clock.hours().count()),
                      static_cast<int>(clock.minutes().count()), static_cast<int>(clock.seconds().count()));
  }
  if (n <= 0 || static_cast<std::size_t>(n) >= sizeof text) return false;
  out.append(text, static_cast<std::size_t>(n));
  return true;
}

}  // namespace roost::platform
