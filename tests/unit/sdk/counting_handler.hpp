#pragma once
// An event handler that only counts (no heap), for tests that drive a client through a driver.

#include <array>
#include <cstddef>

#include "roost/sdk/mqtt_client.hpp"

namespace roost::sdk::test {

class counting_handler final : public event_handler {
 public:
  void on_event(mqtt_client&, const event& e) override {
    ++counts[static_cast<std::size_t>(e.id)];
    if (e.id == event_id::data) {
      ++data_by_qos[e.qos];
      last_payload_size = e.payload.size();
    }
  }
  std::size_t count(event_id id) const { return counts[static_cast<std::size_t>(id)]; }

  std::array<std::size_t, 8> counts{};
  std::array<std::size_t, 3> data_by_qos{};
  std::size_t last_payload_size = 0;
};

}  // namespace roost::sdk::test
