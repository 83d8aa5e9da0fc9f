// Which messages `roost sub` prints: -T, -R, --retained-only.

#include <gtest/gtest.h>

#include "roost/tools/pubsub/filter_messages.hpp"

namespace {

using roost::tools::filtered_out;
using roost::tools::judge_message;
using roost::tools::message_rules;
using roost::tools::message_verdict;

TEST(FilterOut, MqttMatching) {
  const std::vector<std::string> filters{"a/secret/#", "+/noise", "exact"};
  EXPECT_TRUE(filtered_out(filters, "a/secret"));
  EXPECT_TRUE(filtered_out(filters, "a/secret/x/y"));
  EXPECT_TRUE(filtered_out(filters, "b/noise"));
  EXPECT_TRUE(filtered_out(filters, "exact"));
  EXPECT_FALSE(filtered_out(filters, "a/public"));
  EXPECT_FALSE(filtered_out(filters, "b/noise/more"));
  EXPECT_FALSE(filtered_out(filters, "exact/not"));
  EXPECT_FALSE(filtered_out({}, "anything"));
}

TEST(FilterOut, WildcardsDoNotMatchDollarTopics) {
  EXPECT_FALSE(filtered_out({"#"}, "$SYS/broker/uptime"));
  EXPECT_FALSE(filtered_out({"+/broker/uptime"}, "$SYS/broker/uptime"));
  EXPECT_TRUE(filtered_out({"$SYS/#"}, "$SYS/broker/uptime"));
}

TEST(JudgeMessage, PrintsByDefault) {
  EXPECT_EQ(judge_message({}, "t", false), message_verdict::print);
  EXPECT_EQ(judge_message({}, "t", true), message_verdict::print);
}

TEST(JudgeMessage, NoRetainedSkipsStaleMessages) {
  message_rules r;
  r.no_retained = true;
  EXPECT_EQ(judge_message(r, "t", true), message_verdict::skip);
  EXPECT_EQ(judge_message(r, "t", false), message_verdict::print);
}

TEST(JudgeMessage, RetainedOnlyFinishesAtTheFirstLiveMessage) {
  message_rules r;
  r.retained_only = true;
  EXPECT_EQ(judge_message(r, "t", true), message_verdict::print);
  EXPECT_EQ(judge_message(r, "t", false), message_verdict::finish);
  r.filter_out = {"t"};
  EXPECT_EQ(judge_message(r, "t", false), message_verdict::finish) << "checked before -T";
  EXPECT_EQ(judge_message(r, "t", true), message_verdict::skip);
}

TEST(JudgeMessage, FilterOutSkips) {
  message_rules r;
  r.filter_out = {"a/#"};
  EXPECT_EQ(judge_message(r, "a/b", false), message_verdict::skip);
  EXPECT_EQ(judge_message(r, "b", false), message_verdict::print);
}

}  // namespace
