// The reference LED device on an ESP32: joins Wi-Fi (and joins again whenever the link drops),
// connects to the cloud with the private key as client id and runs ledctrl::app (ledctrl_app.hpp)
// in one FreeRTOS task next to the SDK driver. Every setting comes from menuconfig
// (main/Kconfig.projbuild); the logic itself is the same file roost-ledctrl runs on Linux.

#include <algorithm>
#include <cstdint>
#include <cstring>

#include "driver/gpio.h"
#include "esp_event.h"
#include "esp_log.h"
#include "esp_netif.h"
#include "esp_wifi.h"
#include "freertos/FreeRTOS.h"
#include "freertos/event_groups.h"
#include "ledctrl_app.hpp"
#include "nvs_flash.h"
#include "roost/sdk/driver.hpp"
#include "roost/sdk/esp_idf.hpp"
#include "roost/sdk/mqtt_client.hpp"
#include "sdkconfig.h"

namespace {

using namespace roost;

const char* const tag = "ledctrl";
const EventBits_t got_ip_bit = BIT0;
EventGroupHandle_t wifi_events = nullptr;

// The LED on a GPIO, lit at the configured level.
class gpio_led final : public ledctrl::led_port {
 public:
  gpio_led(int pin, int active_level)
      : _pin(static_cast<gpio_num_t>(pin)), _active(active_level) {}

  void init() {
    gpio_reset_pin(_pin);
    gpio_set_direction(_pin, GPIO_MODE_OUTPUT);
    set(false);
  }

  void set(bool on) override { gpio_set_level(_pin, on ? _active : 1 - _active); }

 private:
  gpio_num_t _pin;
  int _active;
};

// The client, its memory and the application, wired: the client's events go to the app.
struct device final : sdk::event_handler {
  device(const sdk::client_config& config, sdk::client_memory memory, ledctrl::led_port& led,
         const ledctrl::settings& s)
      : client(config, memory, *this), app(client, led, s) {}

  void on_event(sdk::mqtt_client&, const sdk::event& e) override {
    if (e.id == sdk::event_id::connected) ESP_LOGI(tag, "connected to the cloud");
    if (e.id == sdk::event_id::disconnected) {
      ESP_LOGW(tag, "disconnected (%s)", sdk::to_string(e.error));
    }
    app.on_event(e);
  }

