// The portable SDK allocates nothing after construction when given caller buffers. This binary
// replaces the global operator new/delete and counts allocations while a client connects,
// subscribes, publishes and receives at every QoS, loses its stream and reconnects.

#include <gtest/gtest.h>

#include <array>

#include "allocation_counter.hpp"
#include "counting_handler.hpp"
#include "fake_port.hpp"
#include "roost/sdk/driver.hpp"
#include "roost/sdk/line_client.hpp"

namespace roost::sdk::test {
namespace {

// Counts allocations for its lifetime (stops early at take()).
struct counting_scope {
  counting_scope() { start_counting_allocations(); }
  ~counting_scope() { stop_counting_allocations(); }
  std::size_t take() { return stop_counting_allocations(); }
};

TEST(no_heap, mqtt_client_runs_every_flow_without_allocating) {
  std::array<std::uint8_t, 1024> tx{}, rx{}, store{}, scratch{};
  manual_clock clock;
  echo_broker_transport transport{clock};
  counting_handler handler;
  client_config cfg;
  cfg.client_id = "no-heap";
  cfg.keep_alive_s = 5;
  cfg.reconnect_min_ms = 100;
  mqtt_client client{cfg, {tx, rx, store}, handler};
  driver d{client, transport, clock, scratch};

  std::size_t used = 0;
  {
    counting_scope scope;
    client.subscribe("echo/#", 2);
    client.start(clock.now_ms());
    bool ok = d.run_until([&] { return handler.count(event_id::subscribed) == 1; }, 5000);
    for (std::uint8_t qos = 0; qos <= 2; ++qos)
      ok = ok && client.publish("echo/a", "payload", qos).has_value();
    ok = ok &&
         d.run_until(
             [&] { return handler.count(event_id::data) == 3 && client.outbox_size() == 0; }, 5000);
    d.run_until([] { return false; }, 12000, 1000);  // keep-alive pings
    transport.ack_publishes = false;
    ok = ok && client.publish("echo/b", "kept", 1).has_value();
    d.run_once(10);
    transport.ack_publishes = true;
    transport.drop = true;  // the stream goes; the outbox is re-sent after the reconnect
    ok = ok &&
         d.run_until([&] { return client.reconnects() == 1 && client.outbox_size() == 0; }, 5000);
    client.stop(clock.now_ms());
    ok = ok && client.publish("echo/c", "offline", 1).has_value();  // queued while stopped
    d.run_until([&] { return !d.is_open(); }, 1000);
    used = scope.take();
    ASSERT_TRUE(ok);
  }
  EXPECT_EQ(used, 0u);
  EXPECT_EQ(handler.count(event_id::data), 5u);  // 3, then "kept" and its re-sent copy
  EXPECT_EQ(transport.dup_publishes, 1);
  EXPECT_GE(transport.pings, 1);
  EXPECT_EQ(client.offline_queue_size(), 1u);
}

struct line_counter final : line_handler {
  void on_event(line_client&, const line_event& e) override {
    ++counts[static_cast<std::size_t>(e.id)];
  }
  std::array<std::size_t, 8> counts{};
};

TEST(no_heap, line_client_allocates_nothing) {
  std::array<std::uint8_t, 256> tx{}, rx{}, store{};
  line_counter handler;
  line_config cfg;
  cfg.uid = "KEY";
  line_client client{cfg, {tx, rx, store}, handler};
  std::size_t used = 0;
  {
    counting_scope scope;
    client.subscribe("led002", true);
    client.publish("led002", "on");
    client.start(1000);
    client.on_tick(1000);
    client.on_open(1000);
    client.on_sent(client.output().size());
    const std::string_view push = "cmd=2&uid=KEY&topic=led002&msg=a&b\r\n12:00:00\r\n";
    client.on_received({reinterpret_cast<const std::uint8_t*>(push.data()), push.size()}, 1001);
    client.on_tick(40000);
    client.on_closed(40000);
    used = scope.take();
  }
  EXPECT_EQ(used, 0u);
  EXPECT_EQ(handler.counts[static_cast<std::size_t>(line_event_id::message)], 1u);
  EXPECT_EQ(handler.counts[static_cast<std::size_t>(line_event_id::time)], 1u);
}

}  // namespace
}  // namespace roost::sdk::test
