// retained_store: put / replace / clear, exact size and byte accounting, wildcard matching from the
// filter's side, the '$' rule, and sizes and depths that would break a naive tree.

#include "roost/broker/retained_store.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace roost::broker {
namespace {

message_ptr retained(std::string_view topic, std::string_view payload) {
  const auto* data = reinterpret_cast<const std::uint8_t*>(payload.data());
  return make_message(default_scope, topic, mqtt::byte_view(data, payload.size()), 1, true);
}

std::string payload_of(const message_ptr& m) {
  return std::string(m->payload.begin(), m->payload.end());
}

// The topics a filter matches, sorted.
std::vector<std::string> matched_topics(const retained_store& store, std::string_view filter) {
  std::vector<message_ptr> out;
  store.match(filter, out);
  std::vector<std::string> topics;
  for (const auto& m : out) topics.emplace_back(m->topic);
  std::sort(topics.begin(), topics.end());
  return topics;
}

using topics = std::vector<std::string>;

// ---- put / find / replace / clear ----

TEST(retained_store, put_then_find_exact_topic) {
  retained_store store;
  const message_ptr m = retained("sensors/a/temp", "21");
  store.put(m);
  EXPECT_EQ(store.find("sensors/a/temp"), m);   // shared, not copied
  EXPECT_EQ(store.find("sensors/a"), nullptr);  // an inner level holds nothing
  EXPECT_EQ(store.find("sensors/a/temp/x"), nullptr);
  EXPECT_EQ(store.find("sensors/+/temp"), nullptr);  // find is exact, not a match
  EXPECT_EQ(store.find("Sensors/a/temp"), nullptr);
  EXPECT_EQ(store.size(), 1u);
}

TEST(retained_store, put_replaces_the_previous_message_of_a_topic) {
  retained_store store;
  store.put(retained("a/b", "first"));
  store.put(retained("a/b", "second!"));
  EXPECT_EQ(store.size(), 1u);
  ASSERT_NE(store.find("a/b"), nullptr);
  EXPECT_EQ(payload_of(store.find("a/b")), "second!");
  EXPECT_EQ(store.bytes(), 3u + 7u);
}

TEST(retained_store, empty_payload_clears_the_topic_MQTT_3_3_1_10) {
  retained_store store;
  store.put(retained("a/b", "1"));
  store.put(retained("a/b/c", "2"));
  store.put(retained("a/b", ""));
  EXPECT_EQ(store.find("a/b"), nullptr);
  ASSERT_NE(store.find("a/b/c"), nullptr);  // the level below is untouched
  EXPECT_EQ(store.size(), 1u);
  EXPECT_EQ(matched_topics(store, "a/#"), (topics{"a/b/c"}));
}

TEST(retained_store, empty_payload_is_never_stored_MQTT_3_3_1_11) {
  retained_store store;
  store.put(retained("a/b", ""));  // nothing to clear
  EXPECT_EQ(store.find("a/b"), nullptr);
  EXPECT_EQ(store.size(), 0u);
  EXPECT_EQ(store.bytes(), 0u);
  EXPECT_TRUE(matched_topics(store, "#").empty());

  store.put(retained("a/b/c", "x"));
  store.put(retained("a", ""));  // clearing an inner level that holds nothing changes nothing
  store.put(retained("a/b/c/d", ""));
  EXPECT_EQ(store.size(), 1u);
  EXPECT_EQ(store.bytes(), 5u + 1u);
  EXPECT_EQ(matched_topics(store, "#"), (topics{"a/b/c"}));
}

TEST(retained_store, size_and_bytes_are_exact_through_every_change) {
  retained_store store;
  std::size_t expected = 0;
  store.put(retained("t", "12345"));  // 1 + 5
  expected += 6;
  store.put(retained("t/u", "ab"));  // 3 + 2
  expected += 5;
  store.put(retained("t", "1"));  // replaces 6 by 2
  expected = expected - 6 + 2;
  EXPECT_EQ(store.size(), 2u);
  EXPECT_EQ(store.bytes(), expected);
  store.put(retained("t/u", ""));
  expected -= 5;
  EXPECT_EQ(store.size(), 1u);
  EXPECT_EQ(store.bytes(), expected);
  store.put(retained("t/u", ""));  // twice is harmless
  EXPECT_EQ(store.bytes(), expected);
  store.put(retained("t", ""));
  EXPECT_EQ(store.size(), 0u);
  EXPECT_EQ(store.bytes(), 0u);
}

TEST(retained_store, clearing_everything_prunes_and_the_store_is_reusable) {
  const std::vector<std::string> all = {"a", "a/b", "a/b/c", "/", "//", "$SYS/x", "x/y/z/w", "a/"};
  retained_store store;
  for (const auto& t : all) store.put(retained(t, "v"));
  ASSERT_EQ(store.size(), all.size());
  for (const auto& t : all) store.put(retained(t, ""));
  EXPECT_EQ(store.size(), 0u);
  EXPECT_EQ(store.bytes(), 0u);
  for (const std::string_view filter : {"#", "+", "+/+", "a/#", "$SYS/#", "x/y/z/w", "+/+/+/+"}) {
    EXPECT_TRUE(matched_topics(store, filter).empty()) << filter;
  }
  store.put(retained("a/b/c", "again"));
  EXPECT_EQ(matched_topics(store, "#"), (topics{"a/b/c"}));
}

// ---- matching a filter against what is retained ----

TEST(retained_store, match_by_filter_section_4_7) {
  retained_store store;
  for (const std::string_view t :
       {"sport", "sport/", "sport/tennis", "sport/tennis/player1", "sport/tennis/player1/ranking",
        "sport/tennis/player2", "sport/golf/player1", "/finance", "finance"}) {
    store.put(retained(t, "v"));
  }
  EXPECT_EQ(matched_topics(store, "sport/tennis/player1/#"),
            (topics{"sport/tennis/player1", "sport/tennis/player1/ranking"}));
  EXPECT_EQ(matched_topics(store, "sport/tennis/+"),
            (topics{"sport/tennis/player1", "sport/tennis/player2"}));
  EXPECT_EQ(matched_topics(store, "sport/+"), (topics{"sport/", "sport/tennis"}));
  EXPECT_EQ(matched_topics(store, "sport/+/player1"),
            (topics{"sport/golf/player1", "sport/tennis/player1"}));
  EXPECT_EQ(matched_topics(store, "+/tennis/#"),
            (topics{"sport/tennis", "sport/tennis/player1", "sport/tennis/player1/ranking",
                    "sport/tennis/player2"}));
  EXPECT_EQ(matched_topics(store, "+"), (topics{"finance", "sport"}));
  EXPECT_EQ(matched_topics(store, "/+"), (topics{"/finance"}));
  EXPECT_EQ(matched_topics(store, "+/+"), (topics{"/finance", "sport/", "sport/tennis"}));
  EXPECT_EQ(matched_topics(store, "finance"), (topics{"finance"}));
  EXPECT_EQ(matched_topics(store, "Finance"), topics{});
  EXPECT_EQ(matched_topics(store, "#").size(), 9u);
}

TEST(retained_store, hash_takes_the_parent_level_and_the_whole_subtree) {
  retained_store store;
  for (const std::string_view t : {"a", "a/b", "a/b/c", "a/", "ab", "b/a"}) {
    store.put(retained(t, "v"));
  }
  EXPECT_EQ(matched_topics(store, "a/#"), (topics{"a", "a/", "a/b", "a/b/c"}));
  EXPECT_EQ(matched_topics(store, "a/b/#"), (topics{"a/b", "a/b/c"}));
  EXPECT_EQ(matched_topics(store, "a/+"), (topics{"a/", "a/b"}));
  EXPECT_EQ(matched_topics(store, "+/#"), (topics{"a", "a/", "a/b", "a/b/c", "ab", "b/a"}));
  EXPECT_EQ(matched_topics(store, "a/+/#"), (topics{"a/", "a/b", "a/b/c"}));
  EXPECT_EQ(matched_topics(store, "+/a/#"), (topics{"b/a"}));
}

TEST(retained_store, empty_levels_section_4_7_1_1) {
  retained_store store;
  for (const std::string_view t : {"/", "/a", "a/", "a", "//", "a//b"}) store.put(retained(t, "v"));
  EXPECT_EQ(matched_topics(store, "+"), (topics{"a"}));
  EXPECT_EQ(matched_topics(store, "+/+"), (topics{"/", "/a", "a/"}));
  EXPECT_EQ(matched_topics(store, "/+"), (topics{"/", "/a"}));
  EXPECT_EQ(matched_topics(store, "+/"), (topics{"/", "a/"}));
  EXPECT_EQ(matched_topics(store, "a/+/b"), (topics{"a//b"}));
  EXPECT_EQ(matched_topics(store, "+/+/+"), (topics{"//", "a//b"}));
  EXPECT_EQ(matched_topics(store, "/#"), (topics{"/", "//", "/a"}));
  EXPECT_EQ(matched_topics(store, "#").size(), 6u);
}

TEST(retained_store, dollar_topics_need_an_explicit_first_level_MQTT_4_7_2_1) {
  retained_store store;
  for (const std::string_view t : {"$SYS", "$SYS/broker/uptime", "$SYS/x", "sensors/a", "a/$b"}) {
    store.put(retained(t, "v"));
  }
  EXPECT_EQ(matched_topics(store, "#"), (topics{"a/$b", "sensors/a"}));
  EXPECT_EQ(matched_topics(store, "+"), topics{});
  EXPECT_EQ(matched_topics(store, "+/#"), (topics{"a/$b", "sensors/a"}));
  EXPECT_EQ(matched_topics(store, "+/x"), topics{});
  EXPECT_EQ(matched_topics(store, "+/broker/uptime"), topics{});
  EXPECT_EQ(matched_topics(store, "$SYS/#"), (topics{"$SYS", "$SYS/broker/uptime", "$SYS/x"}));
  EXPECT_EQ(matched_topics(store, "$SYS/+"), (topics{"$SYS/x"}));
  EXPECT_EQ(matched_topics(store, "$SYS/+/uptime"), (topics{"$SYS/broker/uptime"}));
  EXPECT_EQ(matched_topics(store, "a/+"), (topics{"a/$b"}));  // only a leading '$' is special
}

TEST(retained_store, match_appends_without_clearing_out) {
  retained_store store;
  store.put(retained("a", "v"));
  std::vector<message_ptr> out{retained("z", "keep")};
  store.match("a", out);
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0]->topic, "z");
  EXPECT_EQ(out[1]->topic, "a");
}

