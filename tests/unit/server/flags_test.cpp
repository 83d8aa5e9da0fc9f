// Command-line flags of `roost serve`: their conversions and that they win over the file.

#include <gtest/gtest.h>

#include <set>

#include "config_keys.hpp"
#include "load_config.hpp"

namespace roost::app {
namespace {

const config_key& key(std::string_view path) {
  const auto* k = find_key(path);
  EXPECT_NE(k, nullptr) << path;
  return *k;
}

TEST(flags, precedence_is_defaults_then_file_then_flags) {
  auto from_file = apply_toml(default_serve_config(), R"(
[broker]
max_inflight = 10
max_qos = 1
[listeners]
mqtt = "127.0.0.1:2000"
)",
                              "roost.toml");
  ASSERT_TRUE(from_file);
  auto c = apply_flags(*from_file, {{&key("broker.max_inflight"), "20"}, {&key("listeners.mqtt"), "off"}});
  ASSERT_TRUE(c) << c.error();
  EXPECT_EQ(c->broker.max_inflight, 20);                                  // flag beats file
  EXPECT_EQ(c->broker.max_qos, 1);                                        // file beats default
  EXPECT_EQ(c->broker.max_queued_messages, default_serve_config().broker.max_queued_messages);  // default
  EXPECT_FALSE(c->server.listeners[0].enabled);
}

TEST(flags, bare_boolean_flag_means_true) {
  auto c = apply_flags(default_serve_config(), {{&key("broker.queue_qos0_offline"), ""}});
  ASSERT_TRUE(c);
  EXPECT_TRUE(c->broker.queue_qos0_offline);
}

TEST(flags, boolean_flag_takes_true_or_false) {
  auto c = apply_flags(default_serve_config(), {{&key("auth.allow_anonymous"), "false"}});
  ASSERT_TRUE(c);
  EXPECT_FALSE(c->allow_anonymous);
  auto bad = apply_flags(default_serve_config(), {{&key("auth.allow_anonymous"), "yes"}});
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error(), "--allow-anonymous: expected true or false (got 'yes')");
}

TEST(flags, integer_flag_rejects_text_and_names_the_flag) {
  auto c = apply_flags(default_serve_config(), {{&key("broker.max_inflight"), "ten"}});
  ASSERT_FALSE(c);
  EXPECT_EQ(c.error(), "--max-inflight: expected an integer (got 'ten')");
}

TEST(flags, out_of_range_value_names_the_flag) {
  auto c = apply_flags(default_serve_config(), {{&key("broker.max_inflight"), "0"}});
  ASSERT_FALSE(c);
  EXPECT_EQ(c.error(), "--max-inflight: must be between 1 and 65535 (got 0)");
}

TEST(flags, seconds_become_durations) {
  auto c = apply_flags(default_serve_config(),
                       {{&key("broker.connect_timeout"), "3"}, {&key("broker.sys_interval"), "60"}});
  ASSERT_TRUE(c);
  EXPECT_EQ(c->broker.connect_timeout, seconds(3));
  EXPECT_EQ(c->broker.sys_interval, seconds(60));
}

TEST(flags, mqtt_listener_ipv6) {
  auto c = apply_flags(default_serve_config(), {{&key("listeners.mqtt"), "[::1]:0"}});
  ASSERT_TRUE(c);
  EXPECT_EQ(c->server.listeners[0].host, "::1");
  EXPECT_EQ(c->server.listeners[0].port, 0);
  EXPECT_TRUE(c->server.listeners[0].enabled);
}

TEST(flags, http_listener_admin_key_and_rate_limit) {
  auto c = apply_flags(default_serve_config(), {{&key("http.listen"), "127.0.0.1:0"},
                                                {&key("http.admin_key"), "k3y"},
                                                {&key("http.rate_limit"), "0"}});
  ASSERT_TRUE(c) << c.error();
  const auto* http = find_listener(*c, "http");
  ASSERT_NE(http, nullptr);
  EXPECT_EQ(http->port, 0);
  EXPECT_EQ(c->web.admin_key, "k3y");
  EXPECT_EQ(c->web.rate_per_second, 0);
  EXPECT_EQ(key("http.listen").flag, "--http");
  EXPECT_EQ(key("http.admin_key").flag, "--admin-key");
  EXPECT_EQ(key("http.rate_limit").flag, "--http-rate-limit");
}

TEST(config_keys, paths_and_flags_are_unique) {
  std::set<std::string_view> paths, flags;
  for (const auto& k : config_keys()) {
    EXPECT_TRUE(paths.insert(k.path).second) << k.path;
    if (!k.flag.empty()) {
      EXPECT_TRUE(flags.insert(k.flag).second) << k.flag;
    }
  }
}

// The defaults shown in --help are values the flags accept and they change nothing.
TEST(config_keys, shown_defaults_round_trip) {
  const auto defaults = default_serve_config();
  for (const auto& k : config_keys()) {
    auto c = defaults;
    EXPECT_FALSE(apply_text(c, k, k.show(defaults)).has_value()) << k.path;
    EXPECT_EQ(k.show(c), k.show(defaults)) << k.path;
  }
}

TEST(config_keys, sections) {
  EXPECT_TRUE(is_section("broker"));
  EXPECT_TRUE(is_section("listeners"));
  EXPECT_TRUE(is_section("http"));
  EXPECT_FALSE(is_section("broker.max_qos"));
  EXPECT_FALSE(is_section("brok"));
  EXPECT_FALSE(is_section("data"));
}

}  // namespace
}  // namespace roost::app
