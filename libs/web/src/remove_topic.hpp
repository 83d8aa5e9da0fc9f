#pragma once
// Removing a topic through the web (the native API, the compatible /v1/deltopic and
// /v1/deleteTopic): the record with its history, and its firmware.

#include <string_view>

#include "roost/broker/scope.hpp"
#include "roost/web/services.hpp"

namespace roost::web {

// Removes topic `name` of `scope` from the registry and, when it existed, asks the firmware
// catalog to remove its firmware (not waited for; a failure is logged). False when there was no
// such topic.
bool remove_topic_and_firmware(services& svc, broker::scope_id scope, std::string_view name);

}  // namespace roost::web
