#include "utf8_text.hpp"

#include <cstdint>

#include "roost/mqtt/topic.hpp"

namespace roost::web {
namespace {

// The length of the sequence a lead byte starts (1 to 4), or 0 when it cannot start one.
std::size_t sequence_length(std::uint8_t lead) {
  if (lead < 0x80) return 1;
  if ((lead & 0xE0) == 0xC0) return 2;
  if ((lead & 0xF0) == 0xE0) return 3;
  if ((lead & 0xF8) == 0xF0) return 4;
  return 0;
}

}  // namespace

std::string utf8_text(std::string_view s) {
  if (mqtt::valid_utf8(s)) return std::string(s);
  static constexpr std::string_view replacement = "\xEF\xBF\xBD";
  std::string out;
  out.reserve(s.size() + 8);
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t n = sequence_length(static_cast<std::uint8_t>(s[i]));
    if (n != 0 && i + n <= s.size() && mqtt::valid_utf8(s.substr(i, n))) {
      out.append(s.substr(i, n));
      i += n;
    } else {
      out.append(replacement);
      ++i;
    }
  }
  return out;
}

}  // namespace roost::web
