// Opening the data directory: creation, reopen, damaged files moved aside, newer files refused.

#include "roost/store/open_database.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "roost/store/migrations.hpp"
#include "temp_dir.hpp"

namespace roost::store {
namespace {

namespace fs = std::filesystem;

std::vector<fs::path> files_starting_with(const fs::path& dir, const std::string& prefix) {
  std::vector<fs::path> out;
  for (const auto& e : fs::directory_iterator(dir)) {
    if (e.path().filename().string().rfind(prefix, 0) == 0) out.push_back(e.path());
  }
  return out;
}

TEST(OpenDataDir, CreatesDirectoryAndMigratedDatabase) {
  test::temp_dir dir;
  const auto data = dir / "nested" / "data";
  auto opened = open_data_dir(data);
  ASSERT_TRUE(opened) << opened.error().reason;
  EXPECT_TRUE(fs::exists(data / "roost.db"));
  EXPECT_TRUE(opened->notices.empty());
  EXPECT_EQ(*opened->db.user_version(), latest_schema_version());
  EXPECT_EQ(*opened->db.journal_mode(), "wal");
}

TEST(OpenDataDir, ReopenKeepsData) {
  test::temp_dir dir;
  {
    auto opened = open_data_dir(dir.path());
    ASSERT_TRUE(opened);
    ASSERT_TRUE(opened->db.exec(
        "INSERT INTO tenants (private_key, created_at) VALUES ('0123456789abcdef0123456789abcdef', 1)"));
  }
  auto again = open_data_dir(dir.path());
  ASSERT_TRUE(again);
  EXPECT_TRUE(again->notices.empty());
  auto count = again->db.prepare("SELECT count(*) FROM tenants");
  ASSERT_TRUE(count);
  ASSERT_TRUE(*count->step());
  EXPECT_EQ(count->column_int64(0), 1);
}

TEST(OpenDataDir, GarbageFileIsMovedAsideAndReplaced) {
  test::temp_dir dir;
  const std::string garbage(8192, 'x');
  dir.write("roost.db", garbage);
  dir.write("roost.db-wal", "not a wal either");
  auto opened = open_data_dir(dir.path());
  ASSERT_TRUE(opened) << opened.error().reason;
  ASSERT_EQ(opened->notices.size(), 1u);
  EXPECT_NE(opened->notices[0].find("damaged"), std::string::npos) << opened->notices[0];
  const auto aside = files_starting_with(dir.path(), "roost.db.corrupt-");
  // The file itself, and its -wal when SQLite has not already removed that on closing.
  ASSERT_GE(aside.size(), 1u);
  bool found_main = false;
  for (const auto& p : aside) {
    EXPECT_NE(opened->notices[0].find(p.filename().string().substr(0, 33)), std::string::npos);
    if (fs::file_size(p) == garbage.size()) found_main = true;
  }
  EXPECT_TRUE(found_main);
  EXPECT_EQ(*opened->db.user_version(), latest_schema_version());
  EXPECT_EQ(*opened->db.quick_check(), "ok");
}

TEST(OpenDataDir, DamagedPageIsMovedAside) {
  test::temp_dir dir;
  {
    auto opened = open_data_dir(dir.path());
    ASSERT_TRUE(opened);
    ASSERT_TRUE(opened->db.exec("PRAGMA wal_checkpoint(TRUNCATE)"));
  }
  // Keep the valid header but overwrite everything after the first page.
  const auto file = dir / "roost.db";
  const auto size = fs::file_size(file);
  ASSERT_GT(size, 4096u);
  {
    std::fstream f(file, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(4096);
    const std::string junk(size - 4096, '\x5a');
    f.write(junk.data(), static_cast<std::streamsize>(junk.size()));
  }
  auto opened = open_data_dir(dir.path());
  ASSERT_TRUE(opened) << opened.error().reason;
  EXPECT_EQ(opened->notices.size(), 1u);
  EXPECT_EQ(files_starting_with(dir.path(), "roost.db.corrupt-").size(), 1u);
  EXPECT_EQ(*opened->db.quick_check(), "ok");
}

TEST(OpenDataDir, NewerDatabaseIsReportedNotReplaced) {
  test::temp_dir dir;
  {
    auto opened = open_data_dir(dir.path());
    ASSERT_TRUE(opened);
    ASSERT_TRUE(opened->db.exec("PRAGMA user_version = 1000"));
  }
  auto opened = open_data_dir(dir.path());
  ASSERT_FALSE(opened);
  EXPECT_NE(opened.error().reason.find("newer than this roost"), std::string::npos)
      << opened.error().reason;
  EXPECT_NE(opened.error().reason.find("roost.db"), std::string::npos);
  EXPECT_TRUE(files_starting_with(dir.path(), "roost.db.corrupt-").empty());
}

TEST(OpenDataDir, UncreatableDirectoryIsAnError) {
  test::temp_dir dir;
  dir.write("file", "x");
  auto opened = open_data_dir(dir / "file" / "data");
  ASSERT_FALSE(opened);
  EXPECT_NE(opened.error().reason.find("cannot create"), std::string::npos);
}

}  // namespace
}  // namespace roost::store
