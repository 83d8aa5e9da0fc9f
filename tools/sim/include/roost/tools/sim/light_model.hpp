#pragma once
// light_model: a light (type 002). Commands: `on`, `off`, `on#<brightness 1-100>`,
// `on#<brightness>#<colour>` where colour is an RGB value as a decimal integer (16711680 = red) or
// a colour temperature 2700-6500 K; an empty field keeps its value (`on##255`). Brightness outside
// 1-100 is clamped. Reports `on#<brightness>#<colour>` while on and `off` while off; brightness and
// colour survive an off/on. Starts off at brightness 100, white (16777215).

#include <cstdint>

#include "roost/tools/sim/device_model.hpp"

namespace roost::tools::sim {

class light_model final : public untimed_model {
 public:
  std::string on_connected(millis now) override;
  std::optional<std::string> on_message(std::string_view msg, millis now) override;

  // The state, for tests.
  bool on() const { return _on; }
  std::uint32_t brightness() const { return _brightness; }
  std::uint32_t colour() const { return _colour; }

 private:
  // The state in the report format.
  std::string report() const;

  bool _on = false;
  std::uint32_t _brightness = 100;
  std::uint32_t _colour = 0xFFFFFF;
};

}  // namespace roost::tools::sim
