// tenant_directory's operator calls: add, list and remove while the server runs.

#include "roost/platform/tenant_directory.hpp"

#include <gtest/gtest.h>

#include "fake_tenant_repository.hpp"
#include "roost/platform/tenant_key.hpp"

namespace roost::platform {
namespace {

struct TenantDirectory : ::testing::Test {
  test::fake_tenant_repository repo;
  tenant_directory directory{repo};
};

TEST_F(TenantDirectory, AddCreatesATenantWithANewKeyThatSignsIn) {
  auto a = directory.add("garden", 1'700'000'000);
  auto b = directory.add("", 1'700'000'001);
  ASSERT_TRUE(a && b);
  EXPECT_TRUE(valid_private_key(a->private_key));
  EXPECT_NE(a->private_key, b->private_key);
  EXPECT_EQ(a->name, "garden");
  EXPECT_EQ(a->created_at, 1'700'000'000);
  EXPECT_TRUE(a->auto_create_topics);
  const auto found = directory.by_key(a->private_key);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->id, a->id);
  const auto all = directory.list();
  ASSERT_TRUE(all);
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ((*all)[0].name, "garden");
}

TEST_F(TenantDirectory, RemoveByIdEndsSignIn) {
  auto a = directory.add("a", 0);
  auto b = directory.add("b", 0);
  ASSERT_TRUE(a && b);
  ASSERT_TRUE(repo.set_auto_create_topics(a->private_key, false));
  ASSERT_TRUE(directory.by_key(a->private_key));
  EXPECT_FALSE(directory.auto_create_topics(a->id));
  auto removed = directory.remove(a->id);
  ASSERT_TRUE(removed);
  EXPECT_EQ(removed->private_key, a->private_key);
  EXPECT_FALSE(directory.by_key(a->private_key));
  EXPECT_TRUE(directory.auto_create_topics(a->id));  // forgotten
  EXPECT_TRUE(directory.by_key(b->private_key));
  const auto again = directory.remove(a->id);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, tenant_errc::not_found);
}

}  // namespace
}  // namespace roost::platform
