#include "roost/tools/sim/switch_model.hpp"

#include "roost/tools/sim/command_words.hpp"

namespace roost::tools::sim {

std::string switch_model::on_connected(millis) { return _on ? "on" : "off"; }

std::optional<std::string> switch_model::on_message(std::string_view msg, millis now) {
  const command_words cmd = split_command(msg);
  if (cmd.word != "on" && cmd.word != "off") return std::nullopt;
  _on = cmd.word == "on";
  return on_connected(now);
}

}  // namespace roost::tools::sim
