#include "roost/tools/sim/command_words.hpp"

#include <cctype>
#include <charconv>

namespace roost::tools::sim {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

}  // namespace

command_words split_command(std::string_view msg) {
  command_words out;
  std::string_view rest = trim(msg);
  const auto hash = rest.find('#');
  const std::string_view word = trim(rest.substr(0, hash));
  out.word.reserve(word.size());
  for (const char c : word) out.word.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  if (hash == std::string_view::npos) return out;
  rest.remove_prefix(hash + 1);
  for (;;) {
    const auto next = rest.find('#');
    out.fields.push_back(trim(rest.substr(0, next)));
    if (next == std::string_view::npos) break;
    rest.remove_prefix(next + 1);
  }
  return out;
}

std::optional<std::uint32_t> field_number(std::string_view field, std::uint32_t max) {
  if (field.empty()) return std::nullopt;
  std::uint32_t value = 0;
  const auto [end, ec] = std::from_chars(field.data(), field.data() + field.size(), value);
  if (ec != std::errc{} || end != field.data() + field.size() || value > max) return std::nullopt;
  return value;
}

}  // namespace roost::tools::sim
