// sqlite_firmware_catalog: metadata in the database, bytes in files; put, replace, remove,
// reopen, orphaned files swept, a tenant's removal, damaged files.

#include "roost/store/sqlite_firmware_catalog.hpp"

#include <gtest/gtest.h>

#include <future>
#include <string>

#include "roost/platform/cloud_scope.hpp"
#include "roost/store/open_database.hpp"
#include "temp_dir.hpp"

namespace roost::store {
namespace {

namespace fs = std::filesystem;
using platform::cloud_namespace;
using platform::firmware_result;
using platform::scope_of;

const broker::scope_id mqtt_a = scope_of(1, cloud_namespace::mqtt);
const broker::scope_id tcp_a = scope_of(1, cloud_namespace::tcp);
const broker::scope_id mqtt_b = scope_of(2, cloud_namespace::mqtt);

platform::firmware_upload upload(std::string bytes, std::string version = "1.0.0") {
  return {std::move(bytes), std::move(version), "stable", "app.bin", 1'700'000'000'123};
}

// Waits for a catalog callback's result.
template <class T>
struct waiter {
  std::promise<firmware_result<T>> promise;
  platform::firmware_catalog::callback<T> callback() {
    return [this](firmware_result<T> r) { promise.set_value(std::move(r)); };
  }
  firmware_result<T> get() { return promise.get_future().get(); }
};

class SqliteFirmwareCatalog : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = open_data_dir(dir.path());
    ASSERT_TRUE(opened) << opened.error().reason;
    admin.emplace(std::move(opened->db));
    ASSERT_TRUE(
        admin->exec("INSERT INTO tenants (id, private_key, created_at) VALUES "
                    "(1, 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', 0), (2, 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb', 0)"));
    open();
  }

  void open() {
    catalog.reset();
    auto db = database::open(dir / database_file_name);
    ASSERT_TRUE(db) << db.error().reason;
    auto c = sqlite_firmware_catalog::open(std::move(*db), files());
    ASSERT_TRUE(c) << c.error().reason;
    catalog = std::move(*c);
  }

  fs::path files() const { return dir / "firmware"; }

  firmware_result<platform::firmware_info> put(broker::scope_id s, std::string topic, std::string bytes,
                                               std::string version = "1.0.0") {
    waiter<platform::firmware_info> w;
    catalog->put(s, topic, upload(std::move(bytes), std::move(version)), w.callback());
    return w.get();
  }
  firmware_result<platform::firmware_file> read(const std::string& id) {
    waiter<platform::firmware_file> w;
    catalog->read(id, w.callback());
    return w.get();
  }
  firmware_result<bool> remove(broker::scope_id s, std::string topic) {
    waiter<bool> w;
    catalog->remove(s, topic, w.callback());
    return w.get();
  }
  std::size_t files_on_disk() const {
    std::size_t n = 0;
    for ([[maybe_unused]] const auto& entry : fs::directory_iterator(files())) ++n;
    return n;
  }

  test::temp_dir dir;
  std::optional<database> admin;
  std::unique_ptr<sqlite_firmware_catalog> catalog;
};

TEST_F(SqliteFirmwareCatalog, a_put_is_found_and_read_back) {
  auto stored = put(mqtt_a, "light002", "123456789");
  ASSERT_TRUE(stored) << stored.error().reason;
  EXPECT_EQ(stored->id.size(), 32u);
  EXPECT_EQ(stored->version, "1.0.0");
  EXPECT_EQ(stored->tag, "stable");
  EXPECT_EQ(stored->file_name, "app.bin");
  EXPECT_EQ(stored->size, 9u);
  EXPECT_EQ(stored->crc32, "cbf43926");
  EXPECT_EQ(stored->sha256, "15e2b0d3c33891ebb0f1ef609ec419420c20e320ce94c65fbc8c3312448eb225");
  EXPECT_EQ(stored->uploaded_ms, 1'700'000'000'123);
  EXPECT_TRUE(fs::exists(files() / (stored->id + ".bin")));

  const auto found = catalog->find(mqtt_a, "light002");
  ASSERT_TRUE(found);
  EXPECT_EQ(found->id, stored->id);
  EXPECT_FALSE(catalog->find(tcp_a, "light002"));   // another namespace
  EXPECT_FALSE(catalog->find(mqtt_b, "light002"));  // another tenant
  EXPECT_EQ(catalog->by_id(stored->id)->version, "1.0.0");

  auto file = read(stored->id);
  ASSERT_TRUE(file) << file.error().reason;
  EXPECT_EQ(file->bytes, "123456789");
  EXPECT_EQ(file->info.sha256, stored->sha256);
}

TEST_F(SqliteFirmwareCatalog, a_new_put_replaces_the_old_file) {
  const auto first = put(mqtt_a, "light002", "old");
  const auto second = put(mqtt_a, "light002", "newer", "2.0.0");
  ASSERT_TRUE(first && second);
  EXPECT_NE(first->id, second->id);
  EXPECT_EQ(catalog->find(mqtt_a, "light002")->version, "2.0.0");
  EXPECT_FALSE(catalog->by_id(first->id));
  EXPECT_FALSE(fs::exists(files() / (first->id + ".bin")));
  EXPECT_EQ(files_on_disk(), 1u);
  EXPECT_EQ(read(first->id).error().code, platform::firmware_errc::not_found);
  EXPECT_EQ(read(second->id)->bytes, "newer");
  EXPECT_EQ(catalog->size(), 1u);
}

