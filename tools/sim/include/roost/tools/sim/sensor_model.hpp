#pragma once
// sensor_model: a temperature and humidity sensor (type 004).
//
// Reports `#<temperature>#<humidity>` (`#23.5#61`: one decimal °C, whole %) once right after
// connecting and then every `interval`; each report moves the values by a small random step that is
// pulled back towards the sensor's own base values, so a fleet shows plausible, different curves.
// Temperature stays within 5-40 °C, humidity within 10-95 %. Messages to the sensor are ignored.

#include <cstdint>

#include "roost/tools/sim/device_model.hpp"

namespace roost::tools::sim {

class sensor_model final : public device_model {
 public:
  // `seed` makes the values reproducible (the fleet passes the device number); `interval_ms` > 0.
  sensor_model(std::uint64_t seed, millis interval_ms);

  std::string on_connected(millis now) override;
  std::optional<std::string> on_message(std::string_view msg, millis now) override;
  millis next_deadline() const override { return _next; }
  std::optional<std::string> on_tick(millis now) override;

  // The current values, for tests: tenths of a °C and whole percent.
  int temperature_tenths() const { return _temp_tenths; }
  int humidity() const { return _humidity; }

  // Bounds of the values.
  static constexpr int min_temp_tenths = 50, max_temp_tenths = 400;
  static constexpr int min_humidity = 10, max_humidity = 95;

 private:
  // Steps the values (except for the first report), then formats them.
  std::string report();
  // The next pseudo-random number (splitmix64, upper half).
  std::uint32_t random();
  // `value` moved by a random step of at most max_step plus a pull towards `base`, within [lo, hi].
  int step(int value, int base, int max_step, int lo, int hi);

  std::uint64_t _rng;
  millis _interval;
  millis _next = no_deadline;
  int _base_temp_tenths;
  int _base_humidity;
  int _temp_tenths;
  int _humidity;
  bool _first = true;
};

}  // namespace roost::tools::sim
