// define_bench_options and check_bench_options.

#include "roost/bench/parse_options.hpp"

#include <unistd.h>

#include <CLI/CLI.hpp>

namespace roost::bench {

void define_bench_options(CLI::App& cmd, raw_options& raw) {
  options& o = raw.o;
  cmd.set_help_flag("--help", "Print this help message and exit (-h is the host)");
  cmd.add_option("scenario", raw.scenario, "fanin | fanout | pairs | conn")
      ->required()
      ->check(CLI::IsMember({"fanin", "fanout", "pairs", "conn"}));
  cmd.add_option("-h,--host", o.host, "Broker host")->capture_default_str();
  cmd.add_option("-p,--port", o.port, "Broker MQTT port")->capture_default_str();
  cmd.add_option("-V,--mqtt", raw.mqtt, "Protocol: 3.1.1 (also 311, 4) or 5 (also 5.0)")->capture_default_str();
  cmd.add_option("-q,--qos", raw.qos, "QoS of publishes and subscriptions")->check(CLI::Range(0, 2))->capture_default_str();
  cmd.add_option("-s,--size", o.size, "Payload bytes (at least 16: timestamp, publisher, sequence)")->capture_default_str();
  cmd.add_option("--publishers", o.publishers, "fanin: publishers")->capture_default_str();
  cmd.add_option("--subscribers", o.subscribers, "fanout: subscribers")->capture_default_str();
  cmd.add_option("--pairs", o.pairs, "pairs: publisher/subscriber pairs")->capture_default_str();
  cmd.add_option("--connections", o.connections, "conn: idle connections")->capture_default_str();
  cmd.add_option("-r,--rate", o.rate,
                 "Messages per second over all publishers; 0: closed loop, as fast as the broker sustains")
      ->capture_default_str();
  cmd.add_option("--inflight", o.inflight, "QoS 1/2: unacknowledged PUBLISHes per publisher")->capture_default_str();
  cmd.add_option("--window", o.window, "Closed loop: messages per publisher not yet received by all subscribers")
      ->capture_default_str();
  cmd.add_option("--warmup", o.warmup_s, "Seconds of traffic before the measured window")->capture_default_str();
  cmd.add_option("-d,--duration", o.duration_s, "Seconds measured (conn: seconds the connections are held)")
      ->capture_default_str();
  cmd.add_option("--drain", o.drain_s, "Seconds to wait at most for outstanding deliveries after publishing")
      ->capture_default_str();
  cmd.add_option("--topic", o.topic_prefix, "Topic prefix (a run id level is appended)")->capture_default_str();
  cmd.add_option("--client-prefix", o.client_prefix, "Client ids are PREFIX-<role>-<i> (default bench-<pid>)");
  cmd.add_option("--clean", o.clean, "Subscribers' clean session (false: persistent, cleaned at the end)")
      ->capture_default_str();
  cmd.add_option("--keepalive", o.keepalive_s, "Keep-alive seconds")->capture_default_str();
  cmd.add_option("-u,--username", o.username, "User name");
  cmd.add_option("--password", o.password, "Password");
  cmd.add_option("--threads", o.threads, "Loader threads (connections spread round robin)")->capture_default_str();
  cmd.add_option("--source", raw.source,
                 "Local source addresses: A.B.C.x-y or a comma list (default for a loopback broker: "
                 "127.0.0.1..k, at most 5,000 connections each)");
  cmd.add_option("--connect-rate", o.connect_rate, "New connections per second at most (0: unpaced)")
      ->capture_default_str();
  cmd.add_option("--pid", raw.pid, "The broker's pid: report its CPU and memory");
  cmd.add_flag("--json", o.json_only, "Print only the JSON line");
  cmd.add_flag("!--no-progress", o.progress, "No progress line");
}

std::string check_bench_options(const raw_options& raw, options& out) {
  out = raw.o;
  out.kind = *parse_scenario(raw.scenario);  // CLI11 allowed only known names
  const auto version = parse_mqtt_version(raw.mqtt);
  if (!version) return "-V '" + raw.mqtt + "' is not 3.1.1 (311, 4) or 5 (5.0)";
  out.version = *version;
  out.qos = static_cast<std::uint8_t>(raw.qos);
  if (out.size < payload_header_size) return "--size must be at least 16 bytes (the payload header)";
  if (out.publishers == 0 || out.subscribers == 0 || out.pairs == 0 || out.connections == 0) {
    return "--publishers, --subscribers, --pairs and --connections must be at least 1";
  }
  if (out.threads == 0) return "--threads must be at least 1";
  if (out.inflight == 0 || out.inflight > 65'535) return "--inflight must be 1..65535";
  if (out.window == 0) return "--window must be at least 1";
  if (out.rate < 0 || out.connect_rate < 0) return "--rate and --connect-rate cannot be negative";
  if (out.warmup_s < 0 || out.duration_s <= 0 || out.drain_s < 0) {
    return "--warmup and --drain cannot be negative, --duration must be positive";
  }
  if (out.topic_prefix.empty() || out.topic_prefix.find_first_of("+#") != std::string::npos) {
    return "--topic must be a non-empty topic name without wildcards";
  }
  if (out.client_prefix.empty()) out.client_prefix = "bench-" + std::to_string(::getpid());
  if (!raw.source.empty()) {
    const auto sources = parse_sources(raw.source);
    if (!sources) return "--source '" + raw.source + "' is not A.B.C.x-y or a comma list of IPv4 addresses";
    out.sources = *sources;
  } else {
    out.sources = default_sources(out.host, connection_count(out));
  }
  if (raw.pid != 0) out.pid = raw.pid;
  if (out.json_only) out.progress = false;
  return {};
}

}  // namespace roost::bench
