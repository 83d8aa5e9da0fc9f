#include "roost/tools/sim/light_model.hpp"

#include <algorithm>

#include "roost/tools/sim/command_words.hpp"

namespace roost::tools::sim {
namespace {
constexpr std::uint32_t max_colour = 0xFFFFFF;
}

std::string light_model::on_connected(millis) { return report(); }

std::optional<std::string> light_model::on_message(std::string_view msg, millis) {
  const command_words cmd = split_command(msg);
  if (cmd.word == "off") {
    _on = false;
    return report();
  }
  if (cmd.word != "on") return std::nullopt;
  // Check every field before changing anything: a malformed command changes nothing.
  std::optional<std::uint32_t> brightness, colour;
  if (cmd.fields.size() > 0 && !cmd.fields[0].empty()) {
    brightness = field_number(cmd.fields[0], UINT32_MAX);
    if (!brightness) return std::nullopt;
  }
  if (cmd.fields.size() > 1 && !cmd.fields[1].empty()) {
    colour = field_number(cmd.fields[1], max_colour);
    if (!colour) return std::nullopt;
  }
  _on = true;
  if (brightness) _brightness = std::clamp<std::uint32_t>(*brightness, 1, 100);
  if (colour) _colour = *colour;
  return report();
}

std::string light_model::report() const {
  if (!_on) return "off";
  return "on#" + std::to_string(_brightness) + "#" + std::to_string(_colour);
}

}  // namespace roost::tools::sim
