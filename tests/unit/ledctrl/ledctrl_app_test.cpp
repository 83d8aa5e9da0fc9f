// The reference device application (examples/esp32-ledctrl/main/ledctrl_app.hpp) on the real SDK
// client, with a manual clock and broker_peer playing the broker: commands, state reports, the
// 3 s beat, and what a reconnect changes.

#include <gtest/gtest.h>

#include <vector>

#include "broker_peer.hpp"
#include "ledctrl_app.hpp"

using namespace roost;
using roost::test::broker_peer;
using roost::test::message;

namespace {

using messages = std::vector<message>;

class fake_led final : public ledctrl::led_port {
 public:
  void set(bool on) override { history.push_back(on); }
  bool on() const { return !history.empty() && history.back(); }
  std::vector<bool> history;
};

// The client and the app wired as on a device: the client's events go to the app.
struct device final : sdk::event_handler {
  device(const sdk::client_config& config, ledctrl::led_port& led, const ledctrl::settings& s)
      : client(config, memory.view(), *this), app(client, led, s) {}
  void on_event(sdk::mqtt_client&, const sdk::event& e) override { app.on_event(e); }

  sdk::heap_memory memory{2048, 2048, 4096};
  sdk::mqtt_client client;
  ledctrl::app app;
};

sdk::client_config device_config(bool clean_session = true) {
  sdk::client_config c;
  c.host = "cloud.test";
  c.port = 9501;
  c.client_id = "0123456789abcdef0123456789abcdef";
  c.clean_session = clean_session;
  return c;
}

messages beat(int n) { return {{"bafa", "putting"}, {"Time", std::to_string(n)}}; }

class ledctrl_app_test : public ::testing::Test {
 protected:
  explicit ledctrl_app_test(bool clean_session = true) : config(device_config(clean_session)) {}

  // Starts app and client at t = 0 and connects; the state report of the connection is taken.
  void start_connected() {
    dev.app.start(0);
    dev.client.start(0);
    broker.connect(0);
    ASSERT_EQ(broker.take_published(), (messages{{"ledstate", "led off"}}));
  }

