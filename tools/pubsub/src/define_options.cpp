// The command-line flags of `roost pub` and `roost sub` (mosquitto_pub / mosquitto_sub names).

#include <CLI/CLI.hpp>

#include "roost/tools/pubsub/options.hpp"

namespace roost::tools {

namespace {

// Stores a string flag into an optional, so "given" and "given empty" differ from "absent".
CLI::Option* add_optional(CLI::App& cmd, const std::string& name, std::optional<std::string>& into,
                          const std::string& help) {
  return cmd.add_option_function<std::string>(
      name, [&into](const std::string& v) { into = v; }, help);
}

void define_connect_options(CLI::App& cmd, connect_options& o) {
  cmd.set_help_flag("--help", "Print this help message and exit (-h is the host)");
  cmd.add_option("-h,--host", o.host, "Broker host name or address (default localhost)");
  cmd.add_option("-p,--port", o.port, "Broker port (default 1883)")->check(CLI::Range(1, 65535));
  add_optional(cmd, "-i,--id", o.client_id, "Client id (default roost-pub-<pid> / roost-sub-<pid>)");
  add_optional(cmd, "-I,--id-prefix", o.id_prefix, "Client id: this prefix followed by the process id");
  add_optional(cmd, "-u,--username", o.username, "User name");
  add_optional(cmd, "-P,--pw", o.password, "Password (needs -u)");
  cmd.add_option("-k,--keepalive", o.keepalive, "Keep-alive in seconds, 0 for none (default 60)")
      ->check(CLI::Range(0, 65535));
  cmd.add_option("-V,--protocol-version", o.version, "mqttv311 (default) or mqttv31 (also 311, 31)");
  cmd.add_flag_callback("-c,--disable-clean-session", [&o] { o.clean_session = false; },
                        "Persistent session: clean session off (needs -i or -I)");
  cmd.add_flag("-d,--debug", o.debug, "Print the packets sent and received to stderr");
  cmd.add_flag("--quiet", o.quiet, "Print no error messages");
  add_optional(cmd, "-L,--url", o.url, "mqtt://[username[:password]@]host[:port]/topic");
  add_optional(cmd, "--will-topic", o.will_topic, "Topic of the will message");
  add_optional(cmd, "--will-payload", o.will_payload, "Payload of the will (default empty)");
  cmd.add_option("--will-qos", o.will_qos, "QoS of the will (default 0)")->check(CLI::Range(0, 2));
  cmd.add_flag("--will-retain", o.will_retain, "Retain the will");
}

}  // namespace

void define_pub_options(CLI::App& cmd, pub_options& o) {
  define_connect_options(cmd, o.conn);
  cmd.add_option("-q,--qos", o.conn.qos, "QoS of the messages: 0, 1 or 2 (default 0)")
      ->check(CLI::Range(0, 2));
  cmd.add_option("-t,--topic", o.topic, "Topic to publish to");
  add_optional(cmd, "-m,--message", o.message, "The message payload");
  add_optional(cmd, "-f,--file", o.file, "Send the whole file as one message");
  cmd.add_flag("-s,--stdin-file", o.stdin_whole, "Send all of stdin as one message");
  cmd.add_flag("-l,--stdin-line", o.stdin_lines, "Send each line of stdin as a message");
  cmd.add_flag("-n,--null-message", o.null_message, "Send an empty (zero-length) message");
  cmd.add_flag("-r,--retain", o.retain, "Retain the message");
  cmd.add_option("--repeat", o.repeat, "Publish the message N times (with -m, -f, -s, -n)")
      ->check(CLI::PositiveNumber);
  cmd.add_option("-M", o.max_inflight, "Most QoS 1/2 messages waiting for acknowledgement (default 20)")
      ->check(CLI::Range(1, 65535));
  cmd.add_option("--repeat-delay", o.repeat_delay_s, "Seconds between repeats (default 0)")
      ->check(CLI::NonNegativeNumber);
}

void define_sub_options(CLI::App& cmd, sub_options& o) {
  define_connect_options(cmd, o.conn);
  cmd.add_option("-q,--qos", o.conn.qos, "QoS of the subscriptions: 0, 1 or 2 (default 0)")
      ->check(CLI::Range(0, 2));
  cmd.add_option("-t,--topic", o.topics, "Topic filter to subscribe to (repeatable)")
      ->allow_extra_args(false);
  cmd.add_option("-T,--filter-out", o.filter_out, "Do not print topics matching this filter (repeatable)")
      ->allow_extra_args(false);
  cmd.add_flag("-v,--verbose", o.verbose, "Print \"topic payload\"");
  cmd.add_flag("-N", o.no_eol, "No newline after each message");
  cmd.add_flag("-R", o.no_retained, "Do not print retained (stale) messages");
  cmd.add_flag("--retained-only", o.retained_only,
               "Print only retained messages; exit at the first one that is not");
  cmd.add_flag("-E", o.exit_when_subscribed, "Exit once every subscription is acknowledged");
  cmd.add_option("-C", o.count, "Exit after this many messages")->check(CLI::PositiveNumber);
  cmd.add_option("-W", o.timeout_s, "Exit with status 27 after this many seconds")
      ->check(CLI::PositiveNumber);
  add_optional(cmd, "-F", o.format, "Output format: %t %p %q %r %l %m %x %X %I %U %j, @strftime, \\n ...");
}

}  // namespace roost::tools
