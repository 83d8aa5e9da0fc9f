// How `roost sub` prints a message (-v, -N, -F), as mosquitto_sub does.

#include "roost/tools/pubsub/format_message.hpp"

#include <boost/json.hpp>
#include <cstdio>
#include <ctime>

namespace roost::tools {

namespace {

using clock = std::chrono::system_clock;

void append_payload(std::string& out, std::span<const std::uint8_t> payload) {
  out.append(reinterpret_cast<const char*>(payload.data()), payload.size());
}

void append_hex(std::string& out, std::span<const std::uint8_t> payload, const char* digits) {
  for (const std::uint8_t b : payload) {
    out.push_back(digits[b >> 4]);
    out.push_back(digits[b & 0x0F]);
  }
}

std::tm local_time(clock::time_point now) {
  const std::time_t t = clock::to_time_t(now);
  std::tm tm{};
  ::localtime_r(&t, &tm);
  return tm;
}

// strftime of a format that yields a short text (one conversion, or a date and time).
void append_strftime(std::string& out, const char* format, clock::time_point now) {
  const std::tm tm = local_time(now);
  char buf[128];
  const std::size_t n = std::strftime(buf, sizeof buf, format, &tm);
  out.append(buf, n);
}

long nanoseconds_of_second(clock::time_point now) {
  const auto since = now.time_since_epoch();
  const auto whole = std::chrono::duration_cast<std::chrono::seconds>(since);
  return static_cast<long>(std::chrono::duration_cast<std::chrono::nanoseconds>(since - whole).count());
}

void append_unix_time(std::string& out, clock::time_point now) {
  const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch());
  char buf[48];
  const int n = std::snprintf(buf, sizeof buf, "%lld.%09ld", static_cast<long long>(seconds.count()),
                              nanoseconds_of_second(now));
  out.append(buf, static_cast<std::size_t>(n));
}

// mosquitto_sub's %j time stamp: "2020-05-06T22:12:00.000000Z+0100".
std::string json_time(clock::time_point now) {
  std::string out;
  append_strftime(out, "%Y-%m-%dT%H:%M:%S", now);
  char micro[16];
  const int n = std::snprintf(micro, sizeof micro, ".%06ldZ", nanoseconds_of_second(now) / 1000);
  out.append(micro, static_cast<std::size_t>(n));
  append_strftime(out, "%z", now);
  return out;
}

void append_json(std::string& out, const received_message& m, clock::time_point now) {
  boost::json::object o;
  o["tst"] = json_time(now);
  o["topic"] = m.topic;
  o["qos"] = m.qos;
  o["retain"] = m.retain ? 1 : 0;
  o["payloadlen"] = m.payload.size();
  o["payload"] = std::string_view{reinterpret_cast<const char*>(m.payload.data()), m.payload.size()};
  out += boost::json::serialize(o);
}

// One %-sequence; false when `c` is not a known conversion.
bool append_field(std::string& out, char c, const received_message& m, clock::time_point now) {
  switch (c) {
    case '%': out.push_back('%'); return true;
    case 't': out.append(m.topic); return true;
    case 'p': append_payload(out, m.payload); return true;
    case 'q': out += std::to_string(m.qos); return true;
    case 'r': out.push_back(m.retain ? '1' : '0'); return true;
    case 'l': out += std::to_string(m.payload.size()); return true;
    case 'm': out += std::to_string(m.packet_id); return true;
    case 'x': append_hex(out, m.payload, "0123456789abcdef"); return true;
    case 'X': append_hex(out, m.payload, "0123456789ABCDEF"); return true;
    case 'I': append_strftime(out, "%Y-%m-%dT%H:%M:%S%z", now); return true;
    case 'U': append_unix_time(out, now); return true;
    case 'j': append_json(out, m, now); return true;
    default: return false;
  }
}

// One \-escape; false when `c` is not a known escape.
bool append_escape(std::string& out, char c) {
  switch (c) {
    case '\\': out.push_back('\\'); return true;
    case '0': out.push_back('\0'); return true;
    case 'a': out.push_back('\a'); return true;
    case 'e': out.push_back('\033'); return true;
    case 'n': out.push_back('\n'); return true;
    case 'r': out.push_back('\r'); return true;
    case 't': out.push_back('\t'); return true;
    case 'v': out.push_back('\v'); return true;
    default: return false;
  }
}

// One @-sequence: strftime of "%c", or the nanoseconds for @N, or a literal '@'.
void append_time_field(std::string& out, char c, clock::time_point now) {
  if (c == '@') {
    out.push_back('@');
  } else if (c == 'N') {
    char buf[16];
    const int n = std::snprintf(buf, sizeof buf, "%09ld", nanoseconds_of_second(now));
    out.append(buf, static_cast<std::size_t>(n));
  } else {
    const char format[] = {'%', c, '\0'};
    append_strftime(out, format, now);
  }
}

void append_formatted(std::string& out, std::string_view format, const received_message& m,
                      clock::time_point now) {
  for (std::size_t i = 0; i < format.size(); ++i) {
    const char c = format[i];
    const bool has_next = i + 1 < format.size();
    if (!has_next || (c != '%' && c != '@' && c != '\\')) {
      out.push_back(c);
      continue;
    }
    const char next = format[++i];
    if (c == '@') {
      append_time_field(out, next, now);
    } else if (!(c == '%' ? append_field(out, next, m, now) : append_escape(out, next))) {
      out.push_back(c);
      out.push_back(next);
    }
  }
}

}  // namespace

void format_message(const output_style& style, const received_message& m, clock::time_point now,
                    std::string& out) {
  if (style.format) {
    append_formatted(out, *style.format, m, now);
  } else if (m.payload.empty()) {
    if (style.verbose && style.eol) out.append(m.topic).append(" (null)");
    else return;
  } else {
    if (style.verbose) out.append(m.topic).push_back(' ');
    append_payload(out, m.payload);
  }
  if (style.eol) out.push_back('\n');
}

}  // namespace roost::tools
