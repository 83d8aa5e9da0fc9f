#pragma once
// device_kind: the kinds of simulated device, their default topic patterns and their models.

#include <cstdint>
#include <memory>
#include <optional>
#include <string_view>

#include "roost/tools/sim/device_model.hpp"

namespace roost::tools::sim {

enum class device_kind : std::uint8_t { led, light, sensor, switch_, curtain };

// "led", "light", "sensor", "switch", "curtain" (the spelling of --kind).
std::string_view to_string(device_kind kind);
// The kind spelled `name`, or nothing.
std::optional<device_kind> parse_kind(std::string_view name);

// The default --topic of a typed kind: `light{n}002`, `sensor{n}004`, `switch{n}006`,
// `curtain{n}009`. Empty for led, whose topics are the reference application's.
std::string_view default_topic_pattern(device_kind kind);

// A new model for device number `n` (1-based; seeds the sensor's values) of a typed kind, with
// `interval_ms` between a sensor's reports. Null for led, which runs the reference application.
std::unique_ptr<device_model> make_model(device_kind kind, std::uint32_t n, millis interval_ms);

}  // namespace roost::tools::sim
