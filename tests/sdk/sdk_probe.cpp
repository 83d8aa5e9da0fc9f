// roost_sdk_probe: drives one SDK client (MQTT, or the line protocol with --line) over the POSIX
// port, reading commands from stdin and printing one line per event on stdout, for the Python
// tests in tests/integration/test_sdk_*.py.
//
//   roost_sdk_probe --host 127.0.0.1 --port 1883 --id dev1 [--user U --pass P] [--keepalive S]
//                   [--clean 0|1] [--protocol 3|4] [--will-topic T --will-msg M --will-qos Q]
//                   [--reconnect-min MS] [--reconnect-max MS] [--offline-max N] [--store BYTES]
//   roost_sdk_probe --line --host H --port P --uid KEY [--heartbeat MS]
//
// MQTT commands:  sub QOS FILTER | unsub FILTER | pub QOS RETAIN TOPIC PAYLOAD... | status |
//                 stop | start | quit
// Line commands:  sub TOPICS [latest] | pub TOPIC MSG... | fetch TOPIC | time TYPE | status | quit
// Events:         connected sp=0 | disconnected error=closed | subscribed id=1 qos=1 |
//                 published id=3 | data qos=1 retain=0 dup=0 topic=T payload=P | error error=X
//                 code=C (line: message cmd=2 topic=T msg=M | result cmd=1 ok=1 | time text=...)
// Command replies: "ok id=N", "fail error=X", "status connected=1 outbox=0 offline=0 reconnects=0".

#include <poll.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "roost/sdk/driver.hpp"
#include "roost/sdk/line_client.hpp"
#include "roost/sdk/mqtt_client.hpp"
#include "roost/sdk/posix.hpp"

