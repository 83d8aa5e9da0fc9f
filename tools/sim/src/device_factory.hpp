#pragma once
// device_factory: builds the devices of a fleet from its options.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "fleet_clock.hpp"
#include "fleet_options.hpp"
#include "roost/sdk/line_client.hpp"
#include "roost/sdk/mqtt_client.hpp"
#include "roost/tools/sim/fleet_stats.hpp"
#include "sim_device.hpp"

namespace roost::tools::sim {

// Per-device client memory. Device messages are short (commands and reports of a few dozen
// bytes); a larger incoming message is refused by the client, which does not stop the device.
inline constexpr std::size_t mqtt_tx_bytes = 512;
inline constexpr std::size_t mqtt_rx_bytes = 2048;
inline constexpr std::size_t mqtt_store_bytes = 2048;
inline constexpr std::size_t led_store_bytes = 4096;  // the led application's queue holds more

// What every device of a fleet shares; outlives the devices.
struct device_setup {
  const fleet_options& options;
  fleet_stats& stats;
  const fleet_clock& clock;
};

// The MQTT client settings of a device: the server, the key as client id, keep-alive.
sdk::client_config mqtt_config(const device_setup& setup);
// The line client settings of a device: the server and the key as uid (the SDK's heartbeat).
sdk::line_config line_config(const device_setup& setup);

// Device number `n` (1-based) of the fleet.
std::unique_ptr<sim_device> make_device(const device_setup& setup, std::uint32_t n);

// The builders make_device chooses from.
std::unique_ptr<sim_device> make_mqtt_typed_device(const device_setup& setup, std::string topic,
                                                   std::unique_ptr<device_model> model);
std::unique_ptr<sim_device> make_line_typed_device(const device_setup& setup, std::string topic,
                                                   std::unique_ptr<device_model> model);
std::unique_ptr<sim_device> make_led_device(const device_setup& setup, std::uint32_t n);

}  // namespace roost::tools::sim