// ---- size and depth ----

TEST(retained_store, wildcards_over_a_hundred_thousand_retained_messages) {
  constexpr std::size_t n = 100'000;
  retained_store store;
  std::size_t bytes = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const std::string topic = "site/" + std::to_string(i % 100) + "/dev/" + std::to_string(i);
    const std::string payload = std::to_string(i);
    bytes += topic.size() + payload.size();
    store.put(retained(topic, payload));
  }
  store.put(retained("$SYS/retained", "100000"));
  ASSERT_EQ(store.size(), n + 1);
  EXPECT_EQ(store.bytes(), bytes + 13 + 6);

  auto match_count = [&](std::string_view filter) {
    std::vector<message_ptr> out;
    store.match(filter, out);
    return out.size();
  };
  std::vector<message_ptr> all;
  store.match("#", all);
  ASSERT_EQ(all.size(), n);
  std::set<std::string_view> distinct;
  for (const auto& m : all) distinct.insert(m->topic);
  EXPECT_EQ(distinct.size(), n);

  EXPECT_EQ(match_count("site/#"), n);
  EXPECT_EQ(match_count("+/+/+/+"), n);
  EXPECT_EQ(match_count("site/+/dev/+"), n);
  EXPECT_EQ(match_count("site/7/#"), n / 100);
  EXPECT_EQ(match_count("site/7/dev/+"), n / 100);
  EXPECT_EQ(match_count("site/+/dev/4242"), 1u);
  EXPECT_EQ(match_count("site/42/dev/4242"), 1u);
  EXPECT_EQ(match_count("site/41/dev/4242"), 0u);
  EXPECT_EQ(match_count("+/+/+"), 0u);
  EXPECT_EQ(match_count("$SYS/#"), 1u);

  for (std::size_t i = 0; i < n; i += 2) {
    store.put(retained("site/" + std::to_string(i % 100) + "/dev/" + std::to_string(i), ""));
  }
  EXPECT_EQ(store.size(), n / 2 + 1);
  EXPECT_EQ(match_count("#"), n / 2);
  EXPECT_EQ(match_count("site/7/dev/+"), n / 100);  // 7 is odd: all of its topics are odd
  EXPECT_EQ(match_count("site/8/dev/+"), 0u);
}

