#include "client_typed_device.hpp"
#include "device_factory.hpp"

namespace roost::tools::sim {
namespace {

// A typed device over the line protocol: cmd=1 on its topic, reports with cmd=2 to `<topic>/up`.
class line_typed_device final : public client_typed_device<sdk::line_client, sdk::line_handler> {
 public:
  line_typed_device(const device_setup& setup, std::string topic, std::unique_ptr<device_model> model)
      : client_typed_device(setup, std::move(topic), std::move(model), line_config(setup)) {}

 private:
  void on_event(sdk::line_client&, const sdk::line_event& e) override {
    switch (e.id) {
      case sdk::line_event_id::connected: connected(); break;
      case sdk::line_event_id::disconnected: disconnected(); break;
      case sdk::line_event_id::message: message(e.topic, e.msg); break;
      default: break;
    }
  }
};

}  // namespace

std::unique_ptr<sim_device> make_line_typed_device(const device_setup& setup, std::string topic,
                                                   std::unique_ptr<device_model> model) {
  return std::make_unique<line_typed_device>(setup, std::move(topic), std::move(model));
}

}  // namespace roost::tools::sim
