// Error replies quote the request; they stay valid JSON whatever bytes it held.

#include <boost/json.hpp>

#include "web_fixture.hpp"

using namespace roost;
using namespace roost::test;

namespace {

struct replies : web_fixture {};

// The body parses as JSON (Boost.JSON refuses invalid UTF-8).
bool parses(const std::string& body) {
  boost::system::error_code ec;
  boost::json::parse(body, ec);
  return !ec;
}

TEST_F(replies, a_path_that_is_not_utf8_gives_a_valid_json_404) {
  for (const std::string& path : {std::string("/api/\xd7x"), std::string("\xd7" "api/v1/topics")}) {
    const auto r = get(path);
    EXPECT_EQ(r.status, 404);
    EXPECT_TRUE(parses(r.body)) << r.body;
    EXPECT_NE(r.body.find("\xEF\xBF\xBD"), std::string::npos) << r.body;  // U+FFFD
  }
}

}  // namespace