  sdk::client_config config;
  ledctrl::settings settings;
  fake_led led;
  device dev{config, led, settings};
  broker_peer broker{dev.client};
};

TEST_F(ledctrl_app_test, start_switches_the_led_off_and_subscribes_to_ledctrl) {
  dev.app.start(0);
  dev.client.start(0);
  EXPECT_EQ(led.history, std::vector<bool>{false});
  broker.connect(0);
  EXPECT_EQ(broker.subscriptions(), std::vector<std::string>{"ledctrl"});
}

TEST_F(ledctrl_app_test, reports_the_state_once_the_subscription_is_acknowledged) {
  start_connected();
  EXPECT_FALSE(dev.app.led_on());
}

TEST_F(ledctrl_app_test, on_switches_the_led_on_and_reports_led_on) {
  start_connected();
  broker.send("ledctrl", "on", 100);
  EXPECT_TRUE(led.on());
  EXPECT_TRUE(dev.app.led_on());
  EXPECT_EQ(broker.take_published(), (messages{{"ledstate", "led on"}}));
}

TEST_F(ledctrl_app_test, off_switches_the_led_off_and_reports_led_off) {
  start_connected();
  broker.send("ledctrl", "on", 100);
  broker.send("ledctrl", "off", 200);
  EXPECT_FALSE(led.on());
  EXPECT_EQ(broker.take_published(), (messages{{"ledstate", "led on"}, {"ledstate", "led off"}}));
}

TEST_F(ledctrl_app_test, a_repeated_command_is_reported_again) {
  start_connected();
  broker.send("ledctrl", "on", 100);
  broker.send("ledctrl", "on", 200);
  EXPECT_EQ(broker.take_published(), (messages{{"ledstate", "led on"}, {"ledstate", "led on"}}));
  EXPECT_EQ(led.history, (std::vector<bool>{false, true, true}));
}

TEST_F(ledctrl_app_test, commands_ignore_case_and_surrounding_whitespace) {
  start_connected();
  broker.send("ledctrl", "ON\r\n", 100);
  EXPECT_TRUE(led.on());
  broker.send("ledctrl", " Off\t", 200);
  EXPECT_FALSE(led.on());
  EXPECT_EQ(broker.take_published(), (messages{{"ledstate", "led on"}, {"ledstate", "led off"}}));
}

TEST_F(ledctrl_app_test, unknown_commands_are_ignored) {
  start_connected();
  for (const char* payload : {"on#50", "toggle", "", "o n", "1", "onoff"}) {
    broker.send("ledctrl", payload, 100);
  }
  EXPECT_EQ(broker.take_published(), messages{});
  EXPECT_EQ(led.history, std::vector<bool>{false});
}

TEST_F(ledctrl_app_test, messages_on_other_topics_are_ignored) {
  start_connected();
  broker.send("ledstate", "on", 100);
  broker.send("ledctrl/x", "on", 100);
  EXPECT_EQ(broker.take_published(), messages{});
  EXPECT_FALSE(led.on());
}

TEST_F(ledctrl_app_test, nothing_is_published_before_the_first_period) {
  start_connected();
  for (sdk::millis t = 0; t < 3000; t += 100) dev.app.tick(t);
  dev.app.tick(2999);
  broker.exchange(2999);
  EXPECT_EQ(broker.take_published(), messages{});
  EXPECT_EQ(dev.app.counter(), 0u);
}

TEST_F(ledctrl_app_test, bafa_and_time_every_3000_ms_exactly_with_an_increasing_counter) {
  start_connected();
  dev.app.tick(3000);
  broker.exchange(3000);
  EXPECT_EQ(broker.take_published(), beat(1));
  dev.app.tick(5999);
  broker.exchange(5999);
  EXPECT_EQ(broker.take_published(), messages{});
  dev.app.tick(6000);
  broker.exchange(6000);
  EXPECT_EQ(broker.take_published(), beat(2));
  dev.app.tick(9000);
  broker.exchange(9000);
  EXPECT_EQ(broker.take_published(), beat(3));
  EXPECT_EQ(dev.app.counter(), 3u);
}

TEST_F(ledctrl_app_test, a_late_tick_publishes_once_and_keeps_the_grid) {
  start_connected();
  dev.app.tick(10500);  // the grid points 3000, 6000 and 9000 were missed
  broker.exchange(10500);
  EXPECT_EQ(broker.take_published(), beat(1));
  EXPECT_EQ(dev.app.next_deadline(), 12000u);
  dev.app.tick(12000);
  broker.exchange(12000);
  EXPECT_EQ(broker.take_published(), beat(2));
}

TEST_F(ledctrl_app_test, published_counts_every_message_handed_to_the_client) {
  start_connected();
  EXPECT_EQ(dev.app.published(), 1u);  // the state report
  broker.send("ledctrl", "on", 100);
  broker.send("ledctrl", "nonsense", 200);
  dev.app.tick(3000);
  broker.exchange(3000);
  EXPECT_EQ(broker.take_published().size(), 3u);
  EXPECT_EQ(dev.app.published(), 4u);
}

TEST_F(ledctrl_app_test, wait_ms_counts_down_to_the_next_beat) {
  EXPECT_EQ(dev.app.wait_ms(0, 1000), 1000u);  // not started: only the cap
  dev.app.start(0);
  EXPECT_EQ(dev.app.wait_ms(0, 1000), 1000u);
  EXPECT_EQ(dev.app.wait_ms(2500, 1000), 500u);
  EXPECT_EQ(dev.app.wait_ms(3000, 1000), 0u);
  EXPECT_EQ(dev.app.wait_ms(3001, 1000), 0u);
}

TEST_F(ledctrl_app_test, beats_are_skipped_while_disconnected_and_resume_without_gaps) {
  start_connected();
  dev.app.tick(3000);
  broker.exchange(3000);
  EXPECT_EQ(broker.take_published(), beat(1));

  broker.drop(4000);
  dev.app.tick(6000);  // disconnected: skipped, not queued
  EXPECT_EQ(dev.client.offline_queue_size(), 0u);
  EXPECT_EQ(dev.app.counter(), 1u);

  const sdk::millis back = broker.wait_for_reconnect(4000);
  ASSERT_LT(back, 9000u) << "the first reconnect should come within a few seconds";
  broker.connect(back);
  EXPECT_EQ(broker.take_published(), (messages{{"ledstate", "led off"}}));
  dev.app.tick(9000);
  broker.exchange(9000);
  EXPECT_EQ(broker.take_published(), beat(2));
}

TEST_F(ledctrl_app_test, a_reconnect_subscribes_again_and_reports_the_current_state) {
  start_connected();
  broker.send("ledctrl", "on", 100);
  EXPECT_EQ(broker.take_published(), (messages{{"ledstate", "led on"}}));

  broker.drop(1000);
  broker.connect(broker.wait_for_reconnect(1000));
  EXPECT_EQ(broker.subscriptions(), (std::vector<std::string>{"ledctrl", "ledctrl"}));
  EXPECT_EQ(broker.take_published(), (messages{{"ledstate", "led on"}}));
  EXPECT_TRUE(led.on());  // a reconnect does not touch the LED

  broker.send("ledctrl", "off", 5000);
  EXPECT_EQ(broker.take_published(), (messages{{"ledstate", "led off"}}));
}

class ledctrl_persistent_session_test : public ledctrl_app_test {
 protected:
  ledctrl_persistent_session_test() : ledctrl_app_test(false) {}
};

TEST_F(ledctrl_persistent_session_test, a_resumed_session_reports_the_state_at_connack) {
  start_connected();
  broker.drop(1000);
  // The broker kept the session (and its subscription): no SUBSCRIBE, no SUBACK, still a report.
  broker.connect(broker.wait_for_reconnect(1000), /*session_present=*/true);
  EXPECT_EQ(broker.subscriptions(), std::vector<std::string>{"ledctrl"});
  EXPECT_EQ(broker.take_published(), (messages{{"ledstate", "led off"}}));
}

}  // namespace
