#pragma once
// client_typed_device: a typed_device on one SDK client (sdk::mqtt_client or sdk::line_client) in
// its own heap memory. It subscribes to the device's topic (QoS 0 / cmd=1) before starting and
// publishes reports with the client's defaults; a subclass only turns the client's events into
// typed_device's connected(), disconnected() and message().

#include <memory>
#include <string>
#include <string_view>
#include <utility>

#include "device_factory.hpp"
#include "typed_device.hpp"

namespace roost::tools::sim {

template <class Client, class Handler>
class client_typed_device : public typed_device, private Handler {
 public:
  sdk::session& session() final { return _client; }
  // Remembers the subscription to the topic, then connects.
  void start(millis now) final {
    (void)_client.subscribe(this->topic());
    _client.start(now);
  }
  void stop(millis now) final { _client.stop(now); }

 protected:
  // `config` is the client's settings (mqtt_config() or line_config() of the setup).
  template <class Config>
  client_typed_device(const device_setup& setup, std::string topic,
                      std::unique_ptr<device_model> model, const Config& config)
      : typed_device(std::move(topic), std::move(model), setup.stats, setup.clock),
        _memory(mqtt_tx_bytes, mqtt_rx_bytes, mqtt_store_bytes),
        _client(config, _memory.view(), *this) {}

 private:
  bool publish(std::string_view t, std::string_view msg) final {
    return static_cast<bool>(_client.publish(t, msg));
  }

  sdk::heap_memory _memory;
  Client _client;
};

}  // namespace roost::tools::sim
