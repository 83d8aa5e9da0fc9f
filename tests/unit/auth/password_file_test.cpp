// Password files: parsing with line-numbered errors, editing, and atomic saving with mode 0600.

#include "roost/auth/password_file.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <string>

#include "temp_dir.hpp"

namespace roost::auth {
namespace {

// Mosquitto-format line for user "alice" with password "x" (written by mosquitto_passwd 2.0.11).
constexpr std::string_view alice_line =
    "alice:$7$101$QQ26WF0bXbw641P7$zyG33dYaI8Fd9XFqrPk1ywghEkWw0vuu6ipwbymv1B9A8hQ2xI3D4C0tNZFC"
    "LskXFh8hCviunFLYOR2kEVGe3Q==";
// Mosquitto-format line for user "carol" with password "x" (mosquitto_passwd -H sha512).
constexpr std::string_view carol_line =
    "carol:$6$OaJB/3RBOsJfWGzU$HZ49pn1FH2El76Q7te45eM77Z0kuweXNFP2icId2t4R3HqOFFmc+YRM3tS5WOMFQ"
    "1Lc1gcCU8EgZe8O7s5Ydqw==";

std::string text_of(std::initializer_list<std::string_view> lines) {
  std::string text;
  for (auto l : lines) (text += l) += '\n';
  return text;
}

error parse_failure(std::string_view text) {
  auto file = password_file::parse(text, "users.txt");
  EXPECT_FALSE(file);
  return file ? error{} : file.error();
}

password_hash fast_hash(std::string_view password) {
  auto hash = hash_password(password, 1000);
  EXPECT_TRUE(hash);
  return hash ? *hash : password_hash{};
}

TEST(password_file, parses_users_comments_and_blank_lines) {
  auto file = password_file::parse(text_of({"# users", alice_line, "", "   ", carol_line}));
  ASSERT_TRUE(file) << file.error().to_string();
  EXPECT_EQ(file->size(), 2u);
  EXPECT_EQ(file->usernames(), (std::vector<std::string>{"alice", "carol"}));
  ASSERT_NE(file->find("alice"), nullptr);
  EXPECT_TRUE(verify_password(*file->find("alice"), "x"));
  ASSERT_NE(file->find("carol"), nullptr);
  EXPECT_TRUE(verify_password(*file->find("carol"), "x"));
  EXPECT_EQ(file->find("bob"), nullptr);
  EXPECT_EQ(file->find("alic"), nullptr);
}

TEST(password_file, accepts_crlf_trailing_blanks_and_a_missing_final_newline) {
  const std::string text = std::string(alice_line) + "  \r\n" + std::string(carol_line);
  auto file = password_file::parse(text);
  ASSERT_TRUE(file) << file.error().to_string();
  EXPECT_EQ(file->size(), 2u);
  EXPECT_TRUE(verify_password(*file->find("alice"), "x"));
}

TEST(password_file, empty_file_has_no_users) {
  auto file = password_file::parse("");
  ASSERT_TRUE(file);
  EXPECT_EQ(file->size(), 0u);
  EXPECT_EQ(file->to_text(), "");
}

TEST(password_file, line_without_colon_is_an_error_with_its_line_number) {
  const error e = parse_failure(text_of({"# users", alice_line, "bob"}));
  EXPECT_EQ(e.path, "users.txt");
  EXPECT_EQ(e.line, 3u);
  EXPECT_EQ(e.reason, "expected username:hash");
  EXPECT_EQ(e.to_string(), "users.txt:3: expected username:hash");
}

TEST(password_file, bad_hash_is_an_error_naming_the_user_and_line) {
  const error e = parse_failure(text_of({alice_line, "", "bob:secret"}));
  EXPECT_EQ(e.line, 3u);
  EXPECT_TRUE(e.reason.starts_with("user 'bob': not a password hash")) << e.reason;
}

TEST(password_file, empty_username_is_an_error) {
  const error e = parse_failure(text_of({alice_line.substr(5)}));
  EXPECT_EQ(e.line, 1u);
  EXPECT_EQ(e.reason, "the username is empty");
}

TEST(password_file, repeated_user_is_an_error) {
  const error e = parse_failure(text_of({alice_line, "# again", alice_line}));
  EXPECT_EQ(e.line, 3u);
  EXPECT_EQ(e.reason, "user 'alice' is already defined on line 1");
}

TEST(password_file, load_reports_a_missing_file_with_its_path) {
  test::temp_dir dir;
  auto file = password_file::load(dir / "absent");
  ASSERT_FALSE(file);
  EXPECT_EQ(file.error().path, (dir / "absent").string());
  EXPECT_EQ(file.error().line, 0u);
  EXPECT_EQ(file.error().reason, "cannot open: No such file or directory");
}

TEST(password_file, load_names_the_file_in_line_errors) {
  test::temp_dir dir;
  const auto path = dir.write("users", text_of({alice_line, "oops"}));
  auto file = password_file::load(path);
  ASSERT_FALSE(file);
  EXPECT_EQ(file.error().to_string(), path.string() + ":2: expected username:hash");
}

TEST(password_file, usernames_are_checked) {
  EXPECT_TRUE(check_username("alice"));
  EXPECT_TRUE(check_username("sensor-7.greenhouse@example"));
  EXPECT_TRUE(check_username("j\xc3\xbcrgen"));
  EXPECT_EQ(check_username("").error().reason, "the username is empty");
  EXPECT_EQ(check_username("a:b").error().reason, "the username must not contain ':'");
  EXPECT_EQ(check_username("#a").error().reason, "the username must not start with '#'");
  EXPECT_EQ(check_username("a\nb").error().reason,
            "the username must not contain control characters");
  EXPECT_FALSE(check_username(std::string_view("a\0b", 3)));
}

TEST(password_file, set_adds_at_the_end_and_replaces_in_place) {
  auto file = password_file::parse(text_of({"# users", alice_line, carol_line}));
  ASSERT_TRUE(file);
  ASSERT_TRUE(file->set("bob", fast_hash("b")));
  ASSERT_TRUE(file->set("alice", fast_hash("new")));
  EXPECT_EQ(file->usernames(), (std::vector<std::string>{"alice", "carol", "bob"}));
  EXPECT_TRUE(verify_password(*file->find("alice"), "new"));
  EXPECT_FALSE(verify_password(*file->find("alice"), "x"));
  EXPECT_TRUE(verify_password(*file->find("bob"), "b"));
  EXPECT_FALSE(file->set("a:b", fast_hash("b")));
  EXPECT_EQ(file->size(), 3u);
}

TEST(password_file, remove_keeps_the_other_lines) {
  auto file = password_file::parse(text_of({"# users", alice_line, carol_line}));
  ASSERT_TRUE(file);
  EXPECT_TRUE(file->remove("alice"));
  EXPECT_FALSE(file->remove("alice"));
  EXPECT_EQ(file->find("alice"), nullptr);
  ASSERT_NE(file->find("carol"), nullptr);
  EXPECT_TRUE(verify_password(*file->find("carol"), "x"));
  EXPECT_EQ(file->to_text(), text_of({"# users", carol_line}));
}

TEST(password_file, unchanged_lines_are_written_back_as_read) {
  const std::string text = text_of({"# users", "", alice_line, "# end"});
  auto file = password_file::parse(text);
  ASSERT_TRUE(file);
  EXPECT_EQ(file->to_text(), text);
}

TEST(password_file, save_then_load_round_trip) {
  test::temp_dir dir;
  auto file = password_file::parse(text_of({"# users", alice_line}));
  ASSERT_TRUE(file);
  ASSERT_TRUE(file->set("bob", fast_hash("b")));
  ASSERT_TRUE(file->save(dir / "users"));

  auto back = password_file::load(dir / "users");
  ASSERT_TRUE(back) << back.error().to_string();
  EXPECT_EQ(back->to_text(), file->to_text());
  EXPECT_TRUE(verify_password(*back->find("alice"), "x"));
  EXPECT_TRUE(verify_password(*back->find("bob"), "b"));
}

TEST(password_file, save_writes_mode_0600_and_leaves_no_temporary_file) {
  test::temp_dir dir;
  const auto path = dir.write("users", "# readable by all before\n");
  ASSERT_EQ(::chmod(path.c_str(), 0644), 0);
  auto file = password_file::parse(text_of({alice_line}));
  ASSERT_TRUE(file);
  ASSERT_TRUE(file->save(path));

  struct stat info {};
  ASSERT_EQ(::stat(path.c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0600u);
  EXPECT_EQ(dir.read("users"), text_of({alice_line}));
  std::size_t entries = 0;
  for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(dir.path())) ++entries;
  EXPECT_EQ(entries, 1u);
}

TEST(password_file, save_through_a_symbolic_link_replaces_the_target) {
  test::temp_dir dir;
  const auto target = dir.write("real-users", "");
  std::filesystem::create_symlink(target, dir / "users");
  auto file = password_file::parse(text_of({alice_line}));
  ASSERT_TRUE(file);
  ASSERT_TRUE(file->save(dir / "users"));
  EXPECT_TRUE(std::filesystem::is_symlink(dir / "users"));
  EXPECT_EQ(dir.read("real-users"), text_of({alice_line}));
}

TEST(password_file, save_into_a_missing_directory_fails_with_the_path) {
  test::temp_dir dir;
  auto file = password_file::parse(text_of({alice_line}));
  ASSERT_TRUE(file);
  const auto path = dir / "no-such-dir" / "users";
  auto saved = file->save(path);
  ASSERT_FALSE(saved);
  EXPECT_EQ(saved.error().path, path.string());
  EXPECT_NE(saved.error().reason.find("No such file or directory"), std::string::npos);
}

}  // namespace
}  // namespace roost::auth
