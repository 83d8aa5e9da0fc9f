#include "parse_command.hpp"

namespace roost::ledctrl {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

char to_lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

// `word` is lower case.
bool equals_ignoring_case(std::string_view s, std::string_view word) {
  if (s.size() != word.size()) return false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (to_lower(s[i]) != word[i]) return false;
  }
  return true;
}

}  // namespace

command parse_command(std::string_view payload) {
  const std::string_view word = trim(payload);
  if (equals_ignoring_case(word, "on")) return command::on;
  if (equals_ignoring_case(word, "off")) return command::off;
  return command::unknown;
}

}  // namespace roost::ledctrl
