// roost-ledctrl: the reference device application (examples/esp32-ledctrl) on Linux, over the
// SDK's POSIX port. The same ledctrl::app as the ESP32 firmware; the LED is a line on stdout
// ("LED on" / "LED off"), connection events go to stderr. SIGINT or SIGTERM disconnects cleanly
// and exits with status 0.
//
//   roost-ledctrl --host 127.0.0.1 --port 9501 --key <private key>

#include <CLI/CLI.hpp>
#include <array>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <string>

#include "ledctrl_app.hpp"
#include "roost/sdk/driver.hpp"
#include "roost/sdk/mqtt_client.hpp"
#include "roost/sdk/posix.hpp"

namespace {

using namespace roost;

volatile std::sig_atomic_t stop_requested = 0;

void request_stop(int) { stop_requested = 1; }

// The longest the loop waits before it looks at the stop flag again.
constexpr std::uint32_t max_step_ms = 200;
// How long a clean DISCONNECT may take at exit.
constexpr std::uint32_t stop_timeout_ms = 1000;

class stdout_led final : public ledctrl::led_port {
 public:
  void set(bool on) override {
    std::printf("LED %s\n", on ? "on" : "off");
    std::fflush(stdout);
  }
};

void log_event(const sdk::event& e, const sdk::client_config& config) {
  switch (e.id) {
    case sdk::event_id::connected:
      std::fprintf(stderr, "connected to %s:%u\n", config.host, static_cast<unsigned>(config.port));
      break;
    case sdk::event_id::disconnected:
      std::fprintf(stderr, "disconnected (%s)\n", sdk::to_string(e.error));
      break;
    case sdk::event_id::subscribed:
      std::fprintf(stderr, "subscribed (granted %u)\n", static_cast<unsigned>(e.qos));
      break;
    case sdk::event_id::error:
      std::fprintf(stderr, "error: %s\n", sdk::to_string(e.error));
      break;
    default:
      break;
  }
}

// The client, its memory and the application, wired: the client's events go to the app. Members
// are built in declaration order, so the memory exists before the client that uses it.
struct device final : sdk::event_handler {
  device(const sdk::client_config& c, ledctrl::led_port& led, const ledctrl::settings& s)
      : config(c), client(c, memory.view(), *this), app(client, led, s) {}

  void on_event(sdk::mqtt_client&, const sdk::event& e) override {
    log_event(e, config);
    app.on_event(e);
  }

  const sdk::client_config& config;
  sdk::heap_memory memory{4096, 4096, 16384};
  sdk::mqtt_client client;
  ledctrl::app app;
};

void install_signal_handlers() {
  struct sigaction sa {};
  sa.sa_handler = request_stop;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGINT, &sa, nullptr);
  sigaction(SIGTERM, &sa, nullptr);
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App cli{"The reference LED device (examples/esp32-ledctrl) on Linux", "roost-ledctrl"};
  std::string host = "127.0.0.1";
  std::uint16_t port = 9501;
  std::string key;
  cli.add_option("--host", host, "Device-cloud host (name or address)")->capture_default_str();
  cli.add_option("--port", port, "Device-cloud MQTT port")->capture_default_str();
  cli.add_option("--key", key, "The tenant's private key, sent as the MQTT client id")
      ->required()
      ->check([](const std::string& k) { return k.empty() ? "the key is empty" : ""; });
  CLI11_PARSE(cli, argc, argv);

  sdk::client_config config;
  config.host = host.c_str();
  config.port = port;
  config.client_id = key;

  stdout_led led;
  const ledctrl::settings settings;
  device dev{config, led, settings};
  sdk::posix_clock clock;
  sdk::posix_transport transport;
  std::array<std::uint8_t, 1024> scratch{};
  sdk::driver driver{dev.client, transport, clock, scratch};

  install_signal_handlers();
  dev.app.start(clock.now_ms());
  dev.client.start(clock.now_ms());
  while (!stop_requested) {
    dev.app.tick(clock.now_ms());
    driver.run_once(dev.app.wait_ms(clock.now_ms(), max_step_ms));
  }
  dev.client.stop(clock.now_ms());
  driver.run_until([&] { return !driver.is_open(); }, stop_timeout_ms);
  return 0;
}
