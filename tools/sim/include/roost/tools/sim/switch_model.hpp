#pragma once
// switch_model: an on/off device, the switch (type 006) and, with the same format, the outlet (001).
// Commands `on` and `off` (fields after the word are ignored); reports `on` or `off`. Starts off.

#include "roost/tools/sim/device_model.hpp"

namespace roost::tools::sim {

class switch_model final : public untimed_model {
 public:
  std::string on_connected(millis now) override;
  std::optional<std::string> on_message(std::string_view msg, millis now) override;

  // The state, for tests.
  bool on() const { return _on; }

 private:
  bool _on = false;
};

}  // namespace roost::tools::sim
