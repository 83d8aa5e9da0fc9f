#include "roost/tools/sim/sensor_model.hpp"

#include <algorithm>
#include <cstdio>

namespace roost::tools::sim {

sensor_model::sensor_model(std::uint64_t seed, millis interval_ms)
    : _rng(seed), _interval(std::max<millis>(1, interval_ms)) {
  // Each sensor gets its own room: 18.0-26.0 °C, 40-65 %.
  _base_temp_tenths = 180 + static_cast<int>(random() % 81);
  _base_humidity = 40 + static_cast<int>(random() % 26);
  _temp_tenths = _base_temp_tenths;
  _humidity = _base_humidity;
}

std::uint32_t sensor_model::random() {
  std::uint64_t z = (_rng += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return static_cast<std::uint32_t>((z ^ (z >> 31)) >> 32);
}

int sensor_model::step(int value, int base, int max_step, int lo, int hi) {
  const int span = 2 * max_step + 1;
  const int noise = static_cast<int>(random() % static_cast<std::uint32_t>(span)) - max_step;
  const int pull = (base - value) / 4;  // back towards the base, so the walk stays near it
  return std::clamp(value + noise + pull, lo, hi);
}

std::string sensor_model::report() {
  if (!_first) {
    _temp_tenths = step(_temp_tenths, _base_temp_tenths, 3, min_temp_tenths, max_temp_tenths);
    _humidity = step(_humidity, _base_humidity, 1, min_humidity, max_humidity);
  }
  _first = false;
  char buf[32];
  const int whole = _temp_tenths / 10, tenth = _temp_tenths % 10;
  std::snprintf(buf, sizeof buf, "#%d.%d#%d", whole, tenth, _humidity);
  return buf;
}

std::string sensor_model::on_connected(millis now) {
  _next = now + _interval;
  return report();
}

std::optional<std::string> sensor_model::on_message(std::string_view, millis) { return std::nullopt; }

std::optional<std::string> sensor_model::on_tick(millis now) {
  if (now < _next) return std::nullopt;
  _next += _interval;
  // One report per interval, never a burst after a stall: when behind, the schedule restarts.
  if (_next <= now) _next = now + _interval;
  return report();
}

}  // namespace roost::tools::sim
