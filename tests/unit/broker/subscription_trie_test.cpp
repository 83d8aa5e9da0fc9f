// subscription_trie: matching as MQTT 3.1.1 section 4.7 defines it, bookkeeping of (filter,
// session) pairs, pruning, and sizes far beyond a unit test's usual handful.

#include "roost/broker/subscription_trie.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <random>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace roost::broker {
namespace {

// Sessions are opaque to the trie: it stores and returns the pointers, never dereferences them.
session* fake_session(std::size_t i) {
  return reinterpret_cast<session*>(static_cast<std::uintptr_t>(0x100000 + 16 * i));
}

using hit = std::pair<session*, std::uint8_t>;

subscription_options with_qos(std::uint8_t qos) { return subscription_options{.qos = qos}; }

std::vector<hit> match_sorted(const subscription_trie& trie, std::string_view topic) {
  std::vector<subscription_trie::match_entry> out;
  trie.match(topic, out);
  std::vector<hit> hits;
  for (const auto& e : out) hits.emplace_back(e.subscriber, e.options.qos);
  std::sort(hits.begin(), hits.end());
  return hits;
}

std::size_t match_count(const subscription_trie& trie, std::string_view topic) {
  std::vector<subscription_trie::match_entry> out;
  trie.match(topic, out);
  return out.size();
}

// The rule written the plain way (split both, compare level by level), to check the trie against.
std::vector<std::string_view> split(std::string_view s) {
  std::vector<std::string_view> levels;
  std::size_t start = 0;
  for (;;) {
    const std::size_t slash = s.find('/', start);
    if (slash == std::string_view::npos) {
      levels.push_back(s.substr(start));
      return levels;
    }
    levels.push_back(s.substr(start, slash - start));
    start = slash + 1;
  }
}

bool reference_match(std::string_view filter, std::string_view topic) {
  const auto f = split(filter);
  const auto t = split(topic);
  if (!topic.empty() && topic.front() == '$' && (f[0] == "+" || f[0] == "#")) return false;
  for (std::size_t i = 0; i < f.size(); ++i) {
    if (f[i] == "#") return true;
    if (i >= t.size()) return false;
    if (f[i] != "+" && f[i] != t[i]) return false;
  }
  return f.size() == t.size();
}

struct match_case {
  std::string_view filter;
  std::string_view topic;
  bool matches;
};

// One subscription per case in its own trie, then the reference agrees on the same table.
void check_table(const std::vector<match_case>& cases) {
  for (const auto& c : cases) {
    subscription_trie trie;
    trie.insert(c.filter, fake_session(1), with_qos(1));
    EXPECT_EQ(match_count(trie, c.topic), c.matches ? 1u : 0u)
        << "filter '" << c.filter << "' topic '" << c.topic << "'";
    EXPECT_EQ(reference_match(c.filter, c.topic), c.matches)
        << "reference: filter '" << c.filter << "' topic '" << c.topic << "'";
  }
}

// ---- section 4.7: the examples of the specification and their edges ----

TEST(subscription_trie, multi_level_wildcard_section_4_7_1_2) {
  check_table({
      {"sport/tennis/player1/#", "sport/tennis/player1", true},
      {"sport/tennis/player1/#", "sport/tennis/player1/ranking", true},
      {"sport/tennis/player1/#", "sport/tennis/player1/score/wimbledon", true},
      {"sport/tennis/player1/#", "sport/tennis/player2", false},
      {"sport/tennis/player1/#", "sport/tennis", false},
      {"sport/#", "sport", true},
      {"sport/#", "sport/", true},
      {"sport/#", "sports", false},
      {"#", "sport", true},
      {"#", "sport/tennis/player1", true},
      {"#", "/", true},
      {"#", "/finance", true},
  });
}

TEST(subscription_trie, hash_matches_parent_level_but_not_siblings) {
  check_table({
      {"a/#", "a", true},
      {"a/#", "a/b", true},
      {"a/#", "a/b/c", true},
      {"a/#", "b", false},
      {"a/b/#", "a", false},
      {"+/#", "a", true},
      {"+/#", "a/b", true},
      {"a/+/#", "a", false},
      {"a/+/#", "a/b", true},
  });
}

TEST(subscription_trie, single_level_wildcard_section_4_7_1_3) {
  check_table({
      {"sport/tennis/+", "sport/tennis/player1", true},
      {"sport/tennis/+", "sport/tennis/player2", true},
      {"sport/tennis/+", "sport/tennis/player1/ranking", false},
      {"sport/+", "sport", false},
      {"sport/+", "sport/", true},
      {"+/+", "/finance", true},
      {"/+", "/finance", true},
      {"+", "/finance", false},
      {"+/tennis/#", "sport/tennis/player1/ranking", true},
      {"sport/+/player1", "sport/tennis/player1", true},
      {"+", "sport", true},
      {"+", "sport/tennis", false},
  });
}

TEST(subscription_trie, empty_levels_are_levels_section_4_7_1_1) {
  check_table({
      {"/finance", "finance", false},
      {"finance", "/finance", false},
      {"/finance", "/finance", true},
      {"a//b", "a//b", true},
      {"a//b", "a/b", false},
      {"a/+/b", "a//b", true},
      {"+/+", "/", true},
      {"+", "/", false},
      {"/", "/", true},
      {"a/", "a", false},
      {"a", "a/", false},
      {"a/+", "a/", true},
      {"+/", "a/", true},
      {"//", "//", true},
      {"+/+/+", "//", true},
  });
}

TEST(subscription_trie, dollar_topics_not_matched_by_leading_wildcard_MQTT_4_7_2_1) {
  check_table({
      {"#", "$SYS/monitor/Clients", false},
      {"#", "$SYS", false},
      {"+/monitor/Clients", "$SYS/monitor/Clients", false},
      {"+", "$SYS", false},
      {"+/#", "$SYS/x", false},
      {"+/x", "$SYS/x", false},
      {"$SYS/#", "$SYS/monitor/Clients", true},
      {"$SYS/#", "$SYS/x", true},
      {"$SYS/#", "$SYS", true},
      {"$SYS/monitor/+", "$SYS/monitor/Clients", true},
      {"$SYS/+/Clients", "$SYS/monitor/Clients", true},
      // Only a leading '$' is special.
      {"#", "a/$SYS", true},
      {"a/+", "a/$SYS", true},
      {"+/$x", "a/$x", true},
  });
}

TEST(subscription_trie, no_normalisation_when_matching_MQTT_4_7_3_4) {
  check_table({
      {"ACCOUNTS", "Accounts", false},
      {"Accounts", "Accounts", true},
      {"Accounts payable", "Accounts payable", true},
      {"Accounts payable", "Accounts  payable", false},
      {"a/b", "a/b ", false},
      {"caf\xc3\xa9", "caf\xc3\xa9", true},
      {"caf\xc3\xa9", "cafe", false},
  });
}

TEST(subscription_trie, wildcard_and_literal_children_of_one_level_both_match) {
  subscription_trie trie;
  trie.insert("a/+", fake_session(1), with_qos(0));
  trie.insert("a/b", fake_session(2), with_qos(0));
  EXPECT_EQ(match_count(trie, "a/b"), 2u);
  EXPECT_EQ(match_count(trie, "a/c"), 1u);
}

// ---- many filters in one trie, checked against the plain rule ----

TEST(subscription_trie, every_filter_of_a_shared_trie_agrees_with_the_reference) {
  const std::vector<std::string> level_choices = {"a", "b", "", "$s", "+"};
  std::mt19937 rng(4711);
  auto pick = [&](std::size_t n) { return static_cast<std::size_t>(rng() % n); };

  std::vector<std::string> filters;
  for (int i = 0; i < 600; ++i) {
    std::string f;
    const std::size_t levels = 1 + pick(4);
    for (std::size_t l = 0; l < levels; ++l) {
      if (l != 0) f += '/';
      f += level_choices[pick(level_choices.size())];
    }
    if (pick(4) == 0) f += "/#";
    filters.push_back(f);
  }
  filters.push_back("#");
  std::sort(filters.begin(), filters.end());
  filters.erase(std::unique(filters.begin(), filters.end()), filters.end());

  subscription_trie trie;
  for (std::size_t i = 0; i < filters.size(); ++i) {
    EXPECT_TRUE(trie.insert(filters[i], fake_session(i), with_qos(static_cast<std::uint8_t>(i % 3))));
  }
  ASSERT_EQ(trie.size(), filters.size());

  const std::vector<std::string> topic_levels = {"a", "b", "", "$s", "c"};
  for (int t = 0; t < 2000; ++t) {
    std::string topic;
    const std::size_t levels = 1 + pick(5);
    for (std::size_t l = 0; l < levels; ++l) {
      if (l != 0) topic += '/';
      topic += topic_levels[pick(topic_levels.size())];
    }
    std::vector<hit> expected;
    for (std::size_t i = 0; i < filters.size(); ++i) {
      if (reference_match(filters[i], topic)) {
        expected.emplace_back(fake_session(i), static_cast<std::uint8_t>(i % 3));
      }
    }
    std::sort(expected.begin(), expected.end());
    ASSERT_EQ(match_sorted(trie, topic), expected) << "topic '" << topic << "'";
  }

  // Remove every other filter and check again, so pruning is exercised among live neighbours.
  for (std::size_t i = 0; i < filters.size(); i += 2) {
    EXPECT_TRUE(trie.erase(filters[i], fake_session(i)));
  }
  for (const std::string topic : {"a", "a/b", "/", "$s/a", "a//b", "b/a/", "$s", "c/c/c/c"}) {
    std::vector<hit> expected;
    for (std::size_t i = 1; i < filters.size(); i += 2) {
      if (reference_match(filters[i], topic)) {
        expected.emplace_back(fake_session(i), static_cast<std::uint8_t>(i % 3));
      }
    }
    std::sort(expected.begin(), expected.end());
    EXPECT_EQ(match_sorted(trie, topic), expected) << "topic '" << topic << "'";
  }
}

// ---- insert / update / erase / size ----

TEST(subscription_trie, insert_reports_new_pairs_and_updates_qos_of_existing_ones) {
  subscription_trie trie;
  EXPECT_EQ(trie.size(), 0u);
  EXPECT_TRUE(trie.insert("home/+/temp", fake_session(1), with_qos(0)));
  EXPECT_EQ(trie.size(), 1u);
  EXPECT_FALSE(trie.insert("home/+/temp", fake_session(1), with_qos(2)));
  EXPECT_EQ(trie.size(), 1u);
  EXPECT_EQ(match_sorted(trie, "home/kitchen/temp"), (std::vector<hit>{{fake_session(1), 2}}));

  EXPECT_TRUE(trie.insert("home/+/temp", fake_session(2), with_qos(1)));
  EXPECT_TRUE(trie.insert("home/kitchen/temp", fake_session(1), with_qos(1)));
  EXPECT_EQ(trie.size(), 3u);
}

TEST(subscription_trie, overlapping_filters_of_one_session_give_one_entry_each) {
  subscription_trie trie;
  trie.insert("home/+/temp", fake_session(1), with_qos(1));
  trie.insert("home/#", fake_session(2), with_qos(0));
  trie.insert("home/kitchen/temp", fake_session(1), with_qos(2));
  EXPECT_EQ(match_sorted(trie, "home/kitchen/temp"),
            (std::vector<hit>{{fake_session(1), 1}, {fake_session(1), 2}, {fake_session(2), 0}}));
  EXPECT_EQ(match_sorted(trie, "home"), (std::vector<hit>{{fake_session(2), 0}}));
  EXPECT_EQ(match_sorted(trie, "garden/kitchen/temp"), std::vector<hit>{});
}

TEST(subscription_trie, match_appends_without_clearing_out) {
  subscription_trie trie;
  trie.insert("a", fake_session(1), with_qos(0));
  std::vector<subscription_trie::match_entry> out;
  out.push_back({fake_session(9), with_qos(1), nullptr});
  trie.match("a", out);
  trie.match("a", out);
  ASSERT_EQ(out.size(), 3u);
  EXPECT_EQ(out[0].subscriber, fake_session(9));
  EXPECT_EQ(out[1].subscriber, fake_session(1));
  EXPECT_EQ(out[2].subscriber, fake_session(1));
}

TEST(subscription_trie, erase_reports_whether_the_pair_existed) {
  subscription_trie trie;
  trie.insert("a/b", fake_session(1), with_qos(1));
  trie.insert("a/b", fake_session(2), with_qos(1));

  EXPECT_FALSE(trie.erase("a/b", fake_session(3)));  // unknown session
  EXPECT_FALSE(trie.erase("a/c", fake_session(1)));  // unknown filter
  EXPECT_FALSE(trie.erase("a", fake_session(1)));    // a prefix of a filter, not a filter
  EXPECT_FALSE(trie.erase("a/b/c", fake_session(1)));
  EXPECT_FALSE(trie.erase("a/+", fake_session(1)));  // wildcards are taken literally
  EXPECT_EQ(trie.size(), 2u);

  EXPECT_TRUE(trie.erase("a/b", fake_session(1)));
  EXPECT_FALSE(trie.erase("a/b", fake_session(1)));
  EXPECT_EQ(trie.size(), 1u);
  EXPECT_EQ(match_sorted(trie, "a/b"), (std::vector<hit>{{fake_session(2), 1}}));
}

TEST(subscription_trie, erasing_a_wildcard_filter_leaves_literal_neighbours) {
  subscription_trie trie;
  trie.insert("a/+", fake_session(1), with_qos(0));
  trie.insert("a/#", fake_session(2), with_qos(0));
  trie.insert("a/x", fake_session(3), with_qos(0));
  trie.insert("a", fake_session(4), with_qos(0));

  EXPECT_TRUE(trie.erase("a/+", fake_session(1)));
  EXPECT_EQ(match_sorted(trie, "a/x"),
            (std::vector<hit>{{fake_session(2), 0}, {fake_session(3), 0}}));
  EXPECT_TRUE(trie.erase("a/#", fake_session(2)));
  EXPECT_EQ(match_sorted(trie, "a/x"), (std::vector<hit>{{fake_session(3), 0}}));
  EXPECT_EQ(match_sorted(trie, "a"), (std::vector<hit>{{fake_session(4), 0}}));
  // An inner node with subscribers of its own survives the removal of its last child.
  EXPECT_TRUE(trie.erase("a/x", fake_session(3)));
  EXPECT_EQ(match_sorted(trie, "a"), (std::vector<hit>{{fake_session(4), 0}}));
  EXPECT_EQ(trie.size(), 1u);
}

TEST(subscription_trie, erasing_everything_prunes_and_the_trie_is_reusable) {
  const std::vector<std::string> filters = {
      "a", "a/b", "a/b/c", "a/+/c", "+/+", "#", "/", "//", "$SYS/#", "a/#", "+", "x/y/z/w",
  };
  subscription_trie trie;
  for (std::size_t i = 0; i < filters.size(); ++i) trie.insert(filters[i], fake_session(i), with_qos(0));
  ASSERT_EQ(trie.size(), filters.size());

  // Deepest first, then shallow first, so pruning meets both orders.
  for (std::size_t i = filters.size(); i-- > filters.size() / 2;) {
    EXPECT_TRUE(trie.erase(filters[i], fake_session(i)));
  }
  for (std::size_t i = 0; i < filters.size() / 2; ++i) {
    EXPECT_TRUE(trie.erase(filters[i], fake_session(i)));
  }
  EXPECT_EQ(trie.size(), 0u);
  for (const std::string_view topic : {"a", "a/b", "a/b/c", "x/y/z/w", "/", "//", "$SYS/x", "q"}) {
    EXPECT_EQ(match_count(trie, topic), 0u) << topic;
  }

  EXPECT_TRUE(trie.insert("a/b/c", fake_session(7), with_qos(2)));
  EXPECT_EQ(match_sorted(trie, "a/b/c"), (std::vector<hit>{{fake_session(7), 2}}));
  EXPECT_EQ(trie.size(), 1u);
}

// ---- size ----

TEST(subscription_trie, many_subscribers_of_one_filter) {
  constexpr std::size_t n = 100'000;
  subscription_trie trie;
  for (std::size_t i = 0; i < n; ++i) {
    ASSERT_TRUE(trie.insert("fleet/+/telemetry", fake_session(i), with_qos(1)));
  }
  ASSERT_EQ(trie.size(), n);
  // An update, found through the index.
  EXPECT_FALSE(trie.insert("fleet/+/telemetry", fake_session(n / 2), with_qos(2)));
  EXPECT_EQ(trie.size(), n);

  auto hits = match_sorted(trie, "fleet/truck7/telemetry");
  ASSERT_EQ(hits.size(), n);
  EXPECT_EQ(std::adjacent_find(hits.begin(), hits.end(),
                               [](const hit& a, const hit& b) { return a.first == b.first; }),
            hits.end());
  EXPECT_EQ(std::count_if(hits.begin(), hits.end(), [](const hit& h) { return h.second == 2; }), 1);

  // A mass unsubscribe: every other session, then the rest in reverse.
  for (std::size_t i = 0; i < n; i += 2) {
    ASSERT_TRUE(trie.erase("fleet/+/telemetry", fake_session(i)));
  }
  EXPECT_EQ(trie.size(), n / 2);
  hits = match_sorted(trie, "fleet/truck7/telemetry");
  ASSERT_EQ(hits.size(), n / 2);
  for (std::size_t k = 0; k < hits.size(); ++k) EXPECT_EQ(hits[k].first, fake_session(2 * k + 1));
  for (std::size_t i = n - 1; i < n; i -= 2) {
    ASSERT_TRUE(trie.erase("fleet/+/telemetry", fake_session(i)));
  }
  EXPECT_EQ(trie.size(), 0u);
  EXPECT_EQ(match_count(trie, "fleet/truck7/telemetry"), 0u);

  // The set survives shrinking through its thresholds and growing again.
  for (std::size_t i = 0; i < 40; ++i) trie.insert("fleet/+/telemetry", fake_session(i), with_qos(0));
  for (std::size_t i = 0; i < 35; ++i) trie.erase("fleet/+/telemetry", fake_session(i));
  for (std::size_t i = 100; i < 130; ++i) trie.insert("fleet/+/telemetry", fake_session(i), with_qos(0));
  EXPECT_FALSE(trie.insert("fleet/+/telemetry", fake_session(36), with_qos(1)));
  EXPECT_EQ(trie.size(), 35u);
  EXPECT_EQ(match_count(trie, "fleet/x/telemetry"), 35u);
}

TEST(subscription_trie, hundred_thousand_filters) {
  constexpr std::size_t n = 100'000;
  subscription_trie trie;
  for (std::size_t i = 0; i < n; ++i) {
    ASSERT_TRUE(trie.insert("dev/" + std::to_string(i) + "/temp", fake_session(i), with_qos(0)));
  }
  trie.insert("dev/+/temp", fake_session(n), with_qos(1));
  trie.insert("dev/#", fake_session(n + 1), with_qos(2));
  trie.insert("#", fake_session(n + 2), with_qos(0));
  ASSERT_EQ(trie.size(), n + 3);

  EXPECT_EQ(match_sorted(trie, "dev/4242/temp"), (std::vector<hit>{{fake_session(4242), 0},
                                                                   {fake_session(n), 1},
                                                                   {fake_session(n + 1), 2},
                                                                   {fake_session(n + 2), 0}}));
  EXPECT_EQ(match_count(trie, "dev/100000/temp"), 3u);
  EXPECT_EQ(match_count(trie, "dev/4242"), 2u);
  EXPECT_EQ(match_count(trie, "$SYS/dev/4242/temp"), 0u);

  std::size_t total = 0;
  for (std::size_t i = 0; i < n; ++i) {
    total += match_count(trie, "dev/" + std::to_string(i) + "/temp");
  }
  EXPECT_EQ(total, 4 * n);

  for (std::size_t i = 0; i < n; ++i) {
    ASSERT_TRUE(trie.erase("dev/" + std::to_string(i) + "/temp", fake_session(i)));
  }
  EXPECT_EQ(trie.size(), 3u);
  EXPECT_EQ(match_count(trie, "dev/4242/temp"), 3u);
}

TEST(subscription_trie, deep_filters_and_topics_do_not_exhaust_the_stack) {
  constexpr std::size_t levels = 32'768;  // the most a 65535-byte filter can have
  std::string plus_filter = "+";
  std::string topic = "x";
  for (std::size_t i = 1; i < levels; ++i) {
    plus_filter += "/+";
    topic += "/x";
  }
  const std::string slashes(levels - 1, '/');   // 32768 empty levels
  const std::string deep_hash = slashes + "#";  // 32767 empty levels, then '#'

  subscription_trie trie;
  trie.insert(plus_filter, fake_session(1), with_qos(0));
  trie.insert(slashes, fake_session(2), with_qos(0));
  trie.insert(deep_hash, fake_session(3), with_qos(0));
  trie.insert(topic, fake_session(4), with_qos(0));

  EXPECT_EQ(match_sorted(trie, topic),
            (std::vector<hit>{{fake_session(1), 0}, {fake_session(4), 0}}));
  EXPECT_EQ(match_sorted(trie, slashes),
            (std::vector<hit>{{fake_session(1), 0}, {fake_session(2), 0}, {fake_session(3), 0}}));
  EXPECT_EQ(match_count(trie, slashes + "/deeper"), 1u);  // only the '#' one

  EXPECT_TRUE(trie.erase(slashes, fake_session(2)));
  EXPECT_EQ(match_count(trie, slashes), 2u);
  EXPECT_EQ(trie.size(), 3u);
  // The rest goes with the trie's destructor, which must not recurse per level either.
}


// ---- subscription options and shared groups ----

// Groups are opaque to the trie as well.
shared_group* fake_group(std::size_t i) {
  return reinterpret_cast<shared_group*>(static_cast<std::uintptr_t>(0x900000 + 16 * i));
}

TEST(subscription_trie, entries_carry_their_options_and_an_update_replaces_them) {
  subscription_trie trie;
  const subscription_options first{.qos = 1, .no_local = true, .retain_as_published = true,
                                   .retain_handling = 2, .identifier = 268'435'455};
  EXPECT_TRUE(trie.insert("a/+", fake_session(1), first));
  std::vector<subscription_trie::match_entry> out;
  trie.match("a/b", out);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].options, first);
  EXPECT_EQ(out[0].group, nullptr);

  const subscription_options second{.qos = 2, .identifier = 7};
  EXPECT_FALSE(trie.insert("a/+", fake_session(1), second));
  out.clear();
  trie.match("a/b", out);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].options, second);
}

