#pragma once
// What the web application works on: the same broker, tenants and topics as the device
// listeners. Plain references, wired by `roost serve` (apps/roost/device_cloud.cpp); every member
// must outlive the application.

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "roost/acl/rule_store.hpp"
#include "roost/broker/engine.hpp"
#include "roost/broker/profile.hpp"
#include "roost/platform/firmware_catalog.hpp"
#include "roost/platform/line_hub.hpp"
#include "roost/platform/tenant_directory.hpp"
#include "roost/platform/topic_registry.hpp"

namespace roost::web {

// What a reload (POST /api/v1/admin/reload) did: what was re-read ("certificates", "passwords"),
// and why anything kept what it had loaded before.
struct reload_report {
  std::vector<std::string> reloaded;
  std::vector<std::string> errors;
};

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
  // Re-reads what the server loads from files (TLS certificates, the password file) without a
  // restart; may be called on any thread. Empty: the reload endpoint answers 501.
  std::function<reload_report()> reload{};
  // The access rules in force, changed by /api/v1/acl and /api/v1/admin/acl (native_acl.cpp).
  // Null: those routes answer 501.
  acl::rule_store* access_rules = nullptr;
};

}  // namespace roost::web
