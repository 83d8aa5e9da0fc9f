// sqlite_topic_store: writes through the write-behind worker, history bounded per topic, reload
// from the same file through another connection, rename, remove, tenant cascade.

#include "roost/store/sqlite_topic_store.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "roost/platform/cloud_scope.hpp"
#include "roost/store/open_database.hpp"
#include "temp_dir.hpp"

namespace roost::store {
namespace {

using platform::cloud_namespace;
using platform::history_entry;
using platform::scope_of;
using platform::stored_topic;
using platform::topic_record;

constexpr std::int64_t tenant_a = 1;
constexpr std::int64_t tenant_b = 2;

topic_record record(std::string name, std::optional<history_entry> latest = std::nullopt) {
  topic_record r;
  r.name = std::move(name);
  r.type = platform::device_type_of(r.name);
  r.latest = std::move(latest);
  return r;
}

// A migrated database with two tenants, a worker on its own connection and the store under test.
class SqliteTopicStore : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = open_data_dir(dir.path());
    ASSERT_TRUE(opened) << opened.error().reason;
    reader.emplace(std::move(opened->db));
    ASSERT_TRUE(reader->exec("INSERT INTO tenants (id, private_key, created_at) VALUES "
                             "(1, 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', 0), (2, 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb', 0)"));
    start(3);
  }
  void TearDown() override { stop(); }

  void start(std::size_t history_limit) {
    auto w = database::open(dir / database_file_name);
    ASSERT_TRUE(w) << w.error().reason;
    writer_db.emplace(std::move(*w));
    writer.emplace(*writer_db);
    sqlite_topic_store_options o;
    o.history_limit = history_limit;
    o.on_error = [this](const error& e) { errors.push_back(e.reason); };
    o.now_seconds = [] { return std::int64_t{1'700'000'000}; };
    store.emplace(*writer, *reader, o);
  }
  void stop() {
    store.reset();
    writer.reset();
    writer_db.reset();
  }

  // Everything stored, read back through a fresh connection to the same file.
  std::vector<stored_topic> reload() {
    if (writer) writer->flush();
    auto other = database::open(dir / database_file_name);
    EXPECT_TRUE(other) << other.error().reason;
    if (!other) return {};
    write_behind idle{*other};
    sqlite_topic_store fresh{idle, *other};
    auto loaded = fresh.load();
    EXPECT_TRUE(loaded) << loaded.error().reason;
    return loaded ? std::move(*loaded) : std::vector<stored_topic>{};
  }

  // Publishes `value` at `time` to `r` (as the registry would: latest, then the history entry).
  void publish(broker::scope_id scope, topic_record& r, std::string value, std::int64_t time) {
    r.latest = history_entry{std::move(value), time};
    r.history.push_back(*r.latest);
    store->saved(scope, r, &r.history.back());
  }

  test::temp_dir dir;
  std::optional<database> reader;
  std::optional<database> writer_db;
  std::optional<write_behind> writer;
  std::optional<sqlite_topic_store> store;
  std::vector<std::string> errors;  // written by the worker, read after flush()
};


constexpr broker::scope_id mqtt_a = scope_of(tenant_a, cloud_namespace::mqtt);
constexpr broker::scope_id tcp_a = scope_of(tenant_a, cloud_namespace::tcp);
constexpr broker::scope_id mqtt_b = scope_of(tenant_b, cloud_namespace::mqtt);

const stored_topic* find(const std::vector<stored_topic>& all, broker::scope_id scope, std::string_view name) {
  for (const auto& t : all) {
    if (t.scope == scope && t.record.name == name) return &t;
  }
  return nullptr;
}

std::vector<std::string> values(const topic_record& r) {
  std::vector<std::string> out;
  for (const auto& e : r.history) out.push_back(e.value);
  return out;
}

TEST_F(SqliteTopicStore, SavedTopicReloadsWithLatestValueAndHistory) {
  topic_record led = record("ledctrl002");
  store->saved(mqtt_a, led, nullptr);
  publish(mqtt_a, led, "on", 1000);
  publish(mqtt_a, led, "off", 2000);

  const auto all = reload();
  ASSERT_EQ(all.size(), 1u);
  const stored_topic* t = find(all, mqtt_a, "ledctrl002");
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(t->record.type, platform::device_type_of("ledctrl002"));
  ASSERT_TRUE(t->record.latest);
  EXPECT_EQ(t->record.latest->value, "off");
  EXPECT_EQ(t->record.latest->time_ms, 2000);
  EXPECT_EQ(values(t->record), (std::vector<std::string>{"on", "off"}));
  EXPECT_EQ(t->record.history.front().time_ms, 1000);
  EXPECT_EQ(t->record.online, 0);
  EXPECT_TRUE(errors.empty());
}

TEST_F(SqliteTopicStore, TopicWithoutValueHasNoLatest) {
  store->saved(mqtt_a, record("fan003"), nullptr);
  const auto all = reload();
  ASSERT_EQ(all.size(), 1u);
  EXPECT_FALSE(all[0].record.latest);
  EXPECT_TRUE(all[0].record.history.empty());
}

TEST_F(SqliteTopicStore, EmptyAndBinaryValuesSurvive) {
  topic_record t = record("temp004");
  publish(mqtt_a, t, "", 1);
  publish(mqtt_a, t, std::string("a\0b", 3), 2);
  const auto all = reload();
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(values(all[0].record), (std::vector<std::string>{"", std::string("a\0b", 3)}));
  EXPECT_TRUE(errors.empty());
}

TEST_F(SqliteTopicStore, HistoryIsTrimmedToTheLimitOldestFirst) {
  topic_record t = record("temp004");
  topic_record other = record("temp005");
  for (int i = 1; i <= 5; ++i) {
    publish(mqtt_a, t, "v" + std::to_string(i), i);
    publish(mqtt_a, other, "w" + std::to_string(i), i);
  }
  const auto all = reload();
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(values(find(all, mqtt_a, "temp004")->record), (std::vector<std::string>{"v3", "v4", "v5"}));
  EXPECT_EQ(values(find(all, mqtt_a, "temp005")->record), (std::vector<std::string>{"w3", "w4", "w5"}));
}

TEST_F(SqliteTopicStore, ZeroLimitKeepsNoHistoryButTheLatestValue) {
  stop();
  start(0);
  topic_record t = record("temp004");
  publish(mqtt_a, t, "v1", 1);
  const auto all = reload();
  ASSERT_EQ(all.size(), 1u);
  EXPECT_TRUE(all[0].record.history.empty());
  ASSERT_TRUE(all[0].record.latest);
  EXPECT_EQ(all[0].record.latest->value, "v1");
}

TEST_F(SqliteTopicStore, NamespacesAndTenantsAreSeparate) {
  topic_record m = record("led002");
  topic_record t = record("led002");
  topic_record b = record("led002");
  publish(mqtt_a, m, "mqtt", 1);
  publish(tcp_a, t, "tcp", 2);
  publish(mqtt_b, b, "other tenant", 3);
  const auto all = reload();
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(find(all, mqtt_a, "led002")->record.latest->value, "mqtt");
  EXPECT_EQ(find(all, tcp_a, "led002")->record.latest->value, "tcp");
  EXPECT_EQ(find(all, mqtt_b, "led002")->record.latest->value, "other tenant");
}

TEST_F(SqliteTopicStore, RenameKeepsValueAndHistory) {
  topic_record t = record("temp004");
  publish(mqtt_a, t, "21", 1);
  t.display_name = "Kitchen";
  store->saved(mqtt_a, t, nullptr);
  const auto all = reload();
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].record.display_name, "Kitchen");
  EXPECT_EQ(all[0].record.latest->value, "21");
  EXPECT_EQ(values(all[0].record), (std::vector<std::string>{"21"}));
}

