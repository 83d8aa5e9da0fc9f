// The access rule file: any text either parses or fails with a line inside the text; what parses
// is written back by format_rules to a text that parses to the same rules, and the matcher answers
// for every rule of it without crashing.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "roost/acl/check_access.hpp"
#include "roost/acl/parse_rules.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace roost::acl;
  const std::string_view text{reinterpret_cast<const char*>(data), size};
  const auto parsed = parse_rules(text, "fuzz.acl");
  if (!parsed) {
    std::size_t lines = 1;
    for (const char c : text) lines += c == '\n';
    if (parsed.error().line > lines) __builtin_trap();
    return 0;
  }
  const auto again = parse_rules(format_rules(*parsed));
  if (!again || !(*again == *parsed)) __builtin_trap();

  const subject who{"c+1", std::string_view{"u/1"}};
  const subject plain{"c1", std::nullopt};
  for (const auto& [tenant, s] : parsed->sections) {
    for (const auto& r : s.rules) {
      check_topic(s, who, access::publish, "a/b");
      check_topic(s, plain, access::subscribe, "$SYS/x");
      check_subscribe(s, who, r.filter);
      check_subscribe(s, plain, "#");
      if (!filter_covers(r.filter, r.filter)) __builtin_trap();  // every filter covers itself
    }
  }
  return 0;
}
