#pragma once
// fleet_clock: milliseconds since the fleet started, on the steady clock; the `now` of every
// session and model of the fleet.

#include <chrono>
#include <cstdint>

#include "roost/tools/sim/device_model.hpp"

namespace roost::tools::sim {

class fleet_clock {
 public:
  fleet_clock() : _origin(std::chrono::steady_clock::now()) {}
  // Milliseconds since construction; starts at 1 so that 0 never means "now".
  millis now() const {
    const auto d = std::chrono::steady_clock::now() - _origin;
    return 1 + static_cast<millis>(std::chrono::duration_cast<std::chrono::milliseconds>(d).count());
  }
  // The steady-clock time of `t`.
  std::chrono::steady_clock::time_point at(millis t) const { return _origin + std::chrono::milliseconds(static_cast<std::int64_t>(t > 0 ? t - 1 : 0)); }
  // Seconds since construction.
  double seconds() const { return std::chrono::duration<double>(std::chrono::steady_clock::now() - _origin).count(); }

 private:
  std::chrono::steady_clock::time_point _origin;
};

}  // namespace roost::tools::sim
