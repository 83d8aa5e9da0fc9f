#include "client_typed_device.hpp"
#include "device_factory.hpp"
#include "roost/sdk/mqtt_client.hpp"

namespace roost::tools::sim {
namespace {

// A typed device over MQTT: subscribes to its topic at QoS 0 and reports at QoS 0.
class mqtt_typed_device final : public client_typed_device<sdk::mqtt_client, sdk::event_handler> {
 public:
  mqtt_typed_device(const device_setup& setup, std::string topic, std::unique_ptr<device_model> model)
      : client_typed_device(setup, std::move(topic), std::move(model), mqtt_config(setup)),
        _stats(setup.stats) {}

 private:

  void on_event(sdk::mqtt_client&, const sdk::event& e) override {
    switch (e.id) {
      case sdk::event_id::connected: connected(); break;
      case sdk::event_id::disconnected: disconnected(); break;
      case sdk::event_id::data:
        message(e.topic, {reinterpret_cast<const char*>(e.payload.data()), e.payload.size()});
        break;
      case sdk::event_id::error:
        if (e.error == sdk::client_error::connection_refused) _stats.failed_connect();
        break;
      default: break;
    }
  }

  fleet_stats& _stats;
};

}  // namespace

std::unique_ptr<sim_device> make_mqtt_typed_device(const device_setup& setup, std::string topic,
                                                   std::unique_ptr<device_model> model) {
  return std::make_unique<mqtt_typed_device>(setup, std::move(topic), std::move(model));
}

}  // namespace roost::tools::sim
