#pragma once
// Topic rules of the device cloud (compatible with Bemfa's): which names are valid, which device
// type a name stands for, and the `/set`, `/up` and `/app` suffixes.
//
//   "ledctrl002"      valid, type light (002), no suffix
//   "ledctrl002/set"  base "ledctrl002", suffix set: to every subscriber but the sender
//   "temp004/up"      base "temp004", suffix up: updates the value, delivered to nobody
//   "ledctrl/app"     base "ledctrl", suffix app: a subscription not counted as a device online

#include <cstdint>
#include <string_view>

namespace roost::platform {

// Letters, digits, '_' and '-', 1 to 64 characters.
bool valid_topic_name(std::string_view name);

enum class device_type : std::uint8_t {
  none = 0,
  outlet = 1,
  light = 2,
  fan = 3,
  sensor = 4,
  air_conditioner = 5,
  switch_ = 6,
  curtain = 9,
  thermostat = 10,
  water_heater = 11,
  tv = 12,
  air_purifier = 13,
};

// The device type named by the last three characters of a (base) topic name, or `none`.
device_type device_type_of(std::string_view name);

// A short stable name for the type ("light", "sensor", ...; "" for none).
std::string_view to_string(device_type t);

enum class topic_suffix : std::uint8_t { none, set, up, app };

struct split_topic {
  std::string_view base;
  topic_suffix suffix = topic_suffix::none;
};

// Splits a trailing "/set", "/up" or "/app" off `topic`; anything else is returned whole.
split_topic split_suffix(std::string_view topic);

}  // namespace roost::platform
