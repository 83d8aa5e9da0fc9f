#pragma once
// The options of `roost pub` and `roost sub`, with the flags and meanings of mosquitto_pub and
// mosquitto_sub. Defining the flags (define_*_options) and checking what was given
// (check_*_options) are separate steps, so both can be tested without a broker.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace roost::tools {

// What both commands need to connect.
struct connect_options {
  std::string host = "localhost";       // -h
  int port = 1883;                      // -p
  std::optional<std::string> client_id; // -i; after checking, always set: the id actually used
  std::optional<std::string> id_prefix; // -I: the id is the prefix followed by the process id
  std::optional<std::string> username;  // -u
  std::optional<std::string> password;  // -P (ignored, with a warning, without -u)
  int keepalive = 60;                   // -k, seconds; 0 turns keep-alive off
  int qos = 0;                          // -q: of the publishes (pub) or the subscriptions (sub)
  std::string version = "mqttv311";     // -V as given
  std::uint8_t protocol_level = 4;      // -V resolved: 3 (MQTT 3.1) or 4 (MQTT 3.1.1)
  bool clean_session = true;            // -c turns it off
  bool debug = false;                   // -d
  bool quiet = false;                   // --quiet
  std::optional<std::string> url;       // -L mqtt://[user[:pass]@]host[:port]/topic
  std::optional<std::string> will_topic;
  std::optional<std::string> will_payload;
  int will_qos = 0;
  bool will_retain = false;
};

// Where `roost pub` takes its payload from; exactly one is chosen.
enum class payload_source : std::uint8_t { message, file, stdin_whole, stdin_lines, null_message };

struct pub_options {
  connect_options conn;
  std::string topic;                 // -t (or the topic of -L)
  std::optional<std::string> message;  // -m
  std::optional<std::string> file;     // -f
  bool stdin_whole = false;            // -s
  bool stdin_lines = false;            // -l
  bool null_message = false;           // -n
  bool retain = false;                 // -r
  int repeat = 1;                      // --repeat
  double repeat_delay_s = 0;           // --repeat-delay
  int max_inflight = 20;               // -M: QoS 1/2 messages sent but not yet acknowledged
  payload_source source = payload_source::message;  // resolved by check_pub_options
};

struct sub_options {
  connect_options conn;
  std::vector<std::string> topics;      // -t, repeatable (plus the topic of -L)
  std::vector<std::string> filter_out;  // -T, repeatable
  bool verbose = false;                 // -v
  bool no_eol = false;                  // -N
  bool no_retained = false;             // -R
  bool retained_only = false;           // --retained-only
  bool exit_when_subscribed = false;    // -E
  int count = 0;                        // -C; 0 = no limit
  int timeout_s = 0;                    // -W; 0 = no limit
  std::optional<std::string> format;    // -F
};

// Adds the flags of `roost pub` to `cmd` (which must outlive nothing but `o`), storing into `o`.
// Replaces CLI11's -h help flag with --help, since -h is the host.
void define_pub_options(CLI::App& cmd, pub_options& o);
// Adds the flags of `roost sub` to `cmd`, storing into `o`. Same help-flag rule.
void define_sub_options(CLI::App& cmd, sub_options& o);

// Checks and completes options after parsing: applies -L, resolves -V, the client id (from -i,
// -I + pid, or "roost-pub-<pid>") and the payload source, and validates topics and ranges.
// Returns the reason (without "Error: ") when the options cannot be used, else nothing.
std::optional<std::string> check_pub_options(pub_options& o, int pid);
// The same for `roost sub`; the default client id is "roost-sub-<pid>".
std::optional<std::string> check_sub_options(sub_options& o, int pid);

// Warnings that do not stop the command (e.g. -P without -u), one line each, for stderr.
std::vector<std::string> option_warnings(const connect_options& o);

}  // namespace roost::tools
