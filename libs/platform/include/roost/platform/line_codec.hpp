#pragma once
// The TCP line protocol (Bemfa-compatible): one command per line, `key=value` pairs joined by '&'.
//
//   device sends                                         server answers
//   cmd=1&uid=U&topic=led002,temp004\r\n           ─▶    cmd=1&res=1\r\n
//   cmd=2&uid=U&topic=led002/set&msg=on#50\r\n     ─▶    cmd=2&res=1\r\n
//   cmd=3&uid=U&topic=led002\r\n                   ─▶    cmd=3&uid=U&topic=led002&msg=on#50\r\n
//   cmd=9&uid=U&topic=led002\r\n                   ─▶    cmd=9&uid=U&topic=led002&msg=on#50\r\n
//   cmd=7&uid=U&type=1\r\n                         ─▶    2021-06-11 17:20:54\r\n
//   cmd=0&msg=keep\r\n                             ─▶    cmd=0&res=1\r\n
//   (another client publishes to led002)           ─▶    cmd=2&uid=U&topic=led002&msg=off\r\n
//
// Values are not escaped. `msg` runs to the end of the line unless a later `&cmd=`, `&uid=` or
// `&topic=` names a key that has not appeared yet (or `&type=` while no topic was given), so in
// the usual order cmd, uid, topic, msg the message keeps every '&'. Parsing only reads the line:
// every view in a `line_command` points into it.

#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "roost/base/result.hpp"

namespace roost::platform {

// The commands, by their number on the wire.
enum class line_cmd : std::uint8_t {
  heartbeat = 0,
  subscribe = 1,
  publish = 2,
  subscribe_fetch = 3,  // subscribe and receive the latest message
  time = 7,
  fetch = 9,  // receive the latest message without subscribing
};

// The most topics one subscribe or fetch line may name.
inline constexpr std::size_t max_line_topics = 8;

// One parsed line. `topics` holds one name for publish and 1..8 for subscribe, subscribe_fetch
// and fetch; none for heartbeat and time.
struct line_command {
  line_cmd cmd = line_cmd::heartbeat;
  std::string_view uid;
  std::array<std::string_view, max_line_topics> topic_storage{};
  std::size_t topic_count = 0;
  std::string_view msg;
  bool has_msg = false;
  std::uint8_t time_type = 0;  // 1, 2 or 3 for cmd=7

  std::span<const std::string_view> topics() const { return {topic_storage.data(), topic_count}; }
};

// Why a line was refused.
enum class line_fault : std::uint8_t {
  missing_cmd,      // no `cmd` key (a bare "ping" line, an empty line)
  bad_cmd,          // `cmd` is not a number
  unknown_cmd,      // a number other than 0, 1, 2, 3, 7, 9
  duplicate_key,    // a key given twice
  missing_uid,      // every command but cmd=0 needs a non-empty uid
  missing_topic,    // cmd 1, 2, 3, 9 need a topic
  too_many_topics,  // more than 8 comma-separated names, or a list on cmd=2
  invalid_topic,    // a name outside topic_rules, or a suffix the command does not take
  missing_msg,      // cmd=2 without a `msg` key (an empty value is fine)
  bad_time_type,    // cmd=7 without type 1, 2 or 3
};

struct line_error {
  line_fault fault;
  std::optional<line_cmd> cmd;  // set when the command itself was understood
};

std::string_view to_string(line_fault f);

// Parses one line (without its "\r\n"). Unknown keys and pieces without '=' are ignored.
// Topic rules: cmd=2 takes one name with an optional "/set" or "/up" suffix; cmd=1 and cmd=3 take
// names with an optional "/app" suffix; cmd=9 takes bare names.
result<line_command, line_error> parse_line(std::string_view line);

// Appends `cmd=<n>&res=<1|0>\r\n`: the reply to cmd=0, 1, 2 and the refusal of any command.
void append_result(std::string& out, line_cmd cmd, bool ok);

// Appends `cmd=<n>&uid=<uid>&topic=<topic>&msg=<msg>\r\n`: the cmd=3 and cmd=9 replies and, with
// line_cmd::publish, the push to a subscriber. A '\r' or '\n' in `msg` becomes a space, so a
// message can never end the line early.
void append_message(std::string& out, line_cmd cmd, std::string_view uid, std::string_view topic,
                    std::string_view msg);

// Appends the cmd=7 reply: the bare value and "\r\n". Type 1 `YYYY-MM-DD HH:MM:SS` and type 2
// `HH:MM:SS` are local time at `utc_offset`; type 3 is Unix seconds, which has no zone.
// Other types append nothing and return false.
bool append_time(std::string& out, std::uint8_t type, std::chrono::sys_seconds wall,
                 std::chrono::seconds utc_offset);

}  // namespace roost::platform
