#include "device_factory.hpp"
#include "roost/tools/sim/topic_pattern.hpp"

namespace roost::tools::sim {

sdk::client_config mqtt_config(const device_setup& setup) {
  sdk::client_config c;
  c.host = setup.options.server.host.c_str();
  c.port = setup.options.server.port;
  c.client_id = setup.options.key;
  c.keep_alive_s = setup.options.keep_alive_s;
  return c;
}

sdk::line_config line_config(const device_setup& setup) {
  sdk::line_config c;
  c.host = setup.options.server.host.c_str();
  c.port = setup.options.server.port;
  c.uid = setup.options.key;
  return c;
}

std::unique_ptr<sim_device> make_device(const device_setup& setup, std::uint32_t n) {
  const fleet_options& o = setup.options;
  if (o.kind == device_kind::led) return make_led_device(setup, n);
  const auto interval_ms = static_cast<millis>(o.interval_s * 1000.0);
  std::string topic = expand_topic(o.topic_pattern, n);
  auto model = make_model(o.kind, n, interval_ms);
  if (o.line) return make_line_typed_device(setup, std::move(topic), std::move(model));
  return make_mqtt_typed_device(setup, std::move(topic), std::move(model));
}

}  // namespace roost::tools::sim
