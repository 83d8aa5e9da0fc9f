#include <set>

#include "codec_support.hpp"

namespace roost::mqtt {
namespace {

TEST(error, every_enumerator_has_its_own_name) {
  std::set<std::string_view> names;
  const auto last = static_cast<int>(error::protocol_error);
  for (int i = 0; i <= last; ++i) {
    const std::string_view name = to_string(static_cast<error>(i));
    EXPECT_NE(name, "unknown_error") << i;
    EXPECT_FALSE(name.empty()) << i;
    names.insert(name);
  }
  EXPECT_EQ(names.size(), static_cast<std::size_t>(last + 1));
  EXPECT_EQ(to_string(error::truncated), "truncated");
  EXPECT_EQ(to_string(error::invalid_utf8), "invalid_utf8");
}

}  // namespace
}  // namespace roost::mqtt
