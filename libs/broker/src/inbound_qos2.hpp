#pragma once
// The inbound QoS 2 packet ids of a session that await their PUBREL.

#include <algorithm>
#include <cstdint>
#include <utility>
#include <vector>

namespace roost::broker {

// Packet ids received in a QoS 2 PUBLISH and not yet released, each with its id in the persistence
// port (0: not stored). An unordered list: a client has few outstanding, a lookup is a short scan
// and a removal swaps the last entry in, whatever the order of the PUBRELs. Allocates nothing while
// empty and gives its memory back when emptied.
class inbound_qos2 {
 public:
  // The stored id kept for `packet_id`, or null when the id is not outstanding.
  std::uint64_t* find(std::uint16_t packet_id) {
    auto it = locate(packet_id);
    return it == _ids.end() ? nullptr : &it->second;
  }

  // Records `packet_id` with `stored` unless it is outstanding already; returns its stored id's
  // place and whether it was added.
  std::pair<std::uint64_t*, bool> add(std::uint16_t packet_id, std::uint64_t stored) {
    if (std::uint64_t* known = find(packet_id)) return {known, false};
    _ids.emplace_back(packet_id, stored);
    return {&_ids.back().second, true};
  }

  // Forgets `packet_id`; returns the stored id it had (0 when none or not outstanding).
  std::uint64_t release(std::uint16_t packet_id) {
    auto it = locate(packet_id);
    if (it == _ids.end()) return 0;
    const std::uint64_t stored = it->second;
    *it = _ids.back();
    _ids.pop_back();
    if (_ids.empty()) std::vector<entry>{}.swap(_ids);
    return stored;
  }

  std::size_t size() const { return _ids.size(); }

 private:
  using entry = std::pair<std::uint16_t, std::uint64_t>;
  std::vector<entry>::iterator locate(std::uint16_t packet_id) {
    return std::find_if(_ids.begin(), _ids.end(), [&](const entry& e) { return e.first == packet_id; });
  }

  std::vector<entry> _ids;
};

}  // namespace roost::broker
