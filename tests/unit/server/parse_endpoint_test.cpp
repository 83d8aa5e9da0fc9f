// Listener addresses as written in --mqtt and [listeners].

#include <gtest/gtest.h>

#include "parse_endpoint.hpp"

namespace roost::app {
namespace {

endpoint_spec parsed(std::string_view text) {
  auto r = parse_endpoint(text);
  EXPECT_TRUE(r.has_value()) << text << ": " << (r ? "" : r.error());
  return r ? *r : endpoint_spec{};
}

std::string endpoint_error(std::string_view text) {
  auto r = parse_endpoint(text);
  EXPECT_FALSE(r.has_value()) << text;
  return r ? "" : r.error();
}

TEST(parse_endpoint, ipv4_address_and_port) {
  const auto e = parsed("0.0.0.0:1883");
  EXPECT_TRUE(e.enabled);
  EXPECT_EQ(e.host, "0.0.0.0");
  EXPECT_EQ(e.port, 1883);
}

TEST(parse_endpoint, port_zero_means_any_free_port) {
  const auto e = parsed("127.0.0.1:0");
  EXPECT_EQ(e.host, "127.0.0.1");
  EXPECT_EQ(e.port, 0);
}

TEST(parse_endpoint, highest_port) { EXPECT_EQ(parsed("127.0.0.1:65535").port, 65535); }

TEST(parse_endpoint, host_name) {
  const auto e = parsed("localhost:8883");
  EXPECT_EQ(e.host, "localhost");
  EXPECT_EQ(e.port, 8883);
}

TEST(parse_endpoint, ipv6_in_brackets) {
  const auto any = parsed("[::]:1883");
  EXPECT_EQ(any.host, "::");
  EXPECT_EQ(any.port, 1883);
  EXPECT_EQ(parsed("[::1]:0").host, "::1");
  EXPECT_EQ(parsed("[fe80::1:2]:1").host, "fe80::1:2");
}

TEST(parse_endpoint, off_disables_the_listener) {
  const auto e = parsed("off");
  EXPECT_FALSE(e.enabled);
}

TEST(parse_endpoint, ipv6_without_brackets_is_refused_with_a_hint) {
  EXPECT_NE(endpoint_error("::1:1883").find("brackets"), std::string::npos);
}

TEST(parse_endpoint, bad_inputs_are_refused) {
  for (const char* bad : {"", "1883", "localhost", "localhost:", ":1883", "host:-1", "host:65536", "host:12a",
                          "host:+5", "host: 1883", "ho st:1", "[::1]", "[::1]1883", "[::1:1883", "[]:1883",
                          "[nonsense]:1883", "OFF", "0.0.0.0:1883 "}) {
    auto r = parse_endpoint(bad);
    EXPECT_FALSE(r.has_value()) << "'" << bad << "' was accepted";
  }
}

TEST(parse_endpoint, error_quotes_the_input) {
  EXPECT_NE(endpoint_error("host:99999").find("'host:99999'"), std::string::npos);
  EXPECT_NE(endpoint_error("host:99999").find("0-65535"), std::string::npos);
}

TEST(format_endpoint, round_trips) {
  for (const char* text : {"0.0.0.0:1883", "[::]:1883", "[::1]:0", "localhost:1", "off"}) {
    EXPECT_EQ(format_endpoint(parsed(text)), text);
  }
}

}  // namespace
}  // namespace roost::app
