// Session bookkeeping that is not tied to one packet type.

#include <algorithm>

#include "engine_state.hpp"

namespace roost::broker {

// Returns a packet id that no in-flight message of `s` uses, never 0 [MQTT-2.3.1-1]. Ids go round
// 1..65535; in-flight messages only get ids from here, behind the cursor, so once a scan of the
// window has found the nearest in-flight id ahead of the cursor, every id before it is free. The
// window is therefore scanned about once per turn of the ids, not once per message.
std::uint16_t engine_state::allocate_packet_id(session& s) {
  constexpr std::uint32_t ids = 0xFFFF;  // 1..65535
  auto advance = [&s] {
    const std::uint16_t id = s.next_packet_id;
    s.next_packet_id = static_cast<std::uint16_t>(id == 0xFFFF ? 1 : id + 1);
    return id;
  };
  if (s.next_packet_id == 0) s.next_packet_id = 1;
  for (;;) {
    if (s.ids_free_ahead > 0) {
      --s.ids_free_ahead;
      return advance();
    }
    // Distance from the cursor to the nearest in-flight id ahead of it (0: the cursor's id is used).
    const std::uint32_t cursor = s.next_packet_id;
    std::uint32_t nearest = ids;
    for (const inflight_message& f : s.inflight) {
      if (f.packet_id == 0) continue;
      nearest = std::min(nearest, (f.packet_id + ids - cursor) % ids);
    }
    if (nearest == 0) {
      advance();
      continue;
    }
    s.ids_free_ahead = static_cast<std::uint16_t>(nearest - 1);
    return advance();
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
  erase_if(s.retained_backlog, [filter](const retained_batch& b) { return b.filter == filter; });
}

}  // namespace roost::broker