TEST_F(SqliteFirmwareCatalog, everything_is_back_after_a_reopen) {
  const auto a = put(mqtt_a, "light002", std::string("\0\1\2", 3));
  const auto b = put(tcp_a, "light002", "tcp");
  ASSERT_TRUE(a && b);
  open();
  EXPECT_EQ(catalog->size(), 2u);
  const auto found = catalog->find(mqtt_a, "light002");
  ASSERT_TRUE(found);
  EXPECT_EQ(found->id, a->id);
  EXPECT_EQ(found->crc32, a->crc32);
  EXPECT_EQ(found->sha256, a->sha256);
  EXPECT_EQ(found->uploaded_ms, a->uploaded_ms);
  EXPECT_EQ(read(a->id)->bytes, std::string("\0\1\2", 3));
  EXPECT_EQ(read(b->id)->bytes, "tcp");
}

TEST_F(SqliteFirmwareCatalog, remove_takes_the_row_and_the_file) {
  const auto a = put(mqtt_a, "light002", "x");
  ASSERT_TRUE(a);
  auto removed = remove(mqtt_a, "light002");
  ASSERT_TRUE(removed);
  EXPECT_TRUE(*removed);
  EXPECT_FALSE(catalog->find(mqtt_a, "light002"));
  EXPECT_EQ(files_on_disk(), 0u);
  removed = remove(mqtt_a, "light002");
  ASSERT_TRUE(removed);
  EXPECT_FALSE(*removed);
  open();
  EXPECT_EQ(catalog->size(), 0u);
}

TEST_F(SqliteFirmwareCatalog, remove_scope_takes_one_namespace) {
  put(mqtt_a, "one", "1");
  put(mqtt_a, "two", "2");
  put(tcp_a, "one", "3");
  put(mqtt_b, "one", "4");
  waiter<std::size_t> w;
  catalog->remove_scope(mqtt_a, w.callback());
  auto n = w.get();
  ASSERT_TRUE(n);
  EXPECT_EQ(*n, 2u);
  EXPECT_EQ(catalog->size(), 2u);
  EXPECT_EQ(files_on_disk(), 2u);
  EXPECT_TRUE(catalog->find(tcp_a, "one"));
  EXPECT_TRUE(catalog->find(mqtt_b, "one"));
  open();
  EXPECT_EQ(catalog->size(), 2u);
}

TEST_F(SqliteFirmwareCatalog, a_removed_tenants_firmware_is_gone_after_a_reopen) {
  const auto a = put(mqtt_a, "light002", "x");
  ASSERT_TRUE(a);
  ASSERT_TRUE(admin->exec("DELETE FROM tenants WHERE id = 1"));  // as `roost tenant remove` does
  open();
  EXPECT_FALSE(catalog->find(mqtt_a, "light002"));
  EXPECT_EQ(files_on_disk(), 0u);  // the orphaned file was swept
}

TEST_F(SqliteFirmwareCatalog, stray_and_partial_files_are_swept_at_open) {
  const auto a = put(mqtt_a, "light002", "keep");
  ASSERT_TRUE(a);
  dir.write("firmware/0123.bin", "orphan");
  dir.write("firmware/" + a->id + ".bin.tmp", "partial");
  open();
  EXPECT_EQ(files_on_disk(), 1u);
  EXPECT_EQ(read(a->id)->bytes, "keep");
}

TEST_F(SqliteFirmwareCatalog, a_tenant_that_does_not_exist_stores_nothing) {
  const auto r = put(scope_of(9, cloud_namespace::mqtt), "x", "bytes");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, platform::firmware_errc::storage);
  EXPECT_EQ(catalog->size(), 0u);
  EXPECT_EQ(files_on_disk(), 0u);  // the file written first was removed again
}

TEST_F(SqliteFirmwareCatalog, a_scope_that_is_no_tenant_namespace_is_invalid) {
  const auto r = put(broker::default_scope, "x", "bytes");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, platform::firmware_errc::invalid);
}

TEST_F(SqliteFirmwareCatalog, a_damaged_file_is_a_storage_error) {
  const auto a = put(mqtt_a, "light002", "123456789");
  ASSERT_TRUE(a);
  dir.write("firmware/" + a->id + ".bin", "1234");
  const auto r = read(a->id);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, platform::firmware_errc::storage);
  EXPECT_NE(r.error().reason.find("expected 9"), std::string::npos) << r.error().reason;
  fs::remove(files() / (a->id + ".bin"));
  EXPECT_EQ(read(a->id).error().code, platform::firmware_errc::storage);
}

TEST_F(SqliteFirmwareCatalog, the_destructor_runs_queued_callbacks) {
  int called = 0;
  for (int i = 0; i < 5; ++i) {
    catalog->put(mqtt_a, "t" + std::to_string(i), upload("x"), [&](auto r) { called += r ? 1 : 0; });
  }
  catalog.reset();
  EXPECT_EQ(called, 5);
  open();
  EXPECT_EQ(catalog->size(), 5u);
}

TEST_F(SqliteFirmwareCatalog, an_unwritable_directory_fails_to_open) {
  dir.write("blocker", "a file where the directory should be");
  auto db = database::open(dir / database_file_name);
  ASSERT_TRUE(db);
  const auto c = sqlite_firmware_catalog::open(std::move(*db), dir / "blocker");
  ASSERT_FALSE(c);
  EXPECT_NE(c.error().reason.find("blocker"), std::string::npos) << c.error().reason;
}

}  // namespace
}  // namespace roost::store
