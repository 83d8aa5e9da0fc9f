#include "roost/platform/topic_rules.hpp"

#include <algorithm>

namespace roost::platform {

bool valid_topic_name(std::string_view name) {
  if (name.empty() || name.size() > 64) return false;
  return std::all_of(name.begin(), name.end(), [](char ch) {
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '_' ||
           ch == '-';
  });
}

device_type device_type_of(std::string_view name) {
  if (name.size() < 3) return device_type::none;
  const std::string_view code = name.substr(name.size() - 3);
  if (!std::all_of(code.begin(), code.end(), [](char ch) { return ch >= '0' && ch <= '9'; })) {
    return device_type::none;
  }
  switch ((code[0] - '0') * 100 + (code[1] - '0') * 10 + (code[2] - '0')) {
    case 1: return device_type::outlet;
    case 2: return device_type::light;
    case 3: return device_type::fan;
    case 4: return device_type::sensor;
    case 5: return device_type::air_conditioner;
    case 6: return device_type::switch_;
    case 9: return device_type::curtain;
    case 10: return device_type::thermostat;
    case 11: return device_type::water_heater;
    case 12: return device_type::tv;
    case 13: return device_type::air_purifier;
    default: return device_type::none;
  }
}

std::string_view to_string(device_type t) {
  switch (t) {
    case device_type::none: return "";
    case device_type::outlet: return "outlet";
    case device_type::light: return "light";
    case device_type::fan: return "fan";
    case device_type::sensor: return "sensor";
    case device_type::air_conditioner: return "air_conditioner";
    case device_type::switch_: return "switch";
    case device_type::curtain: return "curtain";
    case device_type::thermostat: return "thermostat";
    case device_type::water_heater: return "water_heater";
    case device_type::tv: return "tv";
    case device_type::air_purifier: return "air_purifier";
  }
  return "";
}

split_topic split_suffix(std::string_view topic) {
  struct rule {
    std::string_view text;
    topic_suffix suffix;
  };
  static constexpr rule rules[] = {{"/set", topic_suffix::set}, {"/up", topic_suffix::up}, {"/app", topic_suffix::app}};
  for (const auto& r : rules) {
    if (topic.size() > r.text.size() && topic.ends_with(r.text)) {
      return {topic.substr(0, topic.size() - r.text.size()), r.suffix};
    }
  }
  return {topic, topic_suffix::none};
}

}  // namespace roost::platform
