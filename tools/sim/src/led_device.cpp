#include <cstdint>
#include <string>

#include "device_factory.hpp"
#include "ledctrl_app.hpp"

namespace roost::tools::sim {
namespace {

// The LED is a flag.
class flag_led final : public ledctrl::led_port {
 public:
  void set(bool on) override { _on = on; }

 private:
  bool _on = false;
};

// The reference application (ledctrl::app) over MQTT. Device n of a fleet of more than one uses
// the seed's topics with n appended (`ledctrl7`, `ledstate7`, `bafa7`, `Time7`).
class led_device final : public sim_device, private sdk::event_handler {
 public:
  led_device(const device_setup& setup, std::uint32_t n)
      : _stats(setup.stats),
        _clock(setup.clock),
        _suffix(setup.options.count > 1 ? std::to_string(n) : std::string{}),
        _command_topic("ledctrl" + _suffix),
        _state_topic("ledstate" + _suffix),
        _beat_topic("bafa" + _suffix),
        _counter_topic("Time" + _suffix),
        _memory(mqtt_tx_bytes, mqtt_rx_bytes, led_store_bytes),
        _client(mqtt_config(setup), _memory.view(), *this),
        _app(_client, _led, app_settings()) {}

  sdk::session& session() override { return _client; }
  void start(millis now) override {
    _app.start(now);
    _client.start(now);
  }
  void stop(millis now) override { _client.stop(now); }
  millis next_deadline() const override { return _app.next_deadline(); }
  void on_tick(millis now) override {
    _app.tick(now);
    count_published();
  }

 private:
  ledctrl::settings app_settings() const {
    ledctrl::settings s;
    s.command_topic = _command_topic;
    s.state_topic = _state_topic;
    s.beat_topic = _beat_topic;
    s.counter_topic = _counter_topic;
    return s;
  }

  // Counts what the application published since the last call: the app decides what it
  // publishes (state reports, beats), its published() counter says what the client took.
  void count_published() {
    _stats.message_out(_app.published() - _counted);
    _counted = _app.published();
  }

  void on_event(sdk::mqtt_client&, const sdk::event& e) override {
    switch (e.id) {
      case sdk::event_id::connected:
        _stats.connected(!_ever_connected, _clock.now());
        _ever_connected = _connected = true;
        break;
      case sdk::event_id::disconnected:
        if (_connected) _stats.disconnected();
        _connected = false;
        break;
      case sdk::event_id::data:
        _stats.message_in();
        break;
      case sdk::event_id::error:
        if (e.error == sdk::client_error::connection_refused) _stats.failed_connect();
        break;
      default: break;
    }
    _app.on_event(e);
    count_published();
  }

  fleet_stats& _stats;
  const fleet_clock& _clock;
  std::string _suffix, _command_topic, _state_topic, _beat_topic, _counter_topic;
  flag_led _led;
  sdk::heap_memory _memory;
  sdk::mqtt_client _client;
  ledctrl::app _app;
  std::uint32_t _counted = 0;  // _app.published() already added to the stats
  bool _connected = false, _ever_connected = false;
};

}  // namespace

std::unique_ptr<sim_device> make_led_device(const device_setup& setup, std::uint32_t n) {
  return std::make_unique<led_device>(setup, n);
}

}  // namespace roost::tools::sim