namespace {

using namespace roost::sdk;

void say(const std::string& line) {
  std::fputs(line.c_str(), stdout);
  std::fputc('\n', stdout);
  std::fflush(stdout);
}

std::string text(std::span<const std::uint8_t> b) {
  return {reinterpret_cast<const char*>(b.data()), b.size()};
}

// One complete line from stdin when one is ready (never blocks); false at end of input.
bool read_command(std::string& pending, std::vector<std::string>& lines) {
  pollfd p{STDIN_FILENO, POLLIN, 0};
  if (::poll(&p, 1, 0) <= 0) return true;
  char buf[4096];
  const ssize_t n = ::read(STDIN_FILENO, buf, sizeof buf);
  if (n <= 0) return false;
  pending.append(buf, static_cast<std::size_t>(n));
  for (std::size_t nl; (nl = pending.find('\n')) != std::string::npos;) {
    lines.push_back(pending.substr(0, nl));
    pending.erase(0, nl + 1);
  }
  return true;
}

// The words of a command; the last field (payload, msg) keeps its spaces.
std::vector<std::string> words(const std::string& line, std::size_t max_fields) {
  std::vector<std::string> out;
  std::size_t at = 0;
  while (at < line.size() && out.size() + 1 < max_fields) {
    const std::size_t sp = line.find(' ', at);
    if (sp == std::string::npos) break;
    out.push_back(line.substr(at, sp - at));
    at = sp + 1;
  }
  if (at <= line.size()) out.push_back(line.substr(at));
  return out;
}

struct mqtt_printer final : event_handler {
  void on_event(mqtt_client&, const event& e) override {
    switch (e.id) {
      case event_id::connected: say("connected sp=" + std::to_string(e.session_present)); break;
      case event_id::disconnected:
        say(std::string("disconnected error=") + to_string(e.error));
        break;
      case event_id::subscribed:
        say("subscribed id=" + std::to_string(e.packet_id) + " qos=" + std::to_string(e.qos));
        break;
      case event_id::unsubscribed: say("unsubscribed id=" + std::to_string(e.packet_id)); break;
      case event_id::published: say("published id=" + std::to_string(e.packet_id)); break;
      case event_id::data:
        say("data qos=" + std::to_string(e.qos) + " retain=" + std::to_string(e.retain) +
            " dup=" + std::to_string(e.dup) + " topic=" + std::string(e.topic) +
            " payload=" + text(e.payload));
        break;
      case event_id::error:
        say(std::string("error error=") + to_string(e.error) +
            " code=" + std::to_string(e.connack_code));
        break;
    }
  }
};

struct line_printer final : line_handler {
  void on_event(line_client&, const line_event& e) override {
    switch (e.id) {
      case line_event_id::connected: say("connected"); break;
      case line_event_id::disconnected:
        say(std::string("disconnected error=") + to_string(e.error));
        break;
      case line_event_id::message:
        say("message cmd=" + std::to_string(e.cmd) + " topic=" + std::string(e.topic) +
            " msg=" + std::string(e.msg));
        break;
      case line_event_id::result:
        say("result cmd=" + std::to_string(e.cmd) + " ok=" + std::to_string(e.ok));
        break;
      case line_event_id::time: say("time text=" + std::string(e.text)); break;
      case line_event_id::error: say(std::string("error error=") + to_string(e.error)); break;
    }
  }
};

template <class R>
void reply(const R& r) {
  if (r) {
    say("ok id=" + std::to_string(static_cast<unsigned>(*r)));
  } else {
    say(std::string("fail error=") + to_string(r.error()));
  }
}

// Starts `client` and drives it over the POSIX port until stdin ends or says `quit` (returns 0).
// Every other non-empty command line goes to handle(line, clock), which runs it and returns true,
// or returns false for a command it does not know ("fail error=unknown_command" is printed).
template <class Client, class Handle>
int run_commands(Client& client, Handle handle) {
  posix_transport transport;
  posix_clock clock;
  std::array<std::uint8_t, 2048> scratch{};
  driver d{client, transport, clock, scratch};
  client.start(clock.now_ms());

  std::string pending;
  std::vector<std::string> lines;
  for (;;) {
    if (!read_command(pending, lines)) return 0;
    for (const std::string& line : lines) {
      const std::string cmd = line.substr(0, line.find(' '));
      if (cmd.empty()) continue;
      if (cmd == "quit") return 0;
      if (!handle(line, clock)) say("fail error=unknown_command");
    }
    lines.clear();
    d.run_once(20);
  }
}

int run_mqtt(std::map<std::string, std::string>& opt) {
  client_config cfg;
  cfg.host = opt["host"].c_str();
  cfg.port = static_cast<std::uint16_t>(std::stoi(opt["port"]));
  cfg.client_id = opt["id"];
  if (opt.count("user")) cfg.username = std::string_view{opt["user"]};
  if (opt.count("pass")) {
    cfg.password = std::span<const std::uint8_t>{
        reinterpret_cast<const std::uint8_t*>(opt["pass"].data()), opt["pass"].size()};
  }
  if (opt.count("will-topic")) {
    const std::string& m = opt["will-msg"];
    cfg.will = will_config{
        opt["will-topic"],
        {reinterpret_cast<const std::uint8_t*>(m.data()), m.size()},
        static_cast<std::uint8_t>(std::stoi(opt.count("will-qos") ? opt["will-qos"] : "0")),
        false};
  }
  cfg.keep_alive_s =
      static_cast<std::uint16_t>(std::stoi(opt.count("keepalive") ? opt["keepalive"] : "60"));
  cfg.clean_session = !opt.count("clean") || opt["clean"] != "0";
  cfg.protocol_level =
      static_cast<std::uint8_t>(std::stoi(opt.count("protocol") ? opt["protocol"] : "4"));
  cfg.open_timeout_ms = 2000;
  cfg.connack_timeout_ms = 5000;
  cfg.reconnect_min_ms = static_cast<std::uint32_t>(
      std::stoul(opt.count("reconnect-min") ? opt["reconnect-min"] : "100"));
  cfg.reconnect_max_ms = static_cast<std::uint32_t>(
      std::stoul(opt.count("reconnect-max") ? opt["reconnect-max"] : "1000"));
  cfg.offline_queue_max = std::stoul(opt.count("offline-max") ? opt["offline-max"] : "100");
  heap_memory mem{8192, 8192, std::stoul(opt.count("store") ? opt["store"] : "65536")};
  mqtt_printer printer;
  mqtt_client client{cfg, mem.view(), printer};
  return run_commands(client, [&client](const std::string& line, clock_port& clock) {
    const auto w = words(line, line.rfind("pub ", 0) == 0 ? 5 : 3);
    const std::string& cmd = w[0];
    if (cmd == "sub" && w.size() == 3)
      reply(client.subscribe(w[2], static_cast<std::uint8_t>(std::stoi(w[1]))));
    else if (cmd == "unsub" && w.size() >= 2)
      reply(client.unsubscribe(w[1]));
    else if (cmd == "pub" && w.size() == 5) {
      reply(client.publish(w[3], std::string_view{w[4]},
                           static_cast<std::uint8_t>(std::stoi(w[1])), w[2] == "1"));
    } else if (cmd == "status") {
      say("status connected=" + std::to_string(client.connected()) +
          " outbox=" + std::to_string(client.outbox_size()) +
          " offline=" + std::to_string(client.offline_queue_size()) +
          " reconnects=" + std::to_string(client.reconnects()));
    } else if (cmd == "stop") {
      client.stop(clock.now_ms());
      say("ok id=0");
    } else if (cmd == "start") {
      client.start(clock.now_ms());
      say("ok id=0");
    } else
      return false;
    return true;
  });
}

int run_line(std::map<std::string, std::string>& opt) {
  line_config cfg;
  cfg.host = opt["host"].c_str();
  cfg.port = static_cast<std::uint16_t>(std::stoi(opt["port"]));
  cfg.uid = opt["uid"];
  cfg.heartbeat_ms =
      static_cast<std::uint32_t>(std::stoul(opt.count("heartbeat") ? opt["heartbeat"] : "30000"));
  cfg.open_timeout_ms = 2000;
  cfg.reconnect_min_ms = 100;
  cfg.reconnect_max_ms = 1000;
  heap_memory mem{8192, 8192, 65536};
  line_printer printer;
  line_client client{cfg, mem.view(), printer};
  return run_commands(client, [&client](const std::string& line, clock_port&) {
    const auto w = words(line, 3);
    const std::string& cmd = w[0];
    if (cmd == "sub" && w.size() >= 2)
      reply(client.subscribe(w[1], w.size() == 3 && w[2] == "latest"));
    else if (cmd == "pub" && w.size() == 3)
      reply(client.publish(w[1], w[2]));
    else if (cmd == "fetch" && w.size() == 2)
      reply(client.fetch(w[1]));
    else if (cmd == "time" && w.size() == 2)
      reply(client.request_time(static_cast<std::uint8_t>(std::stoi(w[1]))));
    else if (cmd == "status") {
      say("status connected=" + std::to_string(client.connected()) +
          " reconnects=" + std::to_string(client.reconnects()));
    } else
      return false;
    return true;
  });
}

}  // namespace

int main(int argc, char** argv) {
  std::map<std::string, std::string> opt{{"host", "127.0.0.1"}, {"port", "1883"}, {"id", "probe"}};
  bool line = false;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--line") {
      line = true;
    } else if (a.rfind("--", 0) == 0 && i + 1 < argc) {
      opt[a.substr(2)] = argv[++i];
    } else {
      std::fprintf(stderr, "roost_sdk_probe: unexpected argument %s\n", a.c_str());
      return 2;
    }
  }
  return line ? run_line(opt) : run_mqtt(opt);
}
