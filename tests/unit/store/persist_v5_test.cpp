// sqlite_persistence, MQTT 5: retained and session messages keep their properties and expiry,
// subscriptions their options and identifier, sessions their Session Expiry Interval, across a
// reload; and schema migration 3 upgrades a database written by schema 2 in place.

#include <chrono>

#include "persistence_fixture.hpp"
#include "roost/store/migrations.hpp"

namespace roost::store {
namespace {

using namespace test;
using std::chrono::seconds;

const mqtt::bytes properties{0x26, 0, 1, 'k', 0, 1, 'v', 0x03, 0, 4, 't', 'e', 'x', 't'};

broker::message_ptr v5_message(std::string_view topic, std::string_view payload, std::uint8_t qos, bool retain,
                               time_point expires) {
  const auto* data = reinterpret_cast<const std::uint8_t*>(payload.data());
  return broker::make_message(broker::default_scope, topic, mqtt::byte_view(data, payload.size()), qos, retain,
                              properties, expires);
}

// Seconds between `t` and now, rounded to the nearest (the store's conversion loses < 1 ms).
long seconds_left(time_point t) {
  return std::chrono::round<seconds>(t - clock_type::now()).count();
}

using PersistV5Test = PersistenceTest;

TEST_F(PersistV5Test, RetainedMessageKeepsPropertiesAndExpiry) {
  store->retained_changed(v5_message("r/v5", "x", 1, true, clock_type::now() + seconds(100)));
  store->retained_changed(make_msg(broker::default_scope, "r/plain", "y", 0, true));
  auto loaded = retained();
  ASSERT_EQ(loaded.size(), 2u);
  std::sort(loaded.begin(), loaded.end(), [](const auto& a, const auto& b) { return a->topic < b->topic; });
  EXPECT_EQ(loaded[0]->topic, "r/plain");
  EXPECT_TRUE(loaded[0]->properties.empty());
  EXPECT_EQ(loaded[0]->expires, time_point::max());
  EXPECT_EQ(loaded[1]->topic, "r/v5");
  EXPECT_EQ(mqtt::bytes(loaded[1]->properties.begin(), loaded[1]->properties.end()), properties);
  EXPECT_EQ(seconds_left(loaded[1]->expires), 100);
  EXPECT_TRUE(errors().empty());
}

TEST_F(PersistV5Test, ExpiredRetainedMessageIsNotLoaded_MQTT_3_3_2_5) {
  store->retained_changed(v5_message("r/gone", "x", 0, true, clock_type::now() - seconds(1)));
  EXPECT_TRUE(retained().empty());
}

TEST_F(PersistV5Test, SessionKeepsExpiryOptionsIdentifiersAndMessageProperties) {
  const std::string c = "v5";
  store->session_started({0, c}, 5);
  store->session_expiry_set({0, c}, 600);
  store->subscription_set({0, c}, "a/#", {2, true, true, 2, 77});
  store->subscription_set({0, c}, "b", {.qos = 1});
  broker::stored_message m{10, broker::stored_state::queued, 0, 1, false,
                           v5_message("a/1", "hello", 1, false, clock_type::now() + seconds(50)), {}};
  m.ids.add(77);
  m.ids.add(3);
  store->message_queued({0, c}, m);
  auto loaded = sessions();
  ASSERT_EQ(loaded.size(), 1u);
  const auto& s = loaded[0];
  EXPECT_EQ(s.protocol_level, 5);
  EXPECT_EQ(s.expiry_interval, 600u);
  ASSERT_EQ(s.subscriptions.size(), 2u);
  EXPECT_EQ(s.subscriptions[0].first, "a/#");
  EXPECT_EQ(s.subscriptions[0].second, (broker::subscription_options{2, true, true, 2, 77}));
  EXPECT_EQ(s.subscriptions[1].second, (broker::subscription_options{.qos = 1}));
  ASSERT_EQ(s.messages.size(), 1u);
  const auto& got = s.messages[0];
  ASSERT_TRUE(got.msg);
  EXPECT_EQ(mqtt::bytes(got.msg->properties.begin(), got.msg->properties.end()), properties);
  EXPECT_EQ(seconds_left(got.msg->expires), 50);
  EXPECT_EQ(std::vector<std::uint32_t>(got.ids.view().begin(), got.ids.view().end()),
            (std::vector<std::uint32_t>{77, 3}));
  EXPECT_TRUE(errors().empty());
}

TEST_F(PersistV5Test, NewSessionNeverExpiresUntilTold) {
  const std::string c = "v3";
  store->session_started({0, c}, 4);
  auto loaded = sessions();
  ASSERT_EQ(loaded.size(), 1u);
  EXPECT_EQ(loaded[0].expiry_interval, 0xFFFFFFFFu);
}

// A data directory written by schema 2 (the last schema without the MQTT 5 columns), with a
// persistent 3.1.1 session, a subscription, a queued message and a retained message.
void write_schema_2_file(const std::filesystem::path& file) {
  auto db = database::open(file);
  ASSERT_TRUE(db);
  ASSERT_TRUE(migrate(*db, schema_migrations().first(2)));
  ASSERT_EQ(*db->user_version(), 2);
  ASSERT_TRUE(db->exec(
      "INSERT INTO sessions (tenant_id, client_id, protocol_version, created_at, last_seen) VALUES (0, 'old', 4, 1, 1);"
      "INSERT INTO session_subscriptions (tenant_id, client_id, filter, qos) VALUES (0, 'old', 'x/#', 1);"
      "INSERT INTO session_messages (id, tenant_id, client_id, state, packet_id, topic, payload, qos, retain) "
      "VALUES (5, 0, 'old', 0, 0, 'x/1', 'queued', 1, 0);"
      "INSERT INTO retained (tenant_id, namespace, topic, payload, qos, stored_at) VALUES (0, 0, 'x/r', 'kept', 0, 1);"));
}

TEST(StoreMigration3, UpgradesASchema2FileKeepingItsRows) {
  roost::test::temp_dir dir;
  write_schema_2_file(dir.path() / database_file_name);
  auto opened = open_data_dir(dir.path());  // migrates
  ASSERT_TRUE(opened) << opened.error().reason;
  EXPECT_EQ(*opened->db.user_version(), latest_schema_version());
  auto loaded = sqlite_persistence::load_sessions(opened->db);
  ASSERT_TRUE(loaded) << loaded.error().reason;
  ASSERT_EQ(loaded->size(), 1u);
  const auto& s = (*loaded)[0];
  EXPECT_EQ(s.client_id, "old");
  EXPECT_EQ(s.expiry_interval, 0xFFFFFFFFu);  // a 3.1.1 persistent session never expires
  ASSERT_EQ(s.subscriptions.size(), 1u);
  EXPECT_EQ(s.subscriptions[0].second, (broker::subscription_options{.qos = 1}));
  ASSERT_EQ(s.messages.size(), 1u);
  ASSERT_TRUE(s.messages[0].msg);
  EXPECT_EQ(text_of(*s.messages[0].msg), "queued");
  EXPECT_TRUE(s.messages[0].msg->properties.empty());
  EXPECT_EQ(s.messages[0].msg->expires, time_point::max());
  EXPECT_TRUE(s.messages[0].ids.empty());
  auto retained = sqlite_persistence::load_retained(opened->db);
  ASSERT_TRUE(retained);
  ASSERT_EQ(retained->size(), 1u);
  EXPECT_EQ((*retained)[0]->topic, "x/r");
  EXPECT_EQ((*retained)[0]->expires, time_point::max());
}

}  // namespace
}  // namespace roost::store
