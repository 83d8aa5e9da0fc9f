#pragma once
// Which received messages `roost sub` prints: -T filters, -R and --retained-only, as mosquitto_sub.

#include <string>
#include <string_view>
#include <vector>

namespace roost::tools {

struct message_rules {
  std::vector<std::string> filter_out;  // -T: valid topic filters
  bool no_retained = false;             // -R
  bool retained_only = false;           // --retained-only
};

enum class message_verdict { print, skip, finish };

// True when `topic` matches one of the (valid) filters, with MQTT matching rules ('+', '#', and
// wildcards at the start not matching topics that start with '$').
bool filtered_out(const std::vector<std::string>& filters, std::string_view topic);

// The verdict for one message, checked in mosquitto_sub's order: with --retained-only the first
// message without the retain flag ends the run (finish, not printed); with -R a retained message is
// skipped; a topic matching a -T filter is skipped; anything else is printed.
message_verdict judge_message(const message_rules& rules, std::string_view topic, bool retain);

}  // namespace roost::tools
