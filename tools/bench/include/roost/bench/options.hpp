#pragma once
// The settings of one `roost bench` run, and the pure helpers that derive from them (who publishes
// and subscribes what, how many connections and descriptors, which source addresses).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "roost/mqtt/packets.hpp"

namespace roost::bench {

enum class scenario : std::uint8_t { fanin, fanout, pairs, conn };

struct options {
  scenario kind = scenario::pairs;
  std::string host = "127.0.0.1";
  std::uint16_t port = 1883;
  mqtt::protocol_version version = mqtt::protocol_version::v3_1_1;
  std::uint8_t qos = 0;
  std::uint32_t size = 64;  // payload bytes, at least payload_header_size
  std::uint32_t publishers = 4;     // fanin
  std::uint32_t subscribers = 8;    // fanout
  std::uint32_t pairs = 8;          // pairs
  std::uint32_t connections = 1000;  // conn
  double rate = 0;                   // messages per second over all publishers; 0: closed loop
  std::uint32_t inflight = 64;
  std::uint32_t window = 256;
  double warmup_s = 2;
  double duration_s = 10;
  double drain_s = 5;
  std::string topic_prefix = "bench";
  std::string client_prefix;  // client ids are <client_prefix>-<role>-<i>
  bool clean = true;          // the subscribers' clean session
  std::uint16_t keepalive_s = 60;
  std::optional<std::string> username;
  std::optional<std::string> password;
  std::uint32_t threads = 1;
  std::vector<std::string> sources;  // local IPv4 source addresses; empty: the kernel's choice
  double connect_rate = 0;           // new connections per second; 0: as fast as possible
  std::optional<int> pid;            // the broker's process id
  bool json_only = false;
  bool progress = true;
};

// The payload header every published message starts with: send timestamp (steady clock, ns),
// publisher index, sequence number, each in host byte order.
inline constexpr std::uint32_t payload_header_size = 16;

// Connections still allowed to be connecting at once (TCP connect and CONNACK outstanding).
inline constexpr std::uint32_t max_outstanding_connects = 256;
// Connections one local source address carries at most when the tool picks the addresses.
inline constexpr std::uint32_t connections_per_source = 5'000;
// Descriptors the process needs besides its connections.
inline constexpr std::uint64_t spare_descriptors = 10;

// The scenario's name ("fanin", ...), and the scenario of a name.
std::string_view scenario_name(scenario s);
std::optional<scenario> parse_scenario(std::string_view name);

// "3.1.1" or "5" as printed; parse_mqtt_version accepts 3.1.1, 311, 4, 5, 5.0.
std::string_view version_name(mqtt::protocol_version v);
std::optional<mqtt::protocol_version> parse_mqtt_version(std::string_view text);

// --source: "A.B.C.x-A.B.C.y" (a range of the last octet) or a comma-separated list of IPv4
// addresses; nullopt when malformed.
std::optional<std::vector<std::string>> parse_sources(std::string_view text);

// True for 127.0.0.0/8 and "localhost".
bool is_loopback_host(std::string_view host);

// The default source addresses: for a loopback broker, 127.0.0.1 .. 127.0.0.k with k the fewest
// that keep every address at or below connections_per_source (none when k is 1); otherwise none.
std::vector<std::string> default_sources(std::string_view host, std::uint64_t connections);

// How many connections of each role the scenario opens.
std::uint32_t publisher_count(const options& o);
std::uint32_t subscriber_count(const options& o);
std::uint32_t idle_count(const options& o);
std::uint64_t connection_count(const options& o);
// File descriptors the run needs (connections plus spare_descriptors).
std::uint64_t descriptors_needed(const options& o);

// Which publishers subscriber `s` hears: [first, first + count) of the publisher indexes.
struct publisher_range {
  std::uint32_t first = 0;
  std::uint32_t count = 0;
};
publisher_range heard_by(const options& o, std::uint32_t subscriber);
// How many subscribers receive each message of publisher `p`.
std::uint32_t fan_out_of(const options& o, std::uint32_t publisher);

// The topic publisher `p` publishes on and the filter subscriber `s` subscribes to; `run_prefix`
// is the topic prefix with the run id level appended ("bench/1a2b3c").
std::string publish_topic(const options& o, std::string_view run_prefix, std::uint32_t publisher);
std::string subscribe_filter(const options& o, std::string_view run_prefix, std::uint32_t subscriber);

}  // namespace roost::bench
