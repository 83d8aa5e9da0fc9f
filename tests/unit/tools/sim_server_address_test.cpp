#include <gtest/gtest.h>

#include "roost/tools/sim/server_address.hpp"

namespace roost::tools::sim {
namespace {

TEST(SimServerAddress, HostAndPort) {
  const auto a = parse_server_address("cloud.local:1883", 9501);
  ASSERT_TRUE(a.has_value());
  EXPECT_EQ(a->host, "cloud.local");
  EXPECT_EQ(a->port, 1883);
}

TEST(SimServerAddress, DefaultPort) {
  const auto a = parse_server_address("127.0.0.1", 8344);
  ASSERT_TRUE(a.has_value());
  EXPECT_EQ(a->host, "127.0.0.1");
  EXPECT_EQ(a->port, 8344);
}

TEST(SimServerAddress, IPv6) {
  const auto a = parse_server_address("[::1]:9501", 1);
  ASSERT_TRUE(a.has_value());
  EXPECT_EQ(a->host, "::1");
  EXPECT_EQ(a->port, 9501);
  const auto b = parse_server_address("[::1]", 8344);
  ASSERT_TRUE(b.has_value());
  EXPECT_EQ(b->port, 8344);
  const auto c = parse_server_address("fe80::1", 9501);
  ASSERT_TRUE(c.has_value());
  EXPECT_EQ(c->host, "fe80::1");
  EXPECT_EQ(c->port, 9501);
}

TEST(SimServerAddress, Malformed) {
  for (const char* bad : {"", ":9501", "host:", "host:0", "host:65536", "host:12x", "[::1", "[::1]9501", "[]:1"})
    EXPECT_FALSE(parse_server_address(bad, 9501).has_value()) << bad;
}

}  // namespace
}  // namespace roost::tools::sim