TEST(subscription_trie, a_session_holds_a_plain_entry_and_memberships_of_several_groups_on_one_filter) {
  subscription_trie trie;
  session* const s = fake_session(1);
  EXPECT_TRUE(trie.insert("t/#", s, with_qos(0)));
  EXPECT_TRUE(trie.insert("t/#", s, with_qos(1), fake_group(1)));
  EXPECT_TRUE(trie.insert("t/#", s, with_qos(2), fake_group(2)));
  EXPECT_FALSE(trie.insert("t/#", s, with_qos(1), fake_group(2)));  // an update of the membership
  EXPECT_EQ(trie.size(), 3u);

  std::vector<subscription_trie::match_entry> out;
  trie.match("t/x", out);
  ASSERT_EQ(out.size(), 3u);
  std::vector<std::pair<shared_group*, std::uint8_t>> seen;
  for (const auto& e : out) {
    EXPECT_EQ(e.subscriber, s);
    seen.emplace_back(e.group, e.options.qos);
  }
  std::sort(seen.begin(), seen.end());
  EXPECT_EQ(seen, (std::vector<std::pair<shared_group*, std::uint8_t>>{
                      {nullptr, 0}, {fake_group(1), 1}, {fake_group(2), 1}}));

  EXPECT_FALSE(trie.erase("t/#", s, fake_group(3)));
  EXPECT_TRUE(trie.erase("t/#", s, fake_group(1)));
  EXPECT_TRUE(trie.erase("t/#", s));
  out.clear();
  trie.match("t/x", out);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].group, fake_group(2));
  EXPECT_TRUE(trie.erase("t/#", s, fake_group(2)));
  EXPECT_EQ(trie.size(), 0u);
}

TEST(subscription_trie, many_members_of_one_group_are_found_through_the_index) {
  subscription_trie trie;
  constexpr std::size_t n = 1'000;
  for (std::size_t i = 0; i < n; ++i) {
    ASSERT_TRUE(trie.insert("jobs/+", fake_session(i), with_qos(1), fake_group(1)));
    ASSERT_TRUE(trie.insert("jobs/+", fake_session(i), with_qos(0)));
  }
  EXPECT_EQ(trie.size(), 2 * n);
  EXPECT_FALSE(trie.insert("jobs/+", fake_session(n / 2), with_qos(2), fake_group(1)));
  for (std::size_t i = 0; i < n; i += 2) ASSERT_TRUE(trie.erase("jobs/+", fake_session(i), fake_group(1)));
  std::vector<subscription_trie::match_entry> out;
  trie.match("jobs/1", out);
  EXPECT_EQ(out.size(), n + n / 2);
  EXPECT_EQ(std::count_if(out.begin(), out.end(), [](const auto& e) { return e.group != nullptr; }),
            static_cast<std::ptrdiff_t>(n / 2));
}

}  // namespace
}  // namespace roost::broker
