// Which received messages `roost sub` prints.

#include "roost/tools/pubsub/filter_messages.hpp"

#include "roost/mqtt/topic.hpp"

namespace roost::tools {

bool filtered_out(const std::vector<std::string>& filters, std::string_view topic) {
  for (const auto& f : filters) {
    if (mqtt::topic_matches(f, topic)) return true;
  }
  return false;
}

message_verdict judge_message(const message_rules& rules, std::string_view topic, bool retain) {
  if (rules.retained_only && !retain) return message_verdict::finish;
  if (rules.no_retained && retain) return message_verdict::skip;
  if (filtered_out(rules.filter_out, topic)) return message_verdict::skip;
  return message_verdict::print;
}

}  // namespace roost::tools
