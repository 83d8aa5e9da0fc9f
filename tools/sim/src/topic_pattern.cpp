#include "roost/tools/sim/topic_pattern.hpp"

namespace roost::tools::sim {

std::string expand_topic(std::string_view pattern, std::uint32_t n) {
  constexpr std::string_view placeholder = "{n}";
  const std::string number = std::to_string(n);
  std::string out;
  out.reserve(pattern.size() + number.size());
  for (;;) {
    const auto at = pattern.find(placeholder);
    out.append(pattern.substr(0, at));
    if (at == std::string_view::npos) return out;
    out.append(number);
    pattern.remove_prefix(at + placeholder.size());
  }
}

bool valid_topic_name(std::string_view name) {
  if (name.empty() || name.size() > 64) return false;
  for (const char c : name) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

std::optional<std::string> check_topic_pattern(std::string_view pattern, std::uint32_t count) {
  // The first and the last device have the shortest and the longest names; the characters are the
  // same for all, so checking both covers every device.
  for (const std::uint32_t n : {std::uint32_t{1}, count == 0 ? std::uint32_t{1} : count}) {
    const std::string topic = expand_topic(pattern, n);
    if (!valid_topic_name(topic)) {
      return "topic pattern '" + std::string{pattern} + "' gives '" + topic + "' for device " + std::to_string(n) +
             ", which is not a topic name (1 to 64 letters, digits, '_' or '-')";
    }
  }
  return std::nullopt;
}

}  // namespace roost::tools::sim
