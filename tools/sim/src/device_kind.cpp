#include "roost/tools/sim/device_kind.hpp"

#include <array>
#include <utility>

#include "roost/tools/sim/curtain_model.hpp"
#include "roost/tools/sim/light_model.hpp"
#include "roost/tools/sim/sensor_model.hpp"
#include "roost/tools/sim/switch_model.hpp"

namespace roost::tools::sim {
namespace {

struct kind_info {
  device_kind kind;
  std::string_view name;
  std::string_view pattern;
};

constexpr std::array<kind_info, 5> kinds{{
    {device_kind::led, "led", ""},
    {device_kind::light, "light", "light{n}002"},
    {device_kind::sensor, "sensor", "sensor{n}004"},
    {device_kind::switch_, "switch", "switch{n}006"},
    {device_kind::curtain, "curtain", "curtain{n}009"},
}};

const kind_info& info(device_kind kind) { return kinds[static_cast<std::size_t>(kind)]; }

}  // namespace

std::string_view to_string(device_kind kind) { return info(kind).name; }

std::optional<device_kind> parse_kind(std::string_view name) {
  for (const auto& k : kinds)
    if (k.name == name) return k.kind;
  return std::nullopt;
}

std::string_view default_topic_pattern(device_kind kind) { return info(kind).pattern; }

std::unique_ptr<device_model> make_model(device_kind kind, std::uint32_t n, millis interval_ms) {
  switch (kind) {
    case device_kind::light: return std::make_unique<light_model>();
    case device_kind::sensor: return std::make_unique<sensor_model>(n, interval_ms);
    case device_kind::switch_: return std::make_unique<switch_model>();
    case device_kind::curtain: return std::make_unique<curtain_model>();
    case device_kind::led: break;
  }
  return nullptr;
}

}  // namespace roost::tools::sim
