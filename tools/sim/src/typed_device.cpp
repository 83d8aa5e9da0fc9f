#include "typed_device.hpp"

#include <utility>

namespace roost::tools::sim {

typed_device::typed_device(std::string topic, std::unique_ptr<device_model> model, fleet_stats& stats,
                           const fleet_clock& clock)
    : _topic(std::move(topic)), _up_topic(_topic + "/up"), _model(std::move(model)), _stats(stats), _clock(clock) {}

millis typed_device::next_deadline() const { return _model->next_deadline(); }

void typed_device::on_tick(millis now) {
  if (auto r = _model->on_tick(now)) report(*r);
}

void typed_device::connected() {
  if (_connected) return;
  _connected = true;
  _stats.connected(!_ever_connected, _clock.now());
  _ever_connected = true;
  report(_model->on_connected(_clock.now()));
}

void typed_device::disconnected() {
  if (!_connected) return;
  _connected = false;
  _stats.disconnected();
}

void typed_device::message(std::string_view topic, std::string_view msg) {
  _stats.message_in();
  if (topic != _topic) return;
  if (auto r = _model->on_message(msg, _clock.now())) report(*r);
}

void typed_device::report(std::string_view msg) {
  if (publish(_up_topic, msg)) _stats.message_out();
}

}  // namespace roost::tools::sim