  sdk::mqtt_client client;
  ledctrl::app app;
};

sdk::client_config cloud_config() {
  sdk::client_config c;
  c.host = CONFIG_ROOST_CLOUD_HOST;
  c.port = CONFIG_ROOST_CLOUD_PORT;
  c.client_id = CONFIG_ROOST_PRIVATE_KEY;
  c.keep_alive_s = CONFIG_ROOST_KEEP_ALIVE_S;
  return c;
}

ledctrl::settings app_settings() {
  ledctrl::settings s;
  s.command_topic = CONFIG_ROOST_TOPIC_COMMAND;
  s.state_topic = CONFIG_ROOST_TOPIC_STATE;
  s.beat_topic = CONFIG_ROOST_TOPIC_BEAT;
  s.counter_topic = CONFIG_ROOST_TOPIC_COUNTER;
  s.period_ms = CONFIG_ROOST_PERIOD_MS;
  return s;
}

// Everything lives for ever (the task never ends), so it is static.
std::uint8_t tx_buffer[CONFIG_ROOST_MQTT_PACKET_SIZE];
std::uint8_t rx_buffer[CONFIG_ROOST_MQTT_PACKET_SIZE];
std::uint8_t store_buffer[CONFIG_ROOST_MQTT_STORE_SIZE];
std::uint8_t read_buffer[CONFIG_ROOST_MQTT_PACKET_SIZE];

const sdk::client_config config = cloud_config();
const ledctrl::settings settings = app_settings();
gpio_led led{CONFIG_ROOST_LED_GPIO, CONFIG_ROOST_LED_ACTIVE_LEVEL};
device dev{config, {tx_buffer, rx_buffer, store_buffer}, led, settings};
sdk::esp_idf_clock device_clock;
sdk::esp_idf_transport transport;
sdk::driver device_driver{dev.client, transport, device_clock, read_buffer};

// Runs on the device task before each driver step: the app's beat, and how long the driver may
// wait for bytes before the next beat is due.
std::uint32_t step(void*) {
  dev.app.tick(device_clock.now_ms());
  return dev.app.wait_ms(device_clock.now_ms(), CONFIG_ROOST_PERIOD_MS);
}

sdk::driver_task device_task{device_driver, step};

void init_nvs() {
  esp_err_t err = nvs_flash_init();
  if (err == ESP_ERR_NVS_NO_FREE_PAGES || err == ESP_ERR_NVS_NEW_VERSION_FOUND) {
    ESP_ERROR_CHECK(nvs_flash_erase());
    err = nvs_flash_init();
  }
  ESP_ERROR_CHECK(err);
}

// Station events: connect at start and again after every disconnection (access point restarted,
// signal lost); the got-IP bit tells app_main that the network is up.
void on_network_event(void*, esp_event_base_t base, std::int32_t id, void*) {
  if (base == WIFI_EVENT && id == WIFI_EVENT_STA_START) {
    esp_wifi_connect();
  } else if (base == WIFI_EVENT && id == WIFI_EVENT_STA_DISCONNECTED) {
    xEventGroupClearBits(wifi_events, got_ip_bit);
    ESP_LOGW(tag, "Wi-Fi lost, joining again");
    esp_wifi_connect();
  } else if (base == IP_EVENT && id == IP_EVENT_STA_GOT_IP) {
    xEventGroupSetBits(wifi_events, got_ip_bit);
  }
}

// Copies a configured string into a fixed Wi-Fi field (SSIDs of exactly 32 bytes carry no NUL).
template <std::size_t N>
void copy_field(std::uint8_t (&field)[N], const char* text) {
  std::memcpy(field, text, std::min(N, std::strlen(text)));
}

void start_wifi() {
  wifi_events = xEventGroupCreate();
  ESP_ERROR_CHECK(esp_netif_init());
  ESP_ERROR_CHECK(esp_event_loop_create_default());
  esp_netif_create_default_wifi_sta();
  wifi_init_config_t init = WIFI_INIT_CONFIG_DEFAULT();
  ESP_ERROR_CHECK(esp_wifi_init(&init));
  ESP_ERROR_CHECK(esp_event_handler_instance_register(WIFI_EVENT, ESP_EVENT_ANY_ID,
                                                      &on_network_event, nullptr, nullptr));
  ESP_ERROR_CHECK(esp_event_handler_instance_register(IP_EVENT, IP_EVENT_STA_GOT_IP,
                                                      &on_network_event, nullptr, nullptr));
  wifi_config_t wifi{};
  copy_field(wifi.sta.ssid, CONFIG_ROOST_WIFI_SSID);
  copy_field(wifi.sta.password, CONFIG_ROOST_WIFI_PASSWORD);
  ESP_ERROR_CHECK(esp_wifi_set_mode(WIFI_MODE_STA));
  ESP_ERROR_CHECK(esp_wifi_set_config(WIFI_IF_STA, &wifi));
  ESP_ERROR_CHECK(esp_wifi_start());
}

}  // namespace

extern "C" void app_main(void) {
  init_nvs();
  led.init();
  start_wifi();
  ESP_LOGI(tag, "joining Wi-Fi '%s'", CONFIG_ROOST_WIFI_SSID);
  xEventGroupWaitBits(wifi_events, got_ip_bit, pdFALSE, pdTRUE, portMAX_DELAY);
  ESP_LOGI(tag, "network up; cloud %s:%d", CONFIG_ROOST_CLOUD_HOST, CONFIG_ROOST_CLOUD_PORT);

  // Later Wi-Fi drops need nothing here: the client reconnects with backoff once lwIP has a
  // route again, subscribes again, and the app reports its state again.
  dev.app.start(device_clock.now_ms());
  dev.client.start(device_clock.now_ms());
  sdk::task_options options;
  options.name = "ledctrl";
  options.stack_bytes = CONFIG_ROOST_TASK_STACK_SIZE;
  options.priority = CONFIG_ROOST_TASK_PRIORITY;
  if (!device_task.start(options)) ESP_LOGE(tag, "could not create the device task");
}
