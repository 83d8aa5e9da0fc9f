// The live rule set: reloads keep the old rules on error, edits are saved before they apply,
// tenants stay apart, and the authorizer port reads it.

#include <gtest/gtest.h>

#include "roost/acl/acl_authorizer.hpp"
#include "roost/acl/rule_store.hpp"
#include "roost/platform/cloud_scope.hpp"
#include "support/temp_dir.hpp"

namespace roost::acl {
namespace {

using roost::test::temp_dir;

broker::scope_id tenant_scope(tenant_id t) { return platform::scope_of(t, platform::cloud_namespace::mqtt); }

TEST(AclStore, AMissingFileIsNoRulesUnlessRequired) {
  temp_dir dir;
  auto optional = rule_store::open(dir / "acl.conf", false);
  ASSERT_TRUE(optional);
  EXPECT_EQ((*optional)->rule_count(), 0u);
  auto required = rule_store::open(dir / "acl.conf", true);
  ASSERT_FALSE(required);
  EXPECT_NE(required.error().to_string().find("acl.conf"), std::string::npos);
}

TEST(AclStore, ABadReloadKeepsTheRulesInForce) {
  temp_dir dir;
  const auto file = dir.write("acl.conf", "deny publish x\n");
  auto store = rule_store::open(file, true);
  ASSERT_TRUE(store);
  auto before = (*store)->current();
  dir.write("acl.conf", "deny publish x\ndeny publish y/#/z\n");
  const auto r = (*store)->reload();
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().line, 2u);
  EXPECT_EQ((*store)->current(), before);
  dir.write("acl.conf", "deny publish x\ndeny publish y\n");
  ASSERT_TRUE((*store)->reload());
  EXPECT_EQ((*store)->rule_count(), 2u);
  // A snapshot taken before stays valid and unchanged.
  EXPECT_EQ(count_rules(before->rules), 1u);
}

TEST(AclStore, EditsAreSavedThenApplied) {
  temp_dir dir;
  const auto file = dir.write("acl.conf", "# keep me\ndeny publish x\n");
  auto store = rule_store::open(file, true);
  ASSERT_TRUE(store);
  auto edited = (*store)->edit(5, [](section& s) {
    s.fallback = effect::deny;
    s.rules.push_back({effect::allow, access::publish, "t/%c", {}, {}, {}});
    return std::string{};
  });
  ASSERT_TRUE(edited) << edited.error().reason;
  EXPECT_EQ(edited->rules.size(), 1u);
  const std::string text = dir.read("acl.conf");
  EXPECT_NE(text.find("# keep me\n"), std::string::npos) << text;
  EXPECT_NE(text.find("[tenant 5]\ndefault deny\nallow publish   t/%c\n"), std::string::npos) << text;
  // The file as written is what a reload reads.
  ASSERT_TRUE((*store)->reload());
  EXPECT_EQ((*store)->current()->rules.find(5)->rules.size(), 1u);
}

TEST(AclStore, ARefusedEditChangesNothing) {
  temp_dir dir;
  const auto file = dir.write("acl.conf", "deny publish x\n");
  auto store = rule_store::open(file, true);
  ASSERT_TRUE(store);
  auto before = (*store)->current();
  auto bad = (*store)->edit(broker_tenant, [](section& s) {
    s.rules.push_back({effect::allow, access::publish, "a/#/b", {}, {}, {}});
    return std::string{};
  });
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().what, edit_error::kind::invalid);
  auto missing = (*store)->edit(broker_tenant, [](section&) { return std::string("not found: rule 9"); });
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().what, edit_error::kind::not_found);
  EXPECT_EQ((*store)->current(), before);
  EXPECT_EQ(dir.read("acl.conf"), "deny publish x\n");
}

TEST(AclStore, ASectionLeftEmptyIsRemoved) {
  temp_dir dir;
  auto store = rule_store::open(dir / "acl.conf", false);
  ASSERT_TRUE(store);
  ASSERT_TRUE((*store)->edit(4, [](section& s) {
    s.rules.push_back({effect::deny, access::both, "#", {}, {}, {}});
    return std::string{};
  }));
  ASSERT_NE((*store)->current()->rules.find(4), nullptr);
  ASSERT_TRUE((*store)->edit(4, [](section& s) {
    s.rules.clear();
    return std::string{};
  }));
  EXPECT_EQ((*store)->current()->rules.find(4), nullptr);
}

TEST(AclAuthorizer, ATenantsRulesNeverReachAnotherTenant) {
  temp_dir dir;
  const auto file = dir.write("acl.conf",
                              "[tenant 1]\n"
                              "default deny\n"
                              "allow both mine/#\n");
  auto store = rule_store::open(file, true);
  ASSERT_TRUE(store);
  acl_authorizer authz{**store};
  const broker::client_identity one{tenant_scope(1), "d1", std::nullopt};
  const broker::client_identity two{tenant_scope(2), "d1", std::nullopt};
  const broker::client_identity plain{broker::default_scope, "d1", std::nullopt};
  EXPECT_TRUE(authz.allow_publish(one, "mine/x"));
  EXPECT_FALSE(authz.allow_publish(one, "yours/x"));
  EXPECT_TRUE(authz.allow_publish(two, "yours/x"));
  EXPECT_TRUE(authz.allow_publish(plain, "yours/x"));
  EXPECT_FALSE(authz.allow_subscribe(one, "#"));
  EXPECT_TRUE(authz.allow_subscribe(two, "#"));
  EXPECT_TRUE(authz.screens_deliveries(tenant_scope(1)));
  EXPECT_FALSE(authz.screens_deliveries(tenant_scope(2)));
  EXPECT_FALSE(authz.screens_deliveries(broker::default_scope));
  EXPECT_FALSE(authz.allow_delivery(one, "yours/x"));
}

TEST(AclAuthorizer, NoScreeningRulesMeansNoDeliveryChecks) {
  temp_dir dir;
  auto store = rule_store::open(dir.write("acl.conf", "deny publish x\nallow subscribe y\n"), true);
  ASSERT_TRUE(store);
  EXPECT_FALSE((*store)->any_screening());
  acl_authorizer authz{**store};
  EXPECT_FALSE(authz.screens_deliveries(broker::default_scope));
}

}  // namespace
}  // namespace roost::acl
