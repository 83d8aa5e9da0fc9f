#pragma once
// What the web application works on: the same broker, tenants and topics as the device
// listeners. Plain references, wired by `roost serve` (apps/roost/device_cloud.cpp); every member
// must outlive the application.

#include <cstdint>
#include <functional>

#include "roost/broker/engine.hpp"
#include "roost/broker/profile.hpp"
#include "roost/platform/firmware_catalog.hpp"
#include "roost/platform/line_hub.hpp"
#include "roost/platform/tenant_directory.hpp"
#include "roost/platform/topic_registry.hpp"

namespace roost::web {

struct services {
  broker::engine& engine;
  // The profile of the device cloud's MQTT listener: messages posted to the MQTT namespace go
  // through it (suffixes, latest value, history) exactly like a device's publish.
  broker::profile& mqtt_topics;
  platform::topic_registry& topics;
  platform::line_hub& line;
  platform::tenant_directory& tenants;
  // Unix time in milliseconds.
  std::function<std::int64_t()> wall_ms;
  // Firmware for OTA, per topic (the native API's uploads, /vb/api/v1/firmwareVersion, /firmware/).
  platform::firmware_catalog& firmware;
};

}  // namespace roost::web
