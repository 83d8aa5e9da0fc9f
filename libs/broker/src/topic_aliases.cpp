// Topic alias tables of a connection (see topic_aliases.hpp).

#include "topic_aliases.hpp"

namespace roost::broker {

void topic_aliases::set_inbound(std::uint16_t alias, std::string_view topic) {
  if (alias == 0) return;
  if (_in.size() < alias) _in.resize(alias);
  _in[alias - 1].assign(topic);
}

std::string_view topic_aliases::inbound(std::uint16_t alias) const {
  if (alias == 0 || alias > _in.size()) return {};
  return _in[alias - 1];
}

topic_aliases::outbound_alias topic_aliases::outbound(std::string_view topic, std::uint16_t maximum) const {
  if (auto it = _out.find(topic); it != _out.end()) return {it->second, true};
  if (_out.size() >= maximum) return {};
  return {static_cast<std::uint16_t>(_out.size() + 1), false};
}

void topic_aliases::assign(std::string_view topic, std::uint16_t alias) {
  if (alias != 0) _out.emplace(std::string(topic), alias);
}

}  // namespace roost::broker
