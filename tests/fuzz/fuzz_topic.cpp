// Topic validation and matching against a plain reference matcher.
//
// Input layout: filter, a 0x00 byte, topic (a valid topic never contains U+0000, so the
// separator cannot hide a case). Properties:
//  - a valid topic name is also a valid filter and matches itself;
//  - for a valid filter and name, topic_matches agrees with the reference below;
//  - topic_levels counts the levels the reference splits.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "roost/mqtt/topic.hpp"

namespace {

using namespace roost::mqtt;

void check(bool property) {
  if (!property) __builtin_trap();
}

std::vector<std::string_view> split(std::string_view s) {
  std::vector<std::string_view> levels;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= s.size(); ++i) {
    if (i == s.size() || s[i] == '/') {
      levels.push_back(s.substr(start, i - start));
      start = i + 1;
    }
  }
  return levels;
}

// Level lists compared recursively, written independently of the production matcher.
bool reference_match(const std::vector<std::string_view>& f, std::size_t i,
                     const std::vector<std::string_view>& t, std::size_t j) {
  if (i == f.size()) return j == t.size();
  if (f[i] == "#") return true;
  if (j == t.size()) return false;
  if (f[i] != "+" && f[i] != t[j]) return false;
  return reference_match(f, i + 1, t, j + 1);
}

bool reference(std::string_view filter, std::string_view topic) {
  if (topic.starts_with('$') && (filter.starts_with('+') || filter.starts_with('#'))) return false;
  return reference_match(split(filter), 0, split(topic), 0);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string input(reinterpret_cast<const char*>(data), size);
  const std::size_t nul = input.find('\0');
  const std::string filter = input.substr(0, nul);
  const std::string topic = nul == std::string::npos ? std::string{} : input.substr(nul + 1);

  const bool filter_ok = valid_topic_filter(filter);
  const bool topic_ok = valid_topic_name(topic);
  if (valid_topic_name(filter)) {
    check(filter_ok);
    check(topic_matches(filter, filter));
  }
  if (topic_ok) check(topic_levels(topic) == split(topic).size());
  if (filter_ok && topic_ok) check(topic_matches(filter, topic) == reference(filter, topic));
  return 0;
}
