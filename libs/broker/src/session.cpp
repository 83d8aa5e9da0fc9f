// Session bookkeeping that is not tied to one packet type.

#include <algorithm>

#include "engine_state.hpp"

namespace roost::broker {

// Returns a packet id that no in-flight message of `s` uses, never 0 [MQTT-2.3.1-1]. The window is
// small (max_inflight), so a linear check is cheaper than keeping an index.
std::uint16_t engine_state::allocate_packet_id(session& s) {
  for (;;) {
    const std::uint16_t id = s.next_packet_id;
    s.next_packet_id = static_cast<std::uint16_t>(id == 0xFFFF ? 1 : id + 1);
    if (id == 0) continue;
    const bool used = std::any_of(s.inflight.begin(), s.inflight.end(),
                                  [id](const inflight_message& f) { return f.packet_id == id; });
    if (!used) return id;
  }
}

void engine_state::announce_subscriptions(session& s, bool online) {
  if (s.topics == nullptr) return;
  for (const auto& [filter, qos] : s.subscriptions) {
    if (online) {
      s.topics->subscribed(s.scope, filter);
    } else {
      s.topics->unsubscribed(s.scope, filter);
    }
  }
}

void engine_state::drop_retained_backlog(session& s, std::string_view filter) {
  std::erase_if(s.retained_backlog, [filter](const retained_batch& b) { return b.filter == filter; });
}

}  // namespace roost::broker
