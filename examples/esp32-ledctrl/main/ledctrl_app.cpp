#include "ledctrl_app.hpp"

#include <charconv>

#include "parse_command.hpp"

namespace roost::ledctrl {

app::app(sdk::mqtt_client& client, led_port& led, const settings& s)
    : _client(client), _led(led), _settings(s) {}

void app::start(sdk::millis now) {
  // The client remembers the filter and subscribes after every connect; a failure here can only
  // be a bad topic or full store memory, which the configuration has to fix.
  (void)_client.subscribe(_settings.command_topic, _settings.command_qos);
  _led_on = false;
  _led.set(false);
  _next_beat = now + _settings.period_ms;
  _started = true;
}

void app::on_event(const sdk::event& e) {
  switch (e.id) {
    case sdk::event_id::connected:
      _reported = false;
      // A resumed session gets no SUBACK: it is listening already.
      if (e.session_present) report_state();
      break;
    case sdk::event_id::subscribed:
      if (!_reported) report_state();
      break;
    case sdk::event_id::data: {
      if (e.topic != _settings.command_topic) break;
      const std::string_view text{reinterpret_cast<const char*>(e.payload.data()),
                                  e.payload.size()};
      const command c = parse_command(text);
      if (c != command::unknown) switch_led(c == command::on);
      break;
    }
    default:
      break;
  }
}

void app::tick(sdk::millis now) {
  if (!_started || now < _next_beat) return;
  if (_client.connected()) beat();
  // Next grid point after `now`: a late tick publishes once, the grid stays where it was.
  const sdk::millis missed = (now - _next_beat) / _settings.period_ms;
  _next_beat += (missed + 1) * _settings.period_ms;
}

std::uint32_t app::wait_ms(sdk::millis now, std::uint32_t max_ms) const {
  if (!_started) return max_ms;
  if (now >= _next_beat) return 0;
  const sdk::millis left = _next_beat - now;
  return left < max_ms ? static_cast<std::uint32_t>(left) : max_ms;
}

void app::switch_led(bool on) {
  _led_on = on;
  _led.set(on);
  report_state();
}

void app::report_state() {
  const std::string_view text = _led_on ? "led on" : "led off";
  publish(_settings.state_topic, text, _settings.state_qos);
  _reported = true;
}

void app::beat() {
  publish(_settings.beat_topic, _settings.beat_payload, _settings.beat_qos);
  char digits[16];
  const std::uint32_t next = _counter + 1;
  const char* end = std::to_chars(digits, digits + sizeof digits, next).ptr;
  const std::string_view text{digits, static_cast<std::size_t>(end - digits)};
  // The counter moves on only when its value was taken, so `Time` has no gaps.
  if (publish(_settings.counter_topic, text, _settings.beat_qos)) _counter = next;
}

bool app::publish(std::string_view topic, std::string_view payload, std::uint8_t qos) {
  if (!_client.publish(topic, payload, qos)) return false;
  ++_published;
  return true;
}

}  // namespace roost::ledctrl
