// The matcher: first match wins, %c/%u, wildcards, subscribe coverage, tenants.

#include <gtest/gtest.h>

#include "roost/acl/acl_authorizer.hpp"
#include "roost/acl/check_access.hpp"
#include "roost/acl/parse_rules.hpp"
#include "roost/platform/cloud_scope.hpp"

namespace roost::acl {
namespace {

section rules_of(std::string_view text) {
  auto r = parse_rules(text);
  EXPECT_TRUE(r) << r.error().to_string();
  return r->sections.at(broker_tenant);
}

const subject alice{"c1", std::string_view{"alice"}};
const subject anonymous{"c2", std::nullopt};

TEST(AclCheck, FirstMatchingRuleWins) {
  const section s = rules_of(
      "deny  publish a/secret\n"
      "allow publish a/#\n"
      "default deny\n");
  EXPECT_EQ(check_topic(s, alice, access::publish, "a/secret"), effect::deny);
  EXPECT_EQ(check_topic(s, alice, access::publish, "a/open"), effect::allow);
  EXPECT_EQ(check_topic(s, alice, access::publish, "b"), effect::deny);  // the default
  // Publish rules say nothing about subscribing.
  EXPECT_EQ(check_topic(s, alice, access::subscribe, "a/open"), effect::deny);
}

TEST(AclCheck, DefaultIsAllowUnlessSaid) {
  const section s = rules_of("deny publish x\n");
  EXPECT_EQ(check_topic(s, alice, access::publish, "y"), effect::allow);
  EXPECT_EQ(check_topic(s, alice, access::publish, "x"), effect::deny);
}

TEST(AclCheck, ClientAndUserSubstitution) {
  const section s = rules_of(
      "allow both devices/%c/#\n"
      "allow publish users/%u/+\n"
      "allow publish mixed/%u-%c\n"
      "default deny\n");
  EXPECT_EQ(check_topic(s, alice, access::publish, "devices/c1/t"), effect::allow);
  EXPECT_EQ(check_topic(s, alice, access::publish, "devices/c2/t"), effect::deny);
  EXPECT_EQ(check_topic(s, alice, access::publish, "users/alice/x"), effect::allow);
  EXPECT_EQ(check_topic(s, alice, access::publish, "mixed/alice-c1"), effect::allow);
  // No user name: the %u rule is skipped.
  EXPECT_EQ(check_topic(s, anonymous, access::publish, "users//x"), effect::deny);
  EXPECT_EQ(check_topic(s, anonymous, access::publish, "devices/c2/t"), effect::allow);
}

TEST(AclCheck, WildcardsInNamesNeverWidenAnAllowRule) {
  const section s = rules_of("allow publish devices/%c/#\ndefault deny\n");
  const subject sneaky{"+", std::nullopt};
  const subject slashy{"a/b", std::nullopt};
  EXPECT_EQ(check_topic(s, sneaky, access::publish, "devices/x/t"), effect::deny);
  EXPECT_EQ(check_topic(s, slashy, access::publish, "devices/a/b/t"), effect::deny);
}

TEST(AclCheck, ADenyRuleThatCannotBeFilledInDeniesTheWholeLevel) {
  const section s = rules_of("deny publish private/%u/#\n");
  EXPECT_EQ(check_topic(s, anonymous, access::publish, "private/bob/x"), effect::deny);
  EXPECT_EQ(check_topic(s, alice, access::publish, "private/bob/x"), effect::allow);
  EXPECT_EQ(check_topic(s, alice, access::publish, "private/alice/x"), effect::deny);
}

TEST(AclCheck, UserAndClientQualifiers) {
  const section s = rules_of(
      "allow subscribe # user alice\n"
      "allow publish cmd client c2\n"
      "default deny\n");
  EXPECT_EQ(check_subscribe(s, alice, "anything/#"), effect::allow);
  EXPECT_EQ(check_subscribe(s, anonymous, "anything/#"), effect::deny);
  EXPECT_EQ(check_topic(s, anonymous, access::publish, "cmd"), effect::allow);
  EXPECT_EQ(check_topic(s, alice, access::publish, "cmd"), effect::deny);
}

TEST(AclCheck, SubscribeNeedsARuleCoveringTheWholeFilter) {
  const section s = rules_of(
      "deny  subscribe secret/#\n"
      "allow subscribe a/+/status\n"
      "allow subscribe #\n"
      "default deny\n");
  EXPECT_EQ(check_subscribe(s, alice, "secret/x"), effect::deny);
  EXPECT_EQ(check_subscribe(s, alice, "secret/#"), effect::deny);
  // "#" is not inside "secret/#": granted, and deliveries from secret/... are refused by topic.
  EXPECT_EQ(check_subscribe(s, alice, "#"), effect::allow);
  EXPECT_EQ(check_topic(s, alice, access::subscribe, "secret/x"), effect::deny);
  EXPECT_EQ(check_topic(s, alice, access::subscribe, "public/x"), effect::allow);
}

TEST(AclCheck, FilterCoverage) {
  EXPECT_TRUE(filter_covers("#", "a/b"));
  EXPECT_TRUE(filter_covers("#", "a/#"));
  EXPECT_TRUE(filter_covers("a/#", "a"));
  EXPECT_TRUE(filter_covers("a/#", "a/+/c"));
  EXPECT_TRUE(filter_covers("a/+", "a/b"));
  EXPECT_TRUE(filter_covers("a/+", "a/+"));
  EXPECT_TRUE(filter_covers("a/b", "a/b"));
  EXPECT_FALSE(filter_covers("a/b", "a/+"));
  EXPECT_FALSE(filter_covers("a/+", "a/#"));
  EXPECT_FALSE(filter_covers("a/+", "a/b/c"));
  EXPECT_FALSE(filter_covers("a/b/#", "a/#"));
  EXPECT_FALSE(filter_covers("a", "a/b"));
  EXPECT_FALSE(filter_covers("a/b", "a"));
  // Wildcards at the start never reach $ topics [MQTT-4.7.2-1].
  EXPECT_FALSE(filter_covers("#", "$SYS/#"));
  EXPECT_FALSE(filter_covers("+/x", "$SYS/x"));
  EXPECT_TRUE(filter_covers("$SYS/#", "$SYS/broker/+"));
  EXPECT_FALSE(filter_covers("$SYS/#", "#"));
}

TEST(AclCheck, OnlyDenyingSectionsScreenDeliveries) {
  EXPECT_FALSE(screens_deliveries(rules_of("allow subscribe a\ndeny publish b\n")));
  EXPECT_TRUE(screens_deliveries(rules_of("deny subscribe a\n")));
  EXPECT_TRUE(screens_deliveries(rules_of("deny both a\n")));
  EXPECT_TRUE(screens_deliveries(rules_of("default deny\n")));
}

TEST(AclCheck, ScopesMapToTheirTenantsSectionOnly) {
  EXPECT_EQ(tenant_of_scope(broker::default_scope), broker_tenant);
  EXPECT_EQ(tenant_of_scope(platform::scope_of(7, platform::cloud_namespace::mqtt)), 7);
  EXPECT_EQ(tenant_of_scope(platform::scope_of(7, platform::cloud_namespace::tcp)), -1);
}

}  // namespace
}  // namespace roost::acl
