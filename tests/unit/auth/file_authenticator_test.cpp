// The password-file authenticator: anonymous access, password checks, reload, and concurrency.

#include "roost/auth/file_authenticator.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <cstdint>
#include <string>
#include <thread>
#include <vector>

#include "temp_dir.hpp"

namespace roost::auth {
namespace {

using broker::auth_result;

// A client's CONNECT credentials; keeps the password bytes alive for the byte_view.
struct connect_as {
  std::optional<std::string> username;
  std::optional<std::string> password;

  broker::credentials credentials() const {
    broker::credentials c;
    c.client_id = "client-1";
    if (username) c.username = *username;
    if (password) {
      c.password = mqtt::byte_view(reinterpret_cast<const std::uint8_t*>(password->data()),
                                   password->size());
    }
    return c;
  }
};

const connect_as nobody{};

std::string user_line(std::string_view username, std::string_view password) {
  auto hash = hash_password(password, 1000);
  EXPECT_TRUE(hash);
  return std::string(username) + ":" + format_password_hash(hash ? *hash : password_hash{}) + "\n";
}

std::unique_ptr<file_authenticator> open_or_fail(file_authenticator_options options) {
  auto opened = file_authenticator::open(std::move(options));
  EXPECT_TRUE(opened) << (opened ? "" : opened.error().to_string());
  return opened ? std::move(*opened) : nullptr;
}

auth_result check(file_authenticator& auth, const connect_as& who) {
  return auth.authenticate(who.credentials()).result;
}

TEST(file_authenticator, anonymous_allowed_by_default) {
  auto auth = open_or_fail({});
  ASSERT_TRUE(auth);
  EXPECT_EQ(check(*auth, nobody), auth_result::allowed);
}

TEST(file_authenticator, anonymous_refused_when_off) {
  auto auth = open_or_fail({.allow_anonymous = false, .password_file = {}});
  ASSERT_TRUE(auth);
  EXPECT_EQ(check(*auth, nobody), auth_result::not_authorized);
}

TEST(file_authenticator, username_without_password_file_counts_as_anonymous) {
  auto open = open_or_fail({.allow_anonymous = true, .password_file = {}});
  auto closed = open_or_fail({.allow_anonymous = false, .password_file = {}});
  ASSERT_TRUE(open && closed);
  const connect_as alice{"alice", "anything"};
  EXPECT_EQ(check(*open, alice), auth_result::allowed);
  EXPECT_EQ(check(*closed, alice), auth_result::not_authorized);
}

class with_password_file : public ::testing::Test {
 protected:
  std::unique_ptr<file_authenticator> open(bool allow_anonymous) {
    return open_or_fail({.allow_anonymous = allow_anonymous, .password_file = _path});
  }
  // Replaces the file the way an editor or `roost passwd` does: write aside, then rename.
  void rewrite(std::string_view text) {
    std::filesystem::rename(_dir.write("users.next", text), _path);
  }

