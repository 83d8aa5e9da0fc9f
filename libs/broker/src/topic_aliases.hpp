#pragma once
// The MQTT 5 topic aliases of one connection, in both directions; they live and die with the
// connection [MQTT-3.3.2-7] [MQTT-3.3.2-10].
//
// Inbound, the client picks: PUBLISH(topic "a/b", alias 3) sets alias 3, PUBLISH("", alias 3)
// uses it, a later PUBLISH("c", alias 3) replaces it.
//
// Outbound, the server picks, first come first served: the first Topic Alias Maximum distinct
// topics sent on the connection get aliases 1, 2, ... for the rest of its life. The first PUBLISH
// of such a topic carries the topic and its new alias, every later one only the alias; topics
// beyond the maximum are always sent in full. (Fixed assignment keeps a busy topic's alias stable,
// never re-sends a topic to re-map an alias, and costs one lookup per message.)

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace roost::broker {

class topic_aliases {
 public:
  // Inbound: `alias` (>= 1) now stands for `topic`, replacing what it stood for.
  void set_inbound(std::uint16_t alias, std::string_view topic);
  // Inbound: the topic `alias` stands for; empty when the client never set it.
  std::string_view inbound(std::uint16_t alias) const;

  // What an outgoing PUBLISH of `topic` uses: `alias` (0: none, send the topic) and whether the
  // client already knows it (then the topic is left out).
  struct outbound_alias {
    std::uint16_t alias = 0;
    bool known = false;
  };
  // The alias `topic` has, or the next free one while fewer than `maximum` are assigned. Nothing
  // is recorded: call assign() once the PUBLISH that introduces it is actually sent.
  outbound_alias outbound(std::string_view topic, std::uint16_t maximum) const;
  // Records that `alias` was sent with `topic`.
  void assign(std::string_view topic, std::uint16_t alias);

 private:
  std::vector<std::string> _in;                                // [alias - 1] -> topic
  std::map<std::string, std::uint16_t, std::less<>> _out;       // topic -> alias
};

}  // namespace roost::broker
