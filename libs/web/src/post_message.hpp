#pragma once
// Messages posted through the web (the compatible API, the native API, the console): they go to
// the tenant's MQTT or TCP namespace exactly as a device's publish would, `/set` and `/up` rules
// included, and update the topic's value and history.
//
//   post_message(svc, tenant, mqtt, "ledctrl002", "on", false, done)
//     -> every MQTT subscriber of ledctrl002 gets "on"; latest value "on"; done(true) once stored

#include <functional>
#include <optional>
#include <string_view>

#include "roost/platform/cloud_scope.hpp"
#include "roost/platform/tenant_record.hpp"
#include "roost/web/services.hpp"

namespace roost::web {

// The namespace of the compatible API's `type` parameter: 1 and 5 are MQTT, 3 and 7 TCP;
// nullopt for anything else.
std::optional<platform::cloud_namespace> namespace_of_type(std::string_view type);

// Publishes `msg` to `topic` (a base name, optionally with /set or /up) of tenant `t`'s namespace
// `ns`, at QoS `qos` (MQTT only) and retained when `retain` (MQTT only). Returns false, delivering
// nothing, when the topic is invalid, unknown to a tenant that does not create topics on first
// use, or refused (`/app`, wildcards). Otherwise `done(ok)` is called once what it stored is
// committed (durability full) or at once, from any thread.
bool post_message(services& svc, const platform::tenant& t, platform::cloud_namespace ns, std::string_view topic,
                  std::string_view msg, bool retain, std::uint8_t qos, std::function<void(bool ok)> done);

}  // namespace roost::web
