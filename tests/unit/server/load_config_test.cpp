// The TOML file of `roost serve`: every key lands in the right field, and anything unknown or
// malformed is an error that names the key and where it is.

#include <gtest/gtest.h>

#include "load_config.hpp"

namespace roost::app {
namespace {

serve_config loaded(std::string_view text) {
  auto r = apply_toml(default_serve_config(), text, "roost.toml");
  EXPECT_TRUE(r.has_value()) << (r ? "" : r.error());
  return r ? *r : default_serve_config();
}

std::string toml_error(std::string_view text) {
  auto r = apply_toml(default_serve_config(), text, "roost.toml");
  EXPECT_FALSE(r.has_value());
  return r ? "" : r.error();
}

TEST(load_config, empty_file_keeps_the_defaults) {
  const auto c = loaded("");
  const auto d = default_serve_config();
  EXPECT_EQ(c.data_dir, d.data_dir);
  EXPECT_EQ(c.level, log_level::info);
  ASSERT_EQ(c.server.listeners.size(), d.server.listeners.size());
  EXPECT_EQ(c.server.listeners[0].name, "mqtt");
  EXPECT_EQ(c.server.listeners[0].host, "0.0.0.0");
  EXPECT_EQ(c.server.listeners[0].port, 1883);
  EXPECT_TRUE(c.server.listeners[0].enabled);
  EXPECT_EQ(c.broker.max_inflight, d.broker.max_inflight);
  EXPECT_TRUE(c.allow_anonymous);
  EXPECT_FALSE(c.password_file.has_value());
}

TEST(load_config, every_section_overrides_the_defaults) {
  const auto c = loaded(R"(
data = "/var/lib/roost"

[log]
level = "debug"

[listeners]
mqtt = "[::]:1884"

[broker]
threads = 3
max_packet_size = 4096
max_connections = 100
max_inflight = 10
max_queued_messages = 50
max_queued_bytes = 100000
queue_qos0_offline = true
max_qos = 1
max_topic_levels = 8
connect_timeout = 5
sys_interval = 0

[auth]
password_file = "/etc/roost/passwd"
allow_anonymous = false
)");
  EXPECT_EQ(c.data_dir, "/var/lib/roost");
  EXPECT_EQ(c.level, log_level::debug);
  EXPECT_EQ(c.server.listeners[0].host, "::");
  EXPECT_EQ(c.server.listeners[0].port, 1884);
  EXPECT_EQ(c.server.threads, 3u);
  EXPECT_EQ(c.broker.max_packet_size, 4096u);
  EXPECT_EQ(c.broker.max_connections, 100u);
  EXPECT_EQ(c.broker.max_inflight, 10);
  EXPECT_EQ(c.broker.max_queued_messages, 50u);
  EXPECT_EQ(c.broker.max_queued_bytes, 100000u);
  EXPECT_TRUE(c.broker.queue_qos0_offline);
  EXPECT_EQ(c.broker.max_qos, 1);
  EXPECT_EQ(c.broker.max_topic_levels, 8u);
  EXPECT_EQ(c.broker.connect_timeout, seconds(5));
  EXPECT_EQ(c.broker.sys_interval, seconds(0));
  ASSERT_TRUE(c.password_file.has_value());
  EXPECT_EQ(*c.password_file, "/etc/roost/passwd");
  EXPECT_FALSE(c.allow_anonymous);
}

TEST(load_config, http_table_sets_the_listener_and_the_web_settings) {
  auto c = loaded(R"(
[http]
listen = "127.0.0.1:8081"
time_zone = "-05:30"
rate_limit = 5
rate_burst = 7
max_body = 2048
max_firmware = 1000000
admin_key = "op-key-123"
)");
  const auto* http = find_listener(c, "http");
  ASSERT_NE(http, nullptr);
  EXPECT_EQ(http->profile, server::listener_profile::http);
  EXPECT_EQ(http->host, "127.0.0.1");
  EXPECT_EQ(http->port, 8081);
  EXPECT_TRUE(http->enabled);
  EXPECT_EQ(c.web.utc_offset_minutes, -330);
  EXPECT_EQ(c.web.rate_per_second, 5);
  EXPECT_EQ(c.web.rate_burst, 7);
  EXPECT_EQ(c.web.max_body_bytes, 2048u);
  EXPECT_EQ(c.web.max_firmware_bytes, 1000000u);
  EXPECT_EQ(c.web.admin_key, "op-key-123");
}

TEST(load_config, http_defaults_and_errors) {
  auto d = default_serve_config();
  const auto* http = find_listener(d, "http");
  ASSERT_NE(http, nullptr);
  EXPECT_EQ(http->port, 8080);
  EXPECT_EQ(http->host, "0.0.0.0");
  EXPECT_EQ(d.web.utc_offset_minutes, 480);
  EXPECT_TRUE(d.web.admin_key.empty());
  auto off = loaded("[http]\nlisten = \"off\"\n");
  EXPECT_FALSE(find_listener(off, "http")->enabled);
  EXPECT_NE(toml_error("[http]\ntime_zone = \"+25:00\"\n").find("http.time_zone: must be between"), std::string::npos);
  EXPECT_NE(toml_error("[http]\ntime_zone = 480\n").find("http.time_zone: expected a string"), std::string::npos);
  EXPECT_NE(toml_error("[http]\nadmin_key = \"a b\"\n").find("http.admin_key: must not contain spaces"),
            std::string::npos);
  EXPECT_NE(toml_error("[http]\nmax_body = 10\n").find("http.max_body: must be between 1024"), std::string::npos);
  EXPECT_NE(toml_error("[http]\nrate_limit = -1\n").find("http.rate_limit: must be between 0"), std::string::npos);
}

TEST(load_config, dotted_keys_work_like_sections) {
  const auto c = loaded("broker.max_qos = 0\nlisteners.mqtt = \"off\"\n");
  EXPECT_EQ(c.broker.max_qos, 0);
  EXPECT_FALSE(c.server.listeners[0].enabled);
}

TEST(load_config, shared_strategy_is_one_of_two_names) {
  EXPECT_EQ(loaded("").broker.shared_strategy, broker::share_strategy::round_robin);
  EXPECT_EQ(loaded("broker.shared_strategy = \"hash_client_id\"\n").broker.shared_strategy,
            broker::share_strategy::hash_client_id);
  EXPECT_NE(toml_error("[broker]\nshared_strategy = \"random\"\n")
                .find("broker.shared_strategy: must be one of round_robin or hash_client_id (got 'random')"),
            std::string::npos);
}

TEST(load_config, mqtt5_limits_are_settings) {
  const auto c = loaded(
      "[broker]\nreceive_maximum = 7\ntopic_alias_maximum = 0\noutgoing_topic_aliases = false\n"
      "retain_available = false\n");
  EXPECT_EQ(c.broker.receive_maximum, 7);
  EXPECT_EQ(c.broker.topic_alias_maximum, 0);
  EXPECT_FALSE(c.broker.outgoing_topic_aliases);
  EXPECT_FALSE(c.broker.retain_available);
  // Receive Maximum 0 is a protocol error in MQTT 5, so it cannot be configured.
  EXPECT_NE(toml_error("[broker]\nreceive_maximum = 0\n").find("broker.receive_maximum"), std::string::npos);
}

TEST(load_config, unknown_key_is_an_error_with_its_line) {
  const auto e = toml_error("[broker]\nmax_inflight = 5\nmax_inflite = 5\n");
  EXPECT_NE(e.find("roost.toml:3:"), std::string::npos) << e;
  EXPECT_NE(e.find("unknown key 'broker.max_inflite'"), std::string::npos) << e;
}

TEST(load_config, unknown_section_is_an_error) {
  EXPECT_NE(toml_error("[brokr]\nmax_qos = 1\n").find("unknown key 'brokr'"), std::string::npos);
}

TEST(load_config, unknown_listener_is_an_error) {
  EXPECT_NE(toml_error("[listeners]\namqp = \"0.0.0.0:5672\"\n").find("unknown key 'listeners.amqp'"),
            std::string::npos);
}

const server::listener_config* listener_named(const server::server_config& c, std::string_view name) {
  for (const auto& l : c.listeners) {
    if (l.name == name) return &l;
  }
  return nullptr;
}

TEST(load_config, tls_listeners_stay_off_without_a_certificate) {
  const auto s = resolve_tls(loaded("[listeners]\nmqtts = \"127.0.0.1:8883\"\n"));
  for (const char* name : {"mqtts", "bemfa_tls", "https"}) {
    ASSERT_NE(listener_named(s, name), nullptr) << name;
    EXPECT_FALSE(listener_named(s, name)->enabled) << name;
  }
  EXPECT_TRUE(listener_named(s, "mqtt")->enabled);
  EXPECT_FALSE(listener_named(s, "mqtt")->tls.has_value());
}

TEST(load_config, tls_shared_and_per_listener_certificates) {
  const auto c = loaded(R"(
[tls]
cert_file = "/etc/roost/server.crt"
key_file = "/etc/roost/server.key"
ca_file = "/etc/roost/ca.crt"
client_certs = "require"
use_identity_as_username = true

[tls.https]
cert_file = "/etc/roost/web.crt"
key_file = "/etc/roost/web.key"

[http]
tls_listen = "127.0.0.1:9504"
)");
  const auto s = resolve_tls(c);
  const auto* mqtts = listener_named(s, "mqtts");
  const auto* https = listener_named(s, "https");
  ASSERT_TRUE(mqtts && https && mqtts->tls && https->tls);
  EXPECT_TRUE(mqtts->enabled);
  EXPECT_EQ(mqtts->tls->cert_file, "/etc/roost/server.crt");
  EXPECT_EQ(mqtts->tls->key_file, "/etc/roost/server.key");
  EXPECT_EQ(mqtts->tls->client_certs, server::client_certificates::require);
  EXPECT_TRUE(mqtts->tls->use_identity_as_username);
  EXPECT_EQ(https->port, 9504);
  EXPECT_EQ(https->tls->cert_file, "/etc/roost/web.crt");
  EXPECT_EQ(https->tls->key_file, "/etc/roost/web.key");
  EXPECT_EQ(https->tls->ca_file, "/etc/roost/ca.crt");
  EXPECT_NE(toml_error("[tls]\nclient_certs = \"maybe\"\n").find("none, optional or require"), std::string::npos);
}

TEST(load_config, wrong_type_names_key_and_both_types) {
  const auto e = toml_error("[broker]\nmax_qos = \"2\"\n");
  EXPECT_NE(e.find("roost.toml:2:"), std::string::npos) << e;
  EXPECT_NE(e.find("broker.max_qos: expected an integer, got a string"), std::string::npos) << e;
}

TEST(load_config, value_out_of_range_names_key_and_limits) {
  const auto e = toml_error("[broker]\nmax_qos = 3\n");
  EXPECT_NE(e.find("roost.toml:2:"), std::string::npos) << e;
  EXPECT_NE(e.find("broker.max_qos: must be between 0 and 2 (got 3)"), std::string::npos) << e;
}

TEST(load_config, negative_sizes_are_refused) {
  EXPECT_NE(toml_error("broker.max_connections = -1").find("must be at least 0"), std::string::npos);
}

TEST(load_config, section_given_as_a_value_is_an_error) {
  EXPECT_NE(toml_error("broker = 1").find("broker: expected a table"), std::string::npos);
}

TEST(load_config, bad_listener_address_is_an_error) {
  const auto e = toml_error("[listeners]\nmqtt = \"0.0.0.0\"\n");
  EXPECT_NE(e.find("listeners.mqtt: '0.0.0.0'"), std::string::npos) << e;
}

TEST(load_config, bad_log_level_lists_the_choices) {
  const auto e = toml_error("[log]\nlevel = \"loud\"\n");
  EXPECT_NE(e.find("log.level: must be one of trace, debug, info, warn or error (got 'loud')"), std::string::npos)
      << e;
}

TEST(load_config, syntax_error_has_file_and_line) {
  const auto e = toml_error("[broker]\nmax_qos = = 1\n");
  EXPECT_EQ(e.rfind("roost.toml:2:", 0), 0u) << e;
}

TEST(load_config, duplicate_key_is_an_error) {
  EXPECT_FALSE(apply_toml(default_serve_config(), "[broker]\nmax_qos = 1\nmax_qos = 2\n", "roost.toml"));
}

TEST(load_config, empty_password_file_means_none) {
  auto base = default_serve_config();
  base.password_file = "/etc/passwd-ish";
  auto r = apply_toml(base, "auth.password_file = \"\"", "roost.toml");
  ASSERT_TRUE(r);
  EXPECT_FALSE(r->password_file.has_value());
}

TEST(load_config, missing_file_is_an_error_naming_it) {
  auto r = load_serve_config(std::filesystem::path("/nonexistent/roost.toml"), {});
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().find("/nonexistent/roost.toml"), std::string::npos) << r.error();
}

}  // namespace
}  // namespace roost::app
