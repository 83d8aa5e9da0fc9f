// The rule file: syntax, errors with their line numbers, and writing it back.

#include <gtest/gtest.h>

#include "roost/acl/parse_rules.hpp"

namespace roost::acl {
namespace {

TEST(AclParse, RulesGoToTheBrokerSectionUntilATenantHeader) {
  const auto r = parse_rules(
      "# plain broker\n"
      "default deny\n"
      "allow publish devices/%c/#\n"
      "allow subscribe \"a b/#\" user operator client ops-1\n"
      "\n"
      "[tenant 3]\n"
      "deny both secret/#\n");
  ASSERT_TRUE(r) << r.error().to_string();
  ASSERT_EQ(r->sections.size(), 2u);
  const section& broker = r->sections.at(broker_tenant);
  EXPECT_EQ(broker.fallback, effect::deny);
  ASSERT_EQ(broker.rules.size(), 2u);
  EXPECT_EQ(broker.rules[0].filter, "devices/%c/#");
  EXPECT_EQ(broker.rules[0].on, access::publish);
  EXPECT_EQ(broker.rules[1].filter, "a b/#");
  EXPECT_EQ(broker.rules[1].user, "operator");
  EXPECT_EQ(broker.rules[1].client, "ops-1");
  const section& tenant = r->sections.at(3);
  EXPECT_EQ(tenant.fallback, effect::allow);
  ASSERT_EQ(tenant.rules.size(), 1u);
  EXPECT_EQ(tenant.rules[0].action, effect::deny);
  EXPECT_EQ(tenant.rules[0].on, access::both);
}

TEST(AclParse, EmptyTextHasNoSections) {
  const auto r = parse_rules("# nothing yet\n\n");
  ASSERT_TRUE(r);
  EXPECT_TRUE(r->sections.empty());
}

struct bad_case {
  const char* text;
  std::size_t line;
  const char* reason_part;
};

TEST(AclParse, ErrorsNameFileAndLine) {
  const bad_case cases[] = {
      {"allow publish a/#\nfrobnicate x\n", 2, "expected allow, deny, default or [section]"},
      {"allow write a\n", 1, "expected publish, subscribe or both"},
      {"allow publish\n", 1, "a rule is"},
      {"allow publish a/#/b\n", 1, "not a valid topic filter"},
      {"allow publish a user\n", 1, "user needs a value"},
      {"allow publish a user x user y\n", 1, "user given twice"},
      {"allow publish a owner x\n", 1, "expected user or client"},
      {"\n\ndefault maybe\n", 3, "default allow|deny"},
      {"[tenant 0]\n", 1, "from 1 up"},
      {"[tenant x]\n", 1, "from 1 up"},
      {"[people]\n", 1, "[broker] or [tenant N]"},
      {"[tenant 2]\n[tenant 2]\n", 2, "appears twice"},
      {"allow publish a\n[broker]\n", 2, "appears twice"},
      {"allow publish \"a/b\n", 1, "unterminated quote"},
  };
  for (const auto& c : cases) {
    const auto r = parse_rules(c.text, "acl.conf");
    ASSERT_FALSE(r) << c.text;
    EXPECT_EQ(r.error().line, c.line) << c.text;
    EXPECT_NE(r.error().reason.find(c.reason_part), std::string::npos) << r.error().reason;
    EXPECT_EQ(r.error().to_string().rfind("acl.conf:" + std::to_string(c.line) + ": ", 0), 0u)
        << r.error().to_string();
  }
}

TEST(AclParse, FormatParsesBackToTheSameRulesWithComments) {
  const std::string text =
      "# who may do what\n"
      "allow publish devices/%c/#\n"
      "# the operator reads everything\n"
      "allow subscribe # user \"the operator\"\n"
      "\n"
      "[tenant 7]\n"
      "default deny\n"
      "deny  both      \"a b/#\" client c1\n"
      "# end\n";
  const auto first = parse_rules(text);
  ASSERT_TRUE(first) << first.error().to_string();
  const std::string written = format_rules(*first);
  const auto second = parse_rules(written);
  ASSERT_TRUE(second) << second.error().to_string() << "\n" << written;
  EXPECT_EQ(*first, *second) << written;
  EXPECT_NE(written.find("# the operator reads everything\nallow subscribe # user \"the operator\""),
            std::string::npos)
      << written;
  EXPECT_NE(written.find("# end\n"), std::string::npos);
}

TEST(AclParse, CommentLinesAreKeptByteForByteCarriageReturnsIncluded) {
  const std::string text = "# windows\r\r\nallow publish a\r\n# last\r\r";
  const auto first = parse_rules(text);
  ASSERT_TRUE(first) << first.error().to_string();
  EXPECT_EQ(first->sections.at(broker_tenant).rules[0].filter, "a");
  const auto second = parse_rules(format_rules(*first));
  ASSERT_TRUE(second);
  EXPECT_EQ(*first, *second);
}

TEST(AclParse, CheckRuleRefusesBadFiltersAndNames) {
  EXPECT_EQ(check_rule({effect::allow, access::both, "a/+", {}, {}, {}}), "");
  EXPECT_NE(check_rule({effect::allow, access::both, "", {}, {}, {}}), "");
  EXPECT_NE(check_rule({effect::allow, access::both, "a#", {}, {}, {}}), "");
  EXPECT_NE(check_rule({effect::allow, access::both, "a", std::string("x\ny"), {}, {}}), "");
  EXPECT_NE(check_rule({effect::allow, access::both, "a", {}, std::string(""), {}}), "");
}

}  // namespace
}  // namespace roost::acl
