// parse_line: one line of the TCP line protocol into a line_command (see line_codec.hpp).

#include <algorithm>
#include <array>
#include <optional>

#include "roost/platform/line_codec.hpp"
#include "roost/platform/topic_rules.hpp"

namespace roost::platform {

namespace {

enum key_index : std::size_t { key_cmd, key_uid, key_topic, key_msg, key_type, key_count };

constexpr std::array<std::string_view, key_count> key_names = {"cmd", "uid", "topic", "msg", "type"};

std::optional<std::size_t> key_of(std::string_view name) {
  const auto it = std::find(key_names.begin(), key_names.end(), name);
  if (it == key_names.end()) return std::nullopt;
  return static_cast<std::size_t>(it - key_names.begin());
}

struct raw_fields {
  std::array<std::optional<std::string_view>, key_count> value{};
  bool duplicate = false;
};

// Can a later `&<key>=` end the msg value? Only for a key not given yet; `type` only while no
// topic was given either (a command with a topic has no use for a type).
bool ends_msg(std::size_t k, const raw_fields& f) {
  if (k == key_msg || f.value[k]) return false;
  return k != key_type || !f.value[key_topic];
}

// Where the msg value that starts at `start` ends: at the first '&' followed by a key that
// ends_msg, else at the end of the line.
std::size_t msg_end(std::string_view line, std::size_t start, const raw_fields& f) {
  for (std::size_t amp = line.find('&', start); amp != std::string_view::npos; amp = line.find('&', amp + 1)) {
    const std::string_view rest = line.substr(amp + 1);
    for (std::size_t k = 0; k < key_count; ++k) {
      if (!ends_msg(k, f)) continue;
      if (rest.size() > key_names[k].size() && rest.starts_with(key_names[k]) && rest[key_names[k].size()] == '=') {
        return amp;
      }
    }
  }
  return line.size();
}

raw_fields split_fields(std::string_view line) {
  raw_fields f;
  std::size_t pos = 0;
  while (pos <= line.size()) {
    std::size_t end = std::min(line.find('&', pos), line.size());
    const std::string_view piece = line.substr(pos, end - pos);
    const std::size_t eq = piece.find('=');
    if (eq != std::string_view::npos) {
      if (const auto k = key_of(piece.substr(0, eq))) {
        const std::size_t value_start = pos + eq + 1;
        if (*k == key_msg) end = msg_end(line, value_start, f);
        if (f.value[*k]) {
          f.duplicate = true;
        } else {
          f.value[*k] = line.substr(value_start, end - value_start);
        }
      }
    }
    pos = end + 1;
  }
  return f;
}

result<line_cmd, line_fault> command_of(std::string_view text) {
  if (text.empty() || !std::all_of(text.begin(), text.end(), [](char ch) { return ch >= '0' && ch <= '9'; })) {
    return fail(line_fault::bad_cmd);
  }
  if (text.size() > 3) return fail(line_fault::unknown_cmd);
  int n = 0;
  for (char ch : text) n = n * 10 + (ch - '0');
  switch (n) {
    case 0: return line_cmd::heartbeat;
    case 1: return line_cmd::subscribe;
    case 2: return line_cmd::publish;
    case 3: return line_cmd::subscribe_fetch;
    case 7: return line_cmd::time;
    case 9: return line_cmd::fetch;
    default: return fail(line_fault::unknown_cmd);
  }
}

// Which suffixes a command accepts on its topic names.
bool topic_allowed(line_cmd cmd, std::string_view topic) {
  const split_topic s = split_suffix(topic);
  if (!valid_topic_name(s.base)) return false;
  switch (s.suffix) {
    case topic_suffix::none: return true;
    case topic_suffix::set:
    case topic_suffix::up: return cmd == line_cmd::publish;
    case topic_suffix::app: return cmd == line_cmd::subscribe || cmd == line_cmd::subscribe_fetch;
  }
  return false;
}

// Splits the comma-separated list into `c.topic_storage`; empty items are skipped.
std::optional<line_fault> read_topics(line_command& c, std::string_view list) {
  std::size_t pos = 0;
  while (pos <= list.size()) {
    const std::size_t end = std::min(list.find(',', pos), list.size());
    const std::string_view name = list.substr(pos, end - pos);
    pos = end + 1;
    if (name.empty()) continue;
    if (c.topic_count == max_line_topics || (c.cmd == line_cmd::publish && c.topic_count == 1)) {
      return line_fault::too_many_topics;
    }
    if (!topic_allowed(c.cmd, name)) return line_fault::invalid_topic;
    c.topic_storage[c.topic_count++] = name;
  }
  if (c.topic_count == 0) return line_fault::missing_topic;
  return std::nullopt;
}

std::optional<line_fault> read_time_type(line_command& c, std::optional<std::string_view> type) {
  if (!type || type->size() != 1 || (*type)[0] < '1' || (*type)[0] > '3') return line_fault::bad_time_type;
  c.time_type = static_cast<std::uint8_t>((*type)[0] - '0');
  return std::nullopt;
}

// The checks after the command is known, in the order a reader would make them.
std::optional<line_fault> read_arguments(line_command& c, const raw_fields& f) {
  if (c.cmd == line_cmd::heartbeat) return std::nullopt;  // whatever else the line holds
  if (f.duplicate) return line_fault::duplicate_key;
  if (!f.value[key_uid] || f.value[key_uid]->empty()) return line_fault::missing_uid;
  c.uid = *f.value[key_uid];
  if (c.cmd == line_cmd::time) return read_time_type(c, f.value[key_type]);
  if (!f.value[key_topic]) return line_fault::missing_topic;
  if (auto fault = read_topics(c, *f.value[key_topic])) return fault;
  if (c.cmd == line_cmd::publish && !c.has_msg) return line_fault::missing_msg;
  return std::nullopt;
}

}  // namespace

std::string_view to_string(line_fault f) {
  switch (f) {
    case line_fault::missing_cmd: return "missing cmd";
    case line_fault::bad_cmd: return "cmd is not a number";
    case line_fault::unknown_cmd: return "unknown cmd";
    case line_fault::duplicate_key: return "duplicate key";
    case line_fault::missing_uid: return "missing uid";
    case line_fault::missing_topic: return "missing topic";
    case line_fault::too_many_topics: return "too many topics";
    case line_fault::invalid_topic: return "invalid topic";
    case line_fault::missing_msg: return "missing msg";
    case line_fault::bad_time_type: return "bad time type";
  }
  return "unknown fault";
}

result<line_command, line_error> parse_line(std::string_view line) {
  const raw_fields f = split_fields(line);
  if (!f.value[key_cmd]) return fail(line_error{line_fault::missing_cmd, std::nullopt});
  const auto cmd = command_of(*f.value[key_cmd]);
  if (!cmd) return fail(line_error{cmd.error(), std::nullopt});

  line_command c;
  c.cmd = *cmd;
  if (f.value[key_msg]) {
    c.msg = *f.value[key_msg];
    c.has_msg = true;
  }
  if (auto fault = read_arguments(c, f)) return fail(line_error{*fault, c.cmd});
  return c;
}

}  // namespace roost::platform
