#include "remove_topic.hpp"

#include <string>

#include "roost/base/log.hpp"

namespace roost::web {

bool remove_topic_and_firmware(services& svc, broker::scope_id scope, std::string_view name) {
  if (!svc.topics.remove(scope, name)) return false;
  svc.firmware.remove(scope, name, [what = std::string(name)](platform::firmware_result<bool> removed) {
    if (!removed) log::write(log::level::error, "topic " + what + ": firmware not removed: " + removed.error().reason);
  });
  return true;
}

}  // namespace roost::web
