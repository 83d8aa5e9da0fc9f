// The network adapter with the real engine on 127.0.0.1 port 0: binding, one MQTT exchange, and
// the graceful shutdown with a client still connected.

#include <gtest/gtest.h>

#include <cstdint>
#include <thread>
#include <vector>

#include "raw_client.hpp"
#include "roost/broker/engine.hpp"
#include "roost/server/server.hpp"

namespace roost::server {
namespace {

// MQTT 3.1.1 CONNECT, clean session, keepalive 60, client id "c".
const std::vector<std::uint8_t> connect_packet{0x10, 0x0d, 0x00, 0x04, 'M', 'Q', 'T', 'T', 0x04,
                                               0x02, 0x00, 0x3c, 0x00, 0x01, 'c'};
const std::vector<std::uint8_t> connack_accepted{0x20, 0x02, 0x00, 0x00};

server_config local_config(std::uint16_t port = 0) {
  server_config c;
  c.listeners.push_back({"mqtt", listener_profile::mqtt, "127.0.0.1", port, true});
  c.threads = 2;
  return c;
}

struct fixture : ::testing::Test {
  broker::engine engine{broker::settings{}, nullptr, clock_type::now()};
};

using server_lifecycle = fixture;

TEST_F(server_lifecycle, binds_port_zero_and_reports_the_bound_port) {
  server s{local_config(), engine};
  auto bound = s.start();
  ASSERT_TRUE(bound) << bound.error();
  ASSERT_EQ(bound->size(), 1u);
  EXPECT_EQ((*bound)[0].name, "mqtt");
  EXPECT_EQ((*bound)[0].host, "127.0.0.1");
  EXPECT_NE((*bound)[0].port, 0);
  s.stop();
  s.run();
}

TEST_F(server_lifecycle, answers_connect_and_closes_the_client_on_stop) {
  server s{local_config(), engine};
  auto bound = s.start();
  ASSERT_TRUE(bound) << bound.error();
  shutdown_summary summary;
  std::thread runner{[&] { summary = s.run(); }};

  raw_client client{(*bound)[0].port};
  ASSERT_TRUE(client.connected);
  ASSERT_TRUE(client.send(connect_packet));
  EXPECT_EQ(client.receive(4), connack_accepted);

  s.stop();
  EXPECT_TRUE(client.sees_eof());
  runner.join();
  EXPECT_EQ(summary.closed, 1u);
  EXPECT_EQ(summary.abandoned, 0u);
  EXPECT_EQ(engine.snapshot().clients_connected, 0u);
}

TEST_F(server_lifecycle, client_that_hangs_up_is_reported_closed) {
  server s{local_config(), engine};
  auto bound = s.start();
  ASSERT_TRUE(bound) << bound.error();
  std::thread runner{[&] { s.run(); }};
  {
    raw_client client{(*bound)[0].port};
    ASSERT_TRUE(client.send(connect_packet));
    EXPECT_EQ(client.receive(4), connack_accepted);
  }
  // The engine hears about the hang-up on the connection's shard; wait for it.
  for (int i = 0; i < 500 && engine.snapshot().clients_connected != 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  EXPECT_EQ(engine.snapshot().clients_connected, 0u);
  s.stop();
  runner.join();
}

TEST_F(server_lifecycle, second_bind_on_a_used_port_names_listener_and_address) {
  server first{local_config(), engine};
  auto bound = first.start();
  ASSERT_TRUE(bound) << bound.error();
  const auto port = (*bound)[0].port;

  server second{local_config(port), engine};
  auto failed = second.start();
  ASSERT_FALSE(failed);
  EXPECT_EQ(failed.error().rfind("mqtt: cannot listen on 127.0.0.1:" + std::to_string(port) + ": ", 0), 0u)
      << failed.error();
  first.stop();
  first.run();
}

TEST_F(server_lifecycle, disabled_listener_is_not_bound) {
  auto config = local_config();
  config.listeners[0].enabled = false;
  server s{config, engine};
  auto bound = s.start();
  ASSERT_TRUE(bound);
  EXPECT_TRUE(bound->empty());
  s.stop();
  s.run();
}

}  // namespace
}  // namespace roost::server
