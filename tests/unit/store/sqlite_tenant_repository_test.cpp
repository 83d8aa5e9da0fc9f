// The tenant registry on SQLite: CRUD, uniqueness, credentials, and a second process's view.

#include "roost/store/sqlite_tenant_repository.hpp"

#include <gtest/gtest.h>

#include "roost/platform/tenant_credentials.hpp"
#include "roost/platform/tenant_key.hpp"
#include "roost/store/open_database.hpp"
#include "temp_dir.hpp"

namespace roost::store {
namespace {

using platform::tenant;
using platform::tenant_errc;

tenant make_tenant(std::string name, std::int64_t created_at = 1'700'000'000) {
  tenant t;
  t.private_key = *platform::generate_private_key();
  t.name = std::move(name);
  t.created_at = created_at;
  return t;
}

class SqliteTenantRepository : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = open_data_dir(dir.path());
    ASSERT_TRUE(opened) << opened.error().reason;
    db.emplace(std::move(opened->db));
    repo.emplace(*db);
  }
  test::temp_dir dir;
  std::optional<database> db;
  std::optional<sqlite_tenant_repository> repo;
};

TEST_F(SqliteTenantRepository, AddThenFindByKey) {
  const tenant t = make_tenant("home");
  auto added = repo->add(t);
  ASSERT_TRUE(added) << added.error().reason;
  EXPECT_GT(added->id, 0);
  auto found = repo->find_by_key(t.private_key);
  ASSERT_TRUE(found);
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ((*found)->id, added->id);
  EXPECT_EQ((*found)->name, "home");
  EXPECT_EQ((*found)->created_at, 1'700'000'000);
  EXPECT_TRUE((*found)->auto_create_topics);
  EXPECT_FALSE((*found)->app_id);
  EXPECT_FALSE((*found)->secret_hash);
}

TEST_F(SqliteTenantRepository, UnknownKeyIsNotFound) {
  auto found = repo->find_by_key("00000000000000000000000000000000");
  ASSERT_TRUE(found);
  EXPECT_FALSE(found->has_value());
}

TEST_F(SqliteTenantRepository, DuplicateKeyIsRefused) {
  const tenant t = make_tenant("a");
  ASSERT_TRUE(repo->add(t));
  auto again = repo->add(t);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, tenant_errc::duplicate);
}

TEST_F(SqliteTenantRepository, MalformedKeyIsRefused) {
  tenant t = make_tenant("a");
  t.private_key = "NOT-A-KEY";
  auto added = repo->add(t);
  ASSERT_FALSE(added);
  EXPECT_EQ(added.error().code, tenant_errc::invalid);
}

TEST_F(SqliteTenantRepository, ListIsOldestFirst) {
  ASSERT_TRUE(repo->add(make_tenant("second", 200)));
  ASSERT_TRUE(repo->add(make_tenant("first", 100)));
  ASSERT_TRUE(repo->add(make_tenant("third", 300)));
  auto all = repo->list();
  ASSERT_TRUE(all);
  ASSERT_EQ(all->size(), 3u);
  EXPECT_EQ((*all)[0].name, "first");
  EXPECT_EQ((*all)[1].name, "second");
  EXPECT_EQ((*all)[2].name, "third");
}

TEST_F(SqliteTenantRepository, RemoveDeletesTenantAndWhatItOwns) {
  const tenant t = make_tenant("gone");
  auto added = repo->add(t);
  ASSERT_TRUE(added);
  const std::string id = std::to_string(added->id);
  ASSERT_TRUE(db->exec("INSERT INTO topics (tenant_id, namespace, name, created_at) VALUES (" + id +
                       ", 1, 'led', 1)"));
  ASSERT_TRUE(db->exec("INSERT INTO history (tenant_id, namespace, topic, payload, time) VALUES (" +
                       id + ", 1, 'led', 'on', 1)"));
  ASSERT_TRUE(db->exec("INSERT INTO retained (tenant_id, namespace, topic, payload, qos, stored_at) "
                       "VALUES (" + id + ", 1, 'led', 'on', 1, 1)"));
  ASSERT_TRUE(repo->remove(t.private_key));
  EXPECT_FALSE(repo->find_by_key(t.private_key)->has_value());
  for (const char* table : {"topics", "history", "retained"}) {
    auto count = db->prepare(std::string("SELECT count(*) FROM ") + table);
    ASSERT_TRUE(count);
    ASSERT_TRUE(*count->step());
    EXPECT_EQ(count->column_int64(0), 0) << table;
  }
  auto again = repo->remove(t.private_key);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, tenant_errc::not_found);
}

TEST_F(SqliteTenantRepository, AppCredentialsAreFoundByAppId) {
  const tenant t = make_tenant("b");
  ASSERT_TRUE(repo->add(t));
  const auto creds = *platform::generate_app_credentials();
  const auto hash = *platform::hash_secret_key(creds.secret_key);
  ASSERT_TRUE(repo->set_app_credentials(t.private_key, creds.app_id, hash));
  auto found = repo->find_by_app_id(creds.app_id);
  ASSERT_TRUE(found);
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ((*found)->private_key, t.private_key);
  ASSERT_TRUE((*found)->secret_hash);
  EXPECT_TRUE(platform::verify_secret_key(*(*found)->secret_hash, creds.secret_key));
  EXPECT_EQ(*(*found)->app_id, creds.app_id);
}

TEST_F(SqliteTenantRepository, AppIdBelongsToOneTenant) {
  const tenant a = make_tenant("a");
  const tenant b = make_tenant("b");
  ASSERT_TRUE(repo->add(a));
  ASSERT_TRUE(repo->add(b));
  ASSERT_TRUE(repo->set_app_credentials(a.private_key, "beid_same", "h"));
  auto clash = repo->set_app_credentials(b.private_key, "beid_same", "h");
  ASSERT_FALSE(clash);
  EXPECT_EQ(clash.error().code, tenant_errc::duplicate);
  auto unknown = repo->set_app_credentials("ffffffffffffffffffffffffffffffff", "beid_x", "h");
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().code, tenant_errc::not_found);
}

TEST_F(SqliteTenantRepository, AutoCreateTopicsCanBeSwitchedOff) {
  const tenant t = make_tenant("c");
  ASSERT_TRUE(repo->add(t));
  ASSERT_TRUE(repo->set_auto_create_topics(t.private_key, false));
  EXPECT_FALSE((*repo->find_by_key(t.private_key))->auto_create_topics);
}

TEST_F(SqliteTenantRepository, TenantAddedByCliIsSeenByServerConnection) {
  // The running server holds its own connection; `roost tenant add` opens another.
  auto cli = open_data_dir(dir.path());
  ASSERT_TRUE(cli) << cli.error().reason;
  sqlite_tenant_repository cli_repo(cli->db);
  const tenant t = make_tenant("from-cli");
  ASSERT_TRUE(cli_repo.add(t));
  auto seen = repo->find_by_key(t.private_key);
  ASSERT_TRUE(seen);
  ASSERT_TRUE(seen->has_value());
  EXPECT_EQ((*seen)->name, "from-cli");
  ASSERT_TRUE(repo->remove(t.private_key));
  EXPECT_FALSE(cli_repo.find_by_key(t.private_key)->has_value());
}

}  // namespace
}  // namespace roost::store
