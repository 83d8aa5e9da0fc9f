// A topic's history in the native API: newest first, paged by time with limit and before.

#include <optional>
#include <string>
#include <string_view>

#include "native_fixture.hpp"

using namespace roost;
using namespace roost::test;

namespace {

struct native_history : native_fixture {
  // Publishes value i at time t for each (i, t).
  void record(std::initializer_list<std::pair<const char*, std::int64_t>> entries) {
    for (const auto& [value, t] : entries) topics.observe_publish(scope(tenant_a), "temp004", value, t, true);
  }
  std::string values(const boost::json::value& page) {
    std::string out;
    for (const auto& item : page.at("items").as_array()) out += std::string(item.at("value").as_string()) + ",";
    return out;
  }
  // Expects the page of temp004 at `query` to hold `expected` ("c,b,") and to name `next` as
  // next_before (nullopt: null, the last page).
  void expect_page(const std::string& query, std::string_view expected, std::optional<std::int64_t> next) {
    const auto page = json(api("GET", "/api/v1/topics/mqtt/temp004/history?" + query));
    EXPECT_EQ(values(page), expected) << query;
    if (next) {
      EXPECT_EQ(page.at("next_before"), *next) << query;
    } else {
      EXPECT_TRUE(page.at("next_before").is_null()) << query;
    }
  }
};

TEST_F(native_history, newest_first_with_times) {
  record({{"#20", 1000}, {"#21", 2000}});
  const auto r = api("GET", "/api/v1/topics/mqtt/temp004/history");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, R"({"items":[{"value":"#21","time_ms":2000},{"value":"#20","time_ms":1000}],"next_before":null})");
}

TEST_F(native_history, pages_follow_next_before_to_the_end) {
  record({{"a", 1}, {"b", 2}, {"c", 3}, {"d", 4}, {"e", 5}});
  expect_page("limit=2", "e,d,", 4);
  expect_page("limit=2&before=4", "c,b,", 2);
  expect_page("limit=2&before=2", "a,", std::nullopt);
}

TEST_F(native_history, a_page_does_not_split_a_millisecond) {
  record({{"a", 1}, {"b", 2}, {"c", 2}, {"d", 3}});
  expect_page("limit=2", "d,", 3);  // "c" would be split from "b"
  expect_page("limit=2&before=3", "c,b,", 2);
  expect_page("limit=2&before=2", "a,", std::nullopt);
}

TEST_F(native_history, an_empty_history_and_an_unknown_topic) {
  topics.create(scope(tenant_a), "empty");
  EXPECT_EQ(api("GET", "/api/v1/topics/mqtt/empty/history").body, R"({"items":[],"next_before":null})");
  EXPECT_EQ(api("GET", "/api/v1/topics/mqtt/nope/history").status, 404);
}

TEST_F(native_history, limit_and_before_are_checked) {
  record({{"a", 1}});
  for (const char* q : {"limit=0", "limit=1001", "limit=x", "limit=", "limit=5x", "before=soon", "before="}) {
    const auto r = api("GET", std::string("/api/v1/topics/mqtt/temp004/history?") + q);
    EXPECT_EQ(r.status, 400) << q;
    EXPECT_EQ(error_code(r), "bad_request") << q;
  }
  EXPECT_EQ(api("GET", "/api/v1/topics/mqtt/temp004/history?limit=1000").status, 200);
  EXPECT_EQ(api("POST", "/api/v1/topics/mqtt/temp004/history").status, 405);
}

}  // namespace
