// driver: a client over a transport with a broker behind it, step by step with a manual clock.

#include "roost/sdk/driver.hpp"

#include <gtest/gtest.h>

#include "counting_handler.hpp"
#include "fake_port.hpp"

namespace roost::sdk::test {
namespace {

struct driven {
  driven()
      : transport(clock),
        client(config(), mem.view(), handler),
        d(client, transport, clock, scratch) {}
  static client_config config() {
    client_config c;
    c.client_id = "dev";
    c.keep_alive_s = 10;
    c.reconnect_min_ms = 500;
    c.reconnect_max_ms = 4000;
    return c;
  }
  manual_clock clock;
  echo_broker_transport transport;
  heap_memory mem{1024, 1024, 4096};
  counting_handler handler;
  mqtt_client client;
  std::array<std::uint8_t, 64> scratch{};
  driver d;
};

TEST(driver, connects_subscribes_and_runs_every_qos) {
  driven t;
  t.client.subscribe("t", 2);
  t.client.start(t.clock.now_ms());
  ASSERT_TRUE(t.d.run_until([&] { return t.handler.count(event_id::subscribed) == 1; }, 5000));
  for (std::uint8_t qos = 0; qos <= 2; ++qos) ASSERT_TRUE(t.client.publish("t", "payload", qos));
  ASSERT_TRUE(t.d.run_until(
      [&] { return t.handler.count(event_id::data) == 3 && t.client.outbox_size() == 0; }, 5000));
  EXPECT_EQ(t.handler.count(event_id::published), 2u);
  EXPECT_EQ(t.handler.data_by_qos[0], 1u);
  EXPECT_EQ(t.handler.data_by_qos[1], 1u);
  EXPECT_EQ(t.handler.data_by_qos[2], 1u);
  EXPECT_EQ(t.transport.pubrels, 1);
}

TEST(driver, keeps_the_connection_with_pings) {
  driven t;
  t.client.start(t.clock.now_ms());
  ASSERT_TRUE(t.d.run_until([&] { return t.client.connected(); }, 5000));
  t.d.run_until([] { return false; }, 35000, 1000);
  EXPECT_GE(t.transport.pings, 3);
  EXPECT_TRUE(t.client.connected());
  EXPECT_EQ(t.transport.opens, 1);
}

TEST(driver, reconnects_after_a_drop_and_redelivers_the_outbox) {
  driven t;
  t.client.start(t.clock.now_ms());
  ASSERT_TRUE(t.d.run_until([&] { return t.client.connected(); }, 5000));
  t.transport.ack_publishes = false;
  ASSERT_TRUE(t.client.publish("t", "x", 1));
  t.d.run_once(10);
  EXPECT_EQ(t.client.outbox_size(), 1u);
  t.transport.ack_publishes = true;
  t.transport.drop = true;
  ASSERT_TRUE(t.d.run_until(
      [&] { return t.client.reconnects() == 1 && t.client.outbox_size() == 0; }, 10000));
  EXPECT_EQ(t.transport.dup_publishes, 1);
  EXPECT_EQ(t.handler.count(event_id::disconnected), 1u);
  EXPECT_EQ(t.transport.opens, 2);
}

TEST(driver, failed_opens_back_off_with_the_clock) {
  driven t;
  t.transport.refuse_opens = true;
  t.client.start(t.clock.now_ms());
  t.d.run_until([] { return false; }, 10000, 1000);
  // Waits of 250..500, 500..1000, 1000..2000, 2000..4000, then 4000 at most: 4 to 7 opens.
  EXPECT_GE(t.transport.opens, 4);
  EXPECT_LE(t.transport.opens, 8);
  EXPECT_EQ(t.handler.count(event_id::error), static_cast<std::size_t>(t.transport.opens));
  t.transport.refuse_opens = false;
  EXPECT_TRUE(t.d.run_until([&] { return t.client.connected(); }, 10000));
}

TEST(driver, stop_disconnects_and_closes) {
  driven t;
  t.client.start(t.clock.now_ms());
  ASSERT_TRUE(t.d.run_until([&] { return t.client.connected(); }, 5000));
  t.client.stop(t.clock.now_ms());
  EXPECT_TRUE(t.d.run_until([&] { return !t.d.is_open(); }, 1000));
  EXPECT_FALSE(t.transport.is_open());
  t.d.run_until([] { return false; }, 5000);
  EXPECT_EQ(t.transport.opens, 1);
}

}  // namespace
}  // namespace roost::sdk::test
