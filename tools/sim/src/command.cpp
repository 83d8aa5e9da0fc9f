#include <CLI/CLI.hpp>
#include <cstdio>
#include <memory>
#include <string>

#include "fleet_options.hpp"
#include "roost/tools/sim.hpp"
#include "roost/tools/sim/topic_pattern.hpp"
#include "run_fleet.hpp"

namespace roost::tools {
namespace {

using sim::device_kind;

constexpr std::uint16_t mqtt_default_port = 9501;
constexpr std::uint16_t line_default_port = 8344;
// Exit status for options that parse but do not fit together.
constexpr int exit_usage = 2;

struct raw_options {
  std::string server = "127.0.0.1";
  std::string key;
  std::string kind = "light";
  bool line = false;
  std::uint32_t count = 1;
  std::string topic;
  double duration = 0;
  double interval = 10;
  std::uint32_t connect_rate = 300;
  std::uint32_t threads = 1;
  std::uint16_t keep_alive = 60;
};

[[noreturn]] void usage_error(const std::string& what) {
  std::fprintf(stderr, "roost sim: %s\n", what.c_str());
  throw CLI::RuntimeError(exit_usage);
}

// The raw options checked and completed (default port, default topic pattern).
sim::fleet_options check(const raw_options& raw, bool duration_given) {
  sim::fleet_options o;
  o.kind = *sim::parse_kind(raw.kind);  // CLI11 allowed only known names
  o.line = raw.line;
  const auto server = sim::parse_server_address(raw.server, raw.line ? line_default_port : mqtt_default_port);
  if (!server) usage_error("--server '" + raw.server + "' is not HOST, HOST:PORT or [IPv6]:PORT");
  o.server = *server;
  o.key = raw.key;
  o.count = raw.count;
  if (o.kind == device_kind::led) {
    if (o.line) usage_error("--kind led runs the reference application, which speaks MQTT only; drop --line");
    if (!raw.topic.empty()) usage_error("--kind led uses the reference application's topics; drop --topic");
  } else {
    o.topic_pattern = raw.topic.empty() ? std::string{sim::default_topic_pattern(o.kind)} : raw.topic;
    if (auto why = sim::check_topic_pattern(o.topic_pattern, o.count)) usage_error(*why);
  }
  if (duration_given) o.duration_s = raw.duration;
  o.interval_s = raw.interval;
  o.connect_rate = raw.connect_rate;
  o.threads = raw.threads;
  o.keep_alive_s = raw.keep_alive;
  return o;
}

}  // namespace

void add_sim_command(CLI::App& app) {
  auto raw = std::make_shared<raw_options>();
  CLI::App* cmd = app.add_subcommand("sim", "Run a fleet of simulated devices against a device cloud");
  cmd->footer(
      "Kinds: led (the reference LED application), light (002), sensor (004), switch (006), curtain (009).\n"
      "Exit status: 0 after --duration or SIGINT/SIGTERM; 1 cannot start (server name does not resolve);\n"
      "2 options that do not fit together; 3 not one device ever connected. See docs/simulator.md.");
  cmd->add_option("--server", raw->server,
                  "HOST[:PORT] of the device cloud: its MQTT (Bemfa) listener, or with --line its line listener")
      ->capture_default_str();
  cmd->add_option("--key", raw->key, "The tenant's private key: MQTT client id, or line-protocol uid")->required();
  cmd->add_option("--kind", raw->kind, "Device kind")
      ->check(CLI::IsMember({"led", "light", "sensor", "switch", "curtain"}))
      ->capture_default_str();
  cmd->add_flag("--line", raw->line, "Use the TCP line protocol instead of MQTT (not for led)");
  cmd->add_option("--count", raw->count, "Number of devices")->check(CLI::Range(1u, 1000000u))->capture_default_str();
  cmd->add_option("--topic", raw->topic,
                  "Topic pattern, {n} = device number 1..N (default per kind: light{n}002, sensor{n}004, "
                  "switch{n}006, curtain{n}009)");
  auto* duration = cmd->add_option("--duration", raw->duration, "Seconds to run (default: until SIGINT/SIGTERM)")
                       ->check(CLI::PositiveNumber);
  cmd->add_option("--interval", raw->interval, "Seconds between a sensor's reports")
      ->check(CLI::Range(0.01, 86400.0))
      ->capture_default_str();
  cmd->add_option("--connect-rate", raw->connect_rate, "Connection attempts per second, whole fleet")
      ->check(CLI::Range(1u, 1000000u))
      ->capture_default_str();
  cmd->add_option("--threads", raw->threads, "I/O threads")->check(CLI::Range(1u, 64u))->capture_default_str();
  cmd->add_option("--keep-alive", raw->keep_alive, "MQTT keep-alive in seconds (0: off)")->capture_default_str();
  cmd->callback([raw, duration] {
    const sim::fleet_options options = check(*raw, duration->count() > 0);
    if (const int code = sim::run_fleet(options); code != 0) throw CLI::RuntimeError(code);
  });
}

}  // namespace roost::tools
