// The rules of `roost passwd`, exercised without a terminal.

#include "roost/auth/password_edit.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include "roost/auth/password_file.hpp"
#include "temp_dir.hpp"

namespace roost::auth {
namespace {

// Few iterations keep the tests quick; the algorithm is the same at any count.
constexpr int quick_iterations = 1000;

password_file load_or_fail(const std::filesystem::path& path) {
  auto file = password_file::load(path);
  EXPECT_TRUE(file) << (file ? "" : file.error().to_string());
  return file ? std::move(*file) : password_file{};
}

bool verifies(const std::filesystem::path& path, std::string_view user, std::string_view pw) {
  const password_file file = load_or_fail(path);
  const password_hash* hash = file.find(user);
  return hash != nullptr && verify_password(*hash, pw);
}

TEST(password_edit, create_makes_a_new_0600_file) {
  test::temp_dir dir;
  const auto path = dir / "users";
  ASSERT_TRUE(set_user_password(path, "alice", "a-secret", true, quick_iterations));
  EXPECT_TRUE(verifies(path, "alice", "a-secret"));
  struct stat info {};
  ASSERT_EQ(::stat(path.c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0600u);
}

TEST(password_edit, create_replaces_an_existing_file) {
  test::temp_dir dir;
  const auto path = dir / "users";
  ASSERT_TRUE(set_user_password(path, "alice", "a-secret", true, quick_iterations));
  ASSERT_TRUE(set_user_password(path, "bob", "b-secret", true, quick_iterations));
  EXPECT_EQ(load_or_fail(path).usernames(), std::vector<std::string>{"bob"});
}

TEST(password_edit, without_create_the_file_must_exist) {
  test::temp_dir dir;
  auto set = set_user_password(dir / "users", "alice", "a-secret", false, quick_iterations);
  ASSERT_FALSE(set);
  EXPECT_EQ(set.error().to_string(),
            (dir / "users").string() + ": the file does not exist (use -c to create it)");
  EXPECT_FALSE(std::filesystem::exists(dir / "users"));
}

TEST(password_edit, adds_users_and_changes_passwords) {
  test::temp_dir dir;
  const auto path = dir / "users";
  ASSERT_TRUE(set_user_password(path, "alice", "a-secret", true, quick_iterations));
  ASSERT_TRUE(set_user_password(path, "bob", "b-secret", false, quick_iterations));
  ASSERT_TRUE(set_user_password(path, "alice", "a-changed", false, quick_iterations));
  EXPECT_EQ(load_or_fail(path).usernames(), (std::vector<std::string>{"alice", "bob"}));
  EXPECT_TRUE(verifies(path, "alice", "a-changed"));
  EXPECT_FALSE(verifies(path, "alice", "a-secret"));
  EXPECT_TRUE(verifies(path, "bob", "b-secret"));
}

TEST(password_edit, empty_password_is_refused) {
  test::temp_dir dir;
  auto set = set_user_password(dir / "users", "alice", "", true, quick_iterations);
  ASSERT_FALSE(set);
  EXPECT_EQ(set.error().to_string(), "the password is empty");
  EXPECT_FALSE(std::filesystem::exists(dir / "users"));
}

TEST(password_edit, username_with_colon_is_refused) {
  test::temp_dir dir;
  auto set = set_user_password(dir / "users", "a:b", "secret", true, quick_iterations);
  ASSERT_FALSE(set);
  EXPECT_EQ(set.error().to_string(), "the username must not contain ':'");
  EXPECT_FALSE(std::filesystem::exists(dir / "users"));
}

TEST(password_edit, malformed_file_is_left_untouched) {
  test::temp_dir dir;
  const auto path = dir.write("users", "not a valid line\n");
  auto set = set_user_password(path, "alice", "a-secret", false, quick_iterations);
  ASSERT_FALSE(set);
  EXPECT_EQ(set.error().to_string(), path.string() + ":1: expected username:hash");
  EXPECT_EQ(dir.read("users"), "not a valid line\n");
}

TEST(password_edit, delete_removes_the_user_and_keeps_comments) {
  test::temp_dir dir;
  const auto path = dir.write("users", "# team\n");
  ASSERT_TRUE(set_user_password(path, "alice", "a-secret", false, quick_iterations));
  ASSERT_TRUE(set_user_password(path, "bob", "b-secret", false, quick_iterations));
  ASSERT_TRUE(delete_user(path, "alice"));
  const password_file file = load_or_fail(path);
  EXPECT_EQ(file.usernames(), std::vector<std::string>{"bob"});
  EXPECT_TRUE(dir.read("users").starts_with("# team\nbob:$7$1000$"));
}

TEST(password_edit, delete_of_unknown_user_fails) {
  test::temp_dir dir;
  const auto path = dir / "users";
  ASSERT_TRUE(set_user_password(path, "alice", "a-secret", true, quick_iterations));
  auto deleted = delete_user(path, "mallory");
  ASSERT_FALSE(deleted);
  EXPECT_EQ(deleted.error().to_string(), path.string() + ": no user 'mallory'");
  EXPECT_TRUE(verifies(path, "alice", "a-secret"));
}

TEST(password_edit, delete_in_missing_file_fails) {
  test::temp_dir dir;
  auto deleted = delete_user(dir / "users", "alice");
  ASSERT_FALSE(deleted);
  EXPECT_NE(deleted.error().reason.find("does not exist"), std::string::npos);
}

TEST(password_edit, checks_before_the_password_is_asked_for) {
  test::temp_dir dir;
  const auto path = dir / "users";
  EXPECT_TRUE(check_can_set_password(path, "alice", true));
  EXPECT_EQ(check_can_set_password(path, "a:b", true).error().reason,
            "the username must not contain ':'");
  EXPECT_EQ(check_can_set_password(path, "alice", false).error().reason,
            "the file does not exist (use -c to create it)");
  dir.write("users", "broken\n");
  EXPECT_EQ(check_can_set_password(path, "alice", false).error().to_string(),
            path.string() + ":1: expected username:hash");
  ASSERT_TRUE(set_user_password(path, "alice", "a-secret", true, quick_iterations));
  EXPECT_TRUE(check_can_set_password(path, "bob", false));
}

}  // namespace
}  // namespace roost::auth