TEST(retained_store, deep_topics_do_not_exhaust_the_stack) {
  retained_store store;
  const std::string deep(19'999, '/');     // 20,000 empty levels
  const std::string deepest(65'535, '/');  // the longest topic: 65,536 empty levels
  std::string deep_plus = "+";
  for (int i = 1; i < 20'000; ++i) deep_plus += "/+";

  store.put(retained(deep, "x"));
  store.put(retained(deepest, "y"));
  store.put(retained("a", "z"));
  EXPECT_EQ(store.size(), 3u);
  EXPECT_EQ(store.bytes(), 19'999u + 65'535u + 1u + 3u);
  ASSERT_NE(store.find(deep), nullptr);
  EXPECT_EQ(payload_of(store.find(deep)), "x");
  EXPECT_EQ(store.find(deep + "/"), nullptr);

  EXPECT_EQ(matched_topics(store, "#").size(), 3u);
  EXPECT_EQ(matched_topics(store, "/#").size(), 2u);
  EXPECT_EQ(matched_topics(store, deep_plus), (topics{deep}));
  EXPECT_EQ(matched_topics(store, deep + "#").size(), 2u);  // `deep` itself and the deeper one
  EXPECT_EQ(matched_topics(store, deepest), (topics{deepest}));

  store.put(retained(deep, ""));  // prunes nothing above: the deeper topic shares the path
  EXPECT_EQ(store.find(deep), nullptr);
  ASSERT_NE(store.find(deepest), nullptr);
  EXPECT_EQ(store.size(), 2u);
  store.put(retained(deepest, ""));  // prunes 65,536 levels
  EXPECT_EQ(store.size(), 1u);
  EXPECT_EQ(store.bytes(), 2u);
  EXPECT_EQ(matched_topics(store, "#"), (topics{"a"}));

  // A deep tree left in place goes with the destructor, which must not recurse per level.
  store.put(retained(deepest, "y"));
}

}  // namespace
}  // namespace roost::broker