  test::temp_dir _dir;
  std::filesystem::path _path = _dir.write("users", "# users\n" + user_line("alice", "a-secret") +
                                                        user_line("bob", "b-secret"));
};

TEST_F(with_password_file, right_password_is_allowed) {
  auto auth = open(false);
  ASSERT_TRUE(auth);
  EXPECT_EQ(auth->user_count(), 2u);
  EXPECT_EQ(check(*auth, {"alice", "a-secret"}), auth_result::allowed);
  EXPECT_EQ(check(*auth, {"bob", "b-secret"}), auth_result::allowed);
}

TEST_F(with_password_file, wrong_password_is_bad_credentials) {
  auto auth = open(true);
  ASSERT_TRUE(auth);
  EXPECT_EQ(check(*auth, {"alice", "b-secret"}), auth_result::bad_credentials);
  EXPECT_EQ(check(*auth, {"alice", ""}), auth_result::bad_credentials);
  EXPECT_EQ(check(*auth, {"alice", std::nullopt}), auth_result::bad_credentials);
}

TEST_F(with_password_file, unknown_user_is_bad_credentials_even_with_anonymous_on) {
  auto auth = open(true);
  ASSERT_TRUE(auth);
  EXPECT_EQ(check(*auth, {"mallory", "a-secret"}), auth_result::bad_credentials);
  EXPECT_EQ(check(*auth, {"ALICE", "a-secret"}), auth_result::bad_credentials);
}

TEST_F(with_password_file, no_username_follows_allow_anonymous) {
  auto open_auth = open(true);
  auto closed_auth = open(false);
  ASSERT_TRUE(open_auth && closed_auth);
  EXPECT_EQ(check(*open_auth, nobody), auth_result::allowed);
  EXPECT_EQ(check(*closed_auth, nobody), auth_result::not_authorized);
}

TEST_F(with_password_file, missing_file_refuses_to_open) {
  auto opened = file_authenticator::open({.allow_anonymous = true, .password_file = _dir / "nope"});
  ASSERT_FALSE(opened);
  EXPECT_EQ(opened.error().path, (_dir / "nope").string());
}

TEST_F(with_password_file, malformed_file_refuses_to_open_naming_the_line) {
  rewrite("# users\n" + user_line("alice", "a") + "bob\n");
  auto opened = file_authenticator::open({.allow_anonymous = true, .password_file = _path});
  ASSERT_FALSE(opened);
  EXPECT_EQ(opened.error().to_string(), _path.string() + ":3: expected username:hash");
}

TEST_F(with_password_file, reload_picks_up_a_new_user_and_drops_a_removed_one) {
  auto auth = open(false);
  ASSERT_TRUE(auth);
  EXPECT_EQ(check(*auth, {"carol", "c-secret"}), auth_result::bad_credentials);

  rewrite(user_line("alice", "a-secret") + user_line("carol", "c-secret"));
  ASSERT_TRUE(auth->reload());
  EXPECT_EQ(auth->user_count(), 2u);
  EXPECT_EQ(check(*auth, {"carol", "c-secret"}), auth_result::allowed);
  EXPECT_EQ(check(*auth, {"alice", "a-secret"}), auth_result::allowed);
  EXPECT_EQ(check(*auth, {"bob", "b-secret"}), auth_result::bad_credentials);
}

TEST_F(with_password_file, broken_reload_keeps_the_old_table) {
  auto auth = open(false);
  ASSERT_TRUE(auth);

  rewrite(user_line("carol", "c-secret") + "garbage\n");
  auto reloaded = auth->reload();
  ASSERT_FALSE(reloaded);
  EXPECT_EQ(reloaded.error().to_string(), _path.string() + ":2: expected username:hash");
  EXPECT_EQ(auth->user_count(), 2u);
  EXPECT_EQ(check(*auth, {"alice", "a-secret"}), auth_result::allowed);
  EXPECT_EQ(check(*auth, {"carol", "c-secret"}), auth_result::bad_credentials);

  std::filesystem::remove(_path);
  EXPECT_FALSE(auth->reload());
  EXPECT_EQ(check(*auth, {"bob", "b-secret"}), auth_result::allowed);
}

TEST(file_authenticator, reload_without_password_file_does_nothing) {
  auto auth = open_or_fail({});
  ASSERT_TRUE(auth);
  EXPECT_TRUE(auth->reload());
  EXPECT_EQ(auth->user_count(), 0u);
}

// Several I/O threads authenticate while the file is rewritten and reloaded. Both files know
// alice with the same password, so every answer must be `allowed`; no timing is asserted.
TEST_F(with_password_file, concurrent_authenticate_during_reload) {
  auto auth = open(false);
  ASSERT_TRUE(auth);
  const std::string version_a = user_line("alice", "a-secret") + user_line("bob", "b-secret");
  const std::string version_b = user_line("alice", "a-secret") + user_line("carol", "c-secret");

  std::atomic<bool> stop{false};
  std::atomic<int> wrong{0};
  std::atomic<int> checked{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 3; ++t) {
    threads.emplace_back([&] {
      while (!stop.load()) {
        if (check(*auth, {"alice", "a-secret"}) != auth_result::allowed) ++wrong;
        if (check(*auth, {"alice", "wrong"}) != auth_result::bad_credentials) ++wrong;
        ++checked;
      }
    });
  }
  int failed_reloads = 0;
  for (int i = 0; i < 40; ++i) {
    rewrite(i % 2 == 0 ? version_b : version_a);
    if (!auth->reload()) ++failed_reloads;
  }
  // Let every thread finish at least a few rounds on the final table.
  while (checked.load() < 30) std::this_thread::yield();
  stop = true;
  for (auto& t : threads) t.join();

  EXPECT_EQ(wrong.load(), 0);
  EXPECT_EQ(failed_reloads, 0);
  EXPECT_EQ(auth->user_count(), 2u);
}

}  // namespace
}  // namespace roost::auth
