#include "parse_time_zone.hpp"

#include <charconv>
#include <cstdio>
#include <cstdlib>

namespace roost::app {

namespace {

// A decimal number of exactly the whole of `s`, or -1.
int number(std::string_view s) {
  int v = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (s.empty() || ec != std::errc{} || end != s.data() + s.size() || v < 0) return -1;
  return v;
}

result<int, std::string> expected(std::string_view text) {
  return fail("expected an offset like +08:00 or -05:30, UTC, or minutes east of UTC like 480 (got '" +
              std::string(text) + "')");
}

result<int, std::string> in_range(int minutes, std::string_view text) {
  if (minutes < -max_utc_offset_minutes || minutes > max_utc_offset_minutes) {
    return fail("must be between -14:00 and +14:00 (got '" + std::string(text) + "')");
  }
  return minutes;
}

}  // namespace

result<int, std::string> parse_time_zone(std::string_view text) {
  if (text == "UTC" || text == "utc" || text == "Z") return 0;
  if (text.empty()) return expected(text);
  const bool negative = text.front() == '-';
  const bool signed_text = negative || text.front() == '+';
  const std::string_view rest = signed_text ? text.substr(1) : text;
  const int sign = negative ? -1 : 1;

  // Plain minutes: "480", "-300" (a "+" alone is read as hours below only with a colon or 4 digits).
  if (!signed_text || (rest.find(':') == std::string_view::npos && rest.size() != 4 && rest.size() > 2)) {
    const int minutes = number(rest);
    if (minutes < 0) return expected(text);
    return in_range(sign * minutes, text);
  }
  std::string_view hours_text = rest;
  std::string_view minutes_text = "0";
  if (const auto colon = rest.find(':'); colon != std::string_view::npos) {
    hours_text = rest.substr(0, colon);
    minutes_text = rest.substr(colon + 1);
    if (minutes_text.size() != 2) return expected(text);
  } else if (rest.size() == 4) {
    hours_text = rest.substr(0, 2);
    minutes_text = rest.substr(2);
  }
  const int hours = number(hours_text);
  const int minutes = number(minutes_text);
  if (hours < 0 || minutes < 0 || hours_text.size() > 2 || minutes >= 60) return expected(text);
  return in_range(sign * (hours * 60 + minutes), text);
}

std::string format_time_zone(int minutes) {
  char out[16];
  const int a = std::abs(minutes);
  std::snprintf(out, sizeof out, "%c%02d:%02d", minutes < 0 ? '-' : '+', a / 60, a % 60);
  return out;
}

}  // namespace roost::app
