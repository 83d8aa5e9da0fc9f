#pragma once
// ledctrl: the reference device application (the LED device of the Bemfa tutorials) as portable
// logic. It owns neither the MQTT client nor the driver: the ESP-IDF firmware (app_main.cpp),
// `roost-ledctrl` on Linux and `roost sim --kind led` each wire it to their own loop.
//
//   struct device final : sdk::event_handler {                 // one way to wire it
//     sdk::mqtt_client client{config, memory, *this};
//     ledctrl::app app{client, led, settings};
//     void on_event(sdk::mqtt_client&, const sdk::event& e) override { app.on_event(e); }
//   };
//   dev.app.start(clock.now_ms());
//   dev.client.start(clock.now_ms());
//   for (;;) {
//     dev.app.tick(clock.now_ms());
//     driver.run_once(dev.app.wait_ms(clock.now_ms(), 1000));
//   }
//
// Behaviour (what tests/unit/ledctrl checks):
// - start() subscribes to the command topic (`ledctrl`; the client remembers it and subscribes
//   again after every reconnect) and switches the LED off, the known initial state.
// - A message `on` or `off` on the command topic (ASCII case and surrounding whitespace ignored,
//   see parse_command.hpp) switches the LED and reports `led on` / `led off` on the state topic
//   (`ledstate`), also when the LED already was in that state (the report is the acknowledgement).
//   Anything else is ignored: the LED stays, nothing is published.
// - Once per connection the current state is reported as well: when the subscription is
//   acknowledged (SUBACK), or at CONNACK when the broker resumed a session. So after a boot or a
//   reconnect the cloud's latest value of `ledstate` is right again, and a report means the device
//   is listening to commands.
// - Every period (3000 ms) after start(), on a fixed grid (start + 3000, start + 6000, ...):
//   `putting` to `bafa`, then an increasing counter (`1`, `2`, `3`, ...) to `Time`. Only while
//   connected: beats that fall into a disconnection are skipped, not queued (stale telemetry is
//   worthless), and the counter goes on where it stopped. A tick that comes late by several
//   periods publishes once, not once per missed period.
// Never throws, never allocates.

#include <cstdint>
#include <string_view>

#include "roost/sdk/mqtt_client.hpp"
#include "roost/sdk/port.hpp"

namespace roost::ledctrl {

// The LED: a GPIO on the ESP32, stdout on Linux, a flag in the simulator and the tests.
class led_port {
 public:
  virtual ~led_port() = default;
  // Switches the LED on (true) or off (false). Called from the application's thread only.
  virtual void set(bool on) = 0;
};

// Topics and timing. The views must outlive the app (string literals, Kconfig strings, argv).
struct settings {
  std::string_view command_topic = "ledctrl";
  std::string_view state_topic = "ledstate";
  std::string_view beat_topic = "bafa";
  std::string_view beat_payload = "putting";
  std::string_view counter_topic = "Time";
  std::uint32_t period_ms = 3000;  // must be > 0
  std::uint8_t command_qos = 1;    // subscription to the command topic
  std::uint8_t state_qos = 1;      // state reports: an acknowledgement worth delivering
  std::uint8_t beat_qos = 0;       // `bafa` and `Time`: the next beat supersedes a lost one
};

class app {
 public:
  // Keeps references to `client` and `led` (both must outlive the app) and a copy of `s`.
  app(sdk::mqtt_client& client, led_port& led, const settings& s);

  // Subscribes to the command topic, switches the LED off and starts the beat grid at `now`.
  // Call once, before or after the client's own start().
  void start(sdk::millis now);

  // Feed every event of the client here (from its event_handler). Events of any other kind than
  // connected, subscribed and data are ignored.
  void on_event(const sdk::event& e);

  // Publishes the beat when `now` reached the next grid point (and the client is connected).
  // Call at least as often as the period; calls before start() do nothing.
  void tick(sdk::millis now);

  // When tick() next has something to do (the next grid point); 0 before start().
  sdk::millis next_deadline() const { return _next_beat; }

  // How long a loop may wait at `now` before calling tick() again: until next_deadline(), at most
  // `max_ms`, 0 when the deadline has passed.
  std::uint32_t wait_ms(sdk::millis now, std::uint32_t max_ms) const;

  bool led_on() const { return _led_on; }
  // The last value published to the counter topic (0 before the first beat).
  std::uint32_t counter() const { return _counter; }
  // Messages the app handed to the client (state reports and beats), for status lines.
  std::uint32_t published() const { return _published; }

 private:
  void switch_led(bool on);
  void report_state();
  void beat();
  // client.publish, counted in _published when the client took the message.
  bool publish(std::string_view topic, std::string_view payload, std::uint8_t qos);

  sdk::mqtt_client& _client;
  led_port& _led;
  settings _settings;
  bool _started = false;
  bool _led_on = false;
  bool _reported = false;  // state reported on the current connection
  sdk::millis _next_beat = 0;
  std::uint32_t _counter = 0;
  std::uint32_t _published = 0;
};

}  // namespace roost::ledctrl
