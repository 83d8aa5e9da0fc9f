#pragma once
// The fixture of the sqlite_persistence tests: a migrated database in a temporary directory, a
// write-behind worker on its own connection with the store on it, and a second connection (as
// roost serve's reader at start, or another process) to load and count what was committed.

#include <gtest/gtest.h>

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "roost/platform/cloud_scope.hpp"
#include "roost/store/open_database.hpp"
#include "roost/store/sqlite_persistence.hpp"
#include "temp_dir.hpp"

namespace roost::store::test {

// The MQTT scope of tenant 7: a scope other than the broker's.
inline const broker::scope_id tenant_7 = platform::scope_of(7, platform::cloud_namespace::mqtt);

// A message as the engine makes it (topic and payload copied into one shared allocation).
inline broker::message_ptr make_msg(broker::scope_id scope, std::string_view topic, std::string_view payload,
                                    std::uint8_t qos = 0, bool retain = false) {
  const auto* data = reinterpret_cast<const std::uint8_t*>(payload.data());
  return broker::make_message(scope, topic, mqtt::byte_view(data, payload.size()), qos, retain);
}

inline std::string text_of(const broker::message& m) { return std::string(m.payload.begin(), m.payload.end()); }

class PersistenceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = open_data_dir(dir.path());
    ASSERT_TRUE(opened) << opened.error().reason;
    reader.emplace(std::move(opened->db));
    auto w = database::open(dir.path() / database_file_name);
    ASSERT_TRUE(w) << w.error().reason;
    writer_db.emplace(std::move(*w));
    writer.emplace(*writer_db);
    store.emplace(*writer, [this](const error& e) {
      std::lock_guard lock(_errors_mutex);
      _errors.push_back(e.reason);
    });
  }
  void TearDown() override { writer->stop(); }

  // The write failures reported so far, after everything submitted is written.
  std::vector<std::string> errors() {
    writer->flush();
    std::lock_guard lock(_errors_mutex);
    return _errors;
  }

  // Every stored session, after everything submitted is written.
  std::vector<broker::stored_session> sessions() {
    writer->flush();
    auto loaded = sqlite_persistence::load_sessions(*reader);
    EXPECT_TRUE(loaded) << loaded.error().reason;
    return loaded ? *loaded : std::vector<broker::stored_session>{};
  }

  // Every stored retained message, after everything submitted is written.
  std::vector<broker::message_ptr> retained() {
    writer->flush();
    auto loaded = sqlite_persistence::load_retained(*reader);
    EXPECT_TRUE(loaded) << loaded.error().reason;
    return loaded ? *loaded : std::vector<broker::message_ptr>{};
  }

  // The single integer `sql` selects, through the reader (without flushing: what is committed).
  std::int64_t query(std::string_view sql) {
    auto st = reader->prepare(sql);
    EXPECT_TRUE(st) << st.error().reason;
    if (!st) return -1;
    auto row = st->step();
    EXPECT_TRUE(row && *row) << sql;
    return row && *row ? st->column_int64(0) : -1;
  }

  roost::test::temp_dir dir;
  std::optional<database> reader;
  std::optional<database> writer_db;
  std::optional<write_behind> writer;
  std::optional<sqlite_persistence> store;

 private:
  std::mutex _errors_mutex;
  std::vector<std::string> _errors;
};

}  // namespace roost::store::test
