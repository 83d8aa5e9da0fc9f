// Topic names, topic filters and matching (MQTT 3.1.1 section 4.7).
//
//   filter            topic                  match
//   sport/#           sport                  yes: '#' includes the parent level [MQTT-4.7.1-2]
//   sport/tennis/+    sport/tennis/player1   yes
//   sport/+           sport                  no:  '+' is exactly one level
//   sport/+           sport/                 yes: an empty level is a level
//   +                 /finance               no:  "/finance" has two levels, "" and "finance"
//   +/+               /finance               yes
//   /+                /finance               yes
//   #                 $SYS/x                 no:  leading wildcards skip '$' topics [MQTT-4.7.2-1]
//   $SYS/#            $SYS/x                 yes
//   +/monitor/Clients $SYS/monitor/Clients   no

#include "roost/mqtt/topic.hpp"

#include <array>
#include <cstdint>

#include "wire.hpp"

namespace roost::mqtt {
namespace {

// Yields the '/'-separated levels of a topic or filter one by one; "a//" yields "a", "", "".
class level_cursor {
 public:
  explicit level_cursor(std::string_view s) : _rest(s) {}

  bool done() const { return _done; }

  std::string_view next() {
    const std::size_t slash = _rest.find('/');
    if (slash == std::string_view::npos) {
      _done = true;
      return _rest;
    }
    const std::string_view level = _rest.substr(0, slash);
    _rest.remove_prefix(slash + 1);
    return level;
  }

 private:
  std::string_view _rest;
  bool _done = false;
};

// Length 1..65535 and valid UTF-8, shared by names and filters [MQTT-4.7.3-1] [MQTT-4.7.3-3].
bool valid_topic_string(std::string_view s) {
  return !s.empty() && s.size() <= wire::max_field_size && valid_utf8(s);
}

// '+' or '#' in a filter level is legal only as the whole level.
bool valid_filter_level(std::string_view level) {
  return level.size() == 1 || level.find_first_of("+#") == std::string_view::npos;
}

}  // namespace

namespace {

// What a byte means in a topic name: refused ('+', '#', U+0000) or the start of non-ASCII UTF-8.
constexpr std::uint8_t refused_byte = 1;
constexpr std::uint8_t non_ascii_byte = 2;
constexpr auto topic_byte_class = [] {
  std::array<std::uint8_t, 256> t{};
  t['+'] = t['#'] = t[0] = refused_byte;
  for (std::size_t b = 0x80; b < 256; ++b) t[b] = non_ascii_byte;
  return t;
}();

}  // namespace

// One table-driven pass over the bytes (every PUBLISH is checked here); the full UTF-8 check runs
// only when a byte above 0x7F shows up.
bool valid_topic_name(std::string_view topic) {
  if (topic.empty() || topic.size() > wire::max_field_size) return false;  // [MQTT-4.7.3-1]
  std::uint8_t seen = 0;
  for (const char c : topic) seen |= topic_byte_class[static_cast<unsigned char>(c)];
  if ((seen & refused_byte) != 0) return false;  // [MQTT-3.3.2-2] [MQTT-4.7.1-1] [MQTT-1.5.3-2]
  return (seen & non_ascii_byte) == 0 || valid_utf8(topic);  // [MQTT-4.7.3-1]
}

bool valid_topic_filter(std::string_view filter) {
  if (!valid_topic_string(filter)) return false;
  level_cursor levels{filter};
  while (!levels.done()) {
    const std::string_view level = levels.next();
    if (!valid_filter_level(level)) return false;                 // [MQTT-4.7.1-2] [MQTT-4.7.1-3]
    if (level == "#" && !levels.done()) return false;             // '#' must be last [MQTT-4.7.1-2]
  }
  return true;
}

std::size_t topic_levels(std::string_view topic) {
  std::size_t levels = 1;
  for (const char c : topic) levels += c == '/' ? 1 : 0;
  return levels;
}

bool topic_matches(std::string_view filter, std::string_view topic) {
  const bool wildcard_first = !filter.empty() && (filter[0] == '+' || filter[0] == '#');
  if (wildcard_first && !topic.empty() && topic[0] == '$') return false;  // [MQTT-4.7.2-1]
  level_cursor f{filter};
  level_cursor t{topic};
  while (!f.done()) {
    const std::string_view want = f.next();
    if (want == "#") return true;  // this level and all below, including none [MQTT-4.7.1-2]
    if (t.done()) return false;
    const std::string_view have = t.next();
    if (want != "+" && want != have) return false;
  }
  return t.done();
}

}  // namespace roost::mqtt
