#pragma once
// typed_device: a typed device (light, sensor, switch, curtain): a device_model on a topic,
// wired to a transport by a subclass (MQTT or the line protocol).
//
// The device subscribes to its topic; every message that arrives there goes to the model, and
// every report of the model is published to `<topic>/up`. After each connect the model's current
// state is reported.

#include <memory>
#include <string>
#include <string_view>

#include "fleet_clock.hpp"
#include "roost/tools/sim/device_model.hpp"
#include "roost/tools/sim/fleet_stats.hpp"
#include "sim_device.hpp"

namespace roost::tools::sim {

class typed_device : public sim_device {
 public:
  millis next_deadline() const final;
  void on_tick(millis now) final;

 protected:
  typed_device(std::string topic, std::unique_ptr<device_model> model, fleet_stats& stats, const fleet_clock& clock);

  // The transport publishes `msg` to `topic`; returns whether the client took it.
  virtual bool publish(std::string_view topic, std::string_view msg) = 0;

  // For subclasses' event handlers: the stream is up and the device can talk.
  void connected();
  // The stream is gone.
  void disconnected();
  // A message on `topic` arrived.
  void message(std::string_view topic, std::string_view msg);

  const std::string& topic() const { return _topic; }

 private:
  // Publishes a report of the model to `<topic>/up` and counts it.
  void report(std::string_view msg);

  std::string _topic;
  std::string _up_topic;
  std::unique_ptr<device_model> _model;
  fleet_stats& _stats;
  const fleet_clock& _clock;
  bool _connected = false;
  bool _ever_connected = false;
};

}  // namespace roost::tools::sim
