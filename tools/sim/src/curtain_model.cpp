#include "roost/tools/sim/curtain_model.hpp"

#include <algorithm>

#include "roost/tools/sim/command_words.hpp"

namespace roost::tools::sim {

curtain_model::curtain_model(std::uint32_t percent_per_second) : _speed(std::max<std::uint32_t>(1, percent_per_second)) {}

std::uint32_t curtain_model::position(millis now) const {
  if (!_moving) return _from;
  const millis elapsed = now > _started ? now - _started : 0;
  const millis travelled = elapsed * _speed / 1000;  // whole percent
  const std::uint32_t distance = _target > _from ? _target - _from : _from - _target;
  if (travelled >= distance) return _target;
  const auto step = static_cast<std::uint32_t>(travelled);
  return _target > _from ? _from + step : _from - step;
}

std::string curtain_model::report(std::uint32_t pos) const {
  return pos == 0 ? std::string{"off"} : "on#" + std::to_string(pos);
}

std::string curtain_model::on_connected(millis now) { return report(position(now)); }

std::optional<std::string> curtain_model::move_to(std::uint32_t target, millis now) {
  const std::uint32_t here = position(now);
  _from = here;
  _target = target;
  _started = now;
  _moving = here != target;
  _next_report = _moving ? now + progress_interval_ms : no_deadline;
  if (_moving) return std::nullopt;
  return report(here);
}

std::optional<std::string> curtain_model::on_message(std::string_view msg, millis now) {
  const command_words cmd = split_command(msg);
  if (cmd.word == "pause") {
    const std::uint32_t here = position(now);
    _from = here;
    _moving = false;
    _next_report = no_deadline;
    return report(here);
  }
  if (cmd.word == "off") return move_to(0, now);
  if (cmd.word != "on") return std::nullopt;
  std::uint32_t target = 100;
  if (!cmd.fields.empty() && !cmd.fields[0].empty()) {
    const auto pos = field_number(cmd.fields[0], 100);
    if (!pos) return std::nullopt;
    target = *pos;
  }
  return move_to(target, now);
}

millis curtain_model::next_deadline() const {
  if (!_moving) return no_deadline;
  // The earlier of the next progress report and the arrival.
  const std::uint32_t distance = _target > _from ? _target - _from : _from - _target;
  const millis arrival = _started + (static_cast<millis>(distance) * 1000 + _speed - 1) / _speed;
  return std::min(_next_report, arrival);
}

std::optional<std::string> curtain_model::on_tick(millis now) {
  if (!_moving || now < next_deadline()) return std::nullopt;
  const std::uint32_t here = position(now);
  if (here == _target) {
    _from = here;
    _moving = false;
    _next_report = no_deadline;
  } else {
    while (_next_report <= now) _next_report += progress_interval_ms;
  }
  return report(here);
}

}  // namespace roost::tools::sim