TEST_F(SqliteTopicStore, RemoveDeletesTheTopicAndItsHistory) {
  topic_record t = record("temp004");
  topic_record kept = record("led002");
  publish(mqtt_a, t, "21", 1);
  publish(mqtt_a, kept, "on", 1);
  store->removed(mqtt_a, "temp004");
  const auto all = reload();
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].record.name, "led002");
  auto rows = reader->prepare("SELECT count(*) FROM history WHERE topic = 'temp004'");
  ASSERT_TRUE(rows);
  ASSERT_TRUE(rows->step());
  EXPECT_EQ(rows->column_int64(0), 0);
}

TEST_F(SqliteTopicStore, RemovingATenantRemovesItsTopics) {
  topic_record a = record("led002");
  topic_record b = record("led002");
  publish(mqtt_a, a, "on", 1);
  publish(mqtt_b, b, "on", 1);
  writer->flush();
  ASSERT_TRUE(reader->exec("DELETE FROM tenants WHERE id = 1"));
  const auto all = reload();
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].scope, mqtt_b);
}

TEST_F(SqliteTopicStore, WriteForAnUnknownTenantFailsAloneAndIsReported) {
  topic_record ghost = record("led002");
  topic_record real = record("fan003");
  publish(scope_of(99, cloud_namespace::mqtt), ghost, "x", 1);
  publish(mqtt_a, real, "on", 1);
  const auto all = reload();
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].record.name, "fan003");
  EXPECT_EQ(errors.size(), 1u);
}

TEST_F(SqliteTopicStore, StopDrainsWhatIsQueued) {
  topic_record t = record("temp004");
  for (int i = 0; i < 50; ++i) publish(mqtt_a, t, std::to_string(i), i);
  stop();
  const auto all = reload();
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].record.latest->value, "49");
}

}  // namespace
}  // namespace roost::store
