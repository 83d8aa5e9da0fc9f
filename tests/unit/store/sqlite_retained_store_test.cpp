// sqlite_retained_store: retained messages written through the write-behind worker, replaced and
// removed, and loaded back (binary payloads, QoS, scopes) through another connection.

#include "roost/store/sqlite_retained_store.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "roost/platform/cloud_scope.hpp"
#include "roost/store/open_database.hpp"
#include "temp_dir.hpp"

namespace roost::store {
namespace {

broker::message_ptr retained(broker::scope_id scope, std::string topic, std::string payload, std::uint8_t qos = 0) {
  const auto* data = reinterpret_cast<const std::uint8_t*>(payload.data());
  return broker::make_message(scope, topic, mqtt::byte_view(data, payload.size()), qos, true);
}

class SqliteRetainedStore : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = open_data_dir(dir.path());
    ASSERT_TRUE(opened) << opened.error().reason;
    reader.emplace(std::move(opened->db));
    auto w = database::open(dir.path() / database_file_name);
    ASSERT_TRUE(w) << w.error().reason;
    writer_db.emplace(std::move(*w));
    writer.emplace(*writer_db);
    store.emplace(*writer, [this](const error& e) { errors.push_back(e.reason); });
  }
  void TearDown() override { writer->stop(); }

  // Everything stored, as "scope topic=payload qos", sorted.
  std::vector<std::string> stored() {
    writer->flush();
    auto loaded = sqlite_retained_store::load(*reader);
    EXPECT_TRUE(loaded) << loaded.error().reason;
    std::vector<std::string> out;
    for (const auto& m : *loaded) {
      EXPECT_TRUE(m->retain);
      out.push_back(std::to_string(m->scope) + " " + m->topic + "=" +
                    std::string(m->payload.begin(), m->payload.end()) + " " + std::to_string(m->qos));
    }
    std::sort(out.begin(), out.end());
    return out;
  }

  roost::test::temp_dir dir;
  std::optional<database> reader;
  std::optional<database> writer_db;
  std::optional<write_behind> writer;
  std::optional<sqlite_retained_store> store;
  std::vector<std::string> errors;
};

TEST_F(SqliteRetainedStore, stores_replaces_and_removes) {
  store->retained_changed(retained(0, "a/b", "one", 1));
  store->retained_changed(retained(0, "a/c", "two"));
  store->retained_changed(retained(0, "a/b", "newer", 2));
  store->retained_changed(retained(0, "a/c", ""));  // cleared
  EXPECT_EQ(stored(), (std::vector<std::string>{"0 a/b=newer 2"}));
  EXPECT_TRUE(errors.empty());
}

TEST_F(SqliteRetainedStore, scopes_are_kept_apart) {
  const auto tenant_scope = platform::scope_of(7, platform::cloud_namespace::mqtt);
  store->retained_changed(retained(0, "state", "plain"));
  store->retained_changed(retained(tenant_scope, "state", "tenant"));
  EXPECT_EQ(stored(), (std::vector<std::string>{"0 state=plain 0", std::to_string(tenant_scope) + " state=tenant 0"}));
}

TEST_F(SqliteRetainedStore, binary_payloads_survive) {
  const std::string bytes("\x00\x01\xff\r\n", 5);
  store->retained_changed(retained(0, "bin", bytes));
  writer->flush();
  auto loaded = sqlite_retained_store::load(*reader);
  ASSERT_TRUE(loaded);
  ASSERT_EQ(loaded->size(), 1u);
  EXPECT_EQ(std::string((*loaded)[0]->payload.begin(), (*loaded)[0]->payload.end()), bytes);
}

}  // namespace
}  // namespace roost::store
