#pragma once
// The ESP-IDF port (ESP32 family, ESP-IDF 5.0 or later): a TCP transport over lwIP's BSD sockets,
// a clock on esp_timer and the hardware RNG, and a FreeRTOS task that runs a driver loop.
//
//   static roost::sdk::esp_idf_transport transport;
//   static roost::sdk::esp_idf_clock clock;
//   static roost::sdk::driver driver{client, transport, clock, scratch};
//   static roost::sdk::driver_task task{driver, step, &app};   // step: tick the app, say how long
//   task.start({.name = "roost", .stack_bytes = 6144});        // the driver may wait
//
// Nothing here includes an ESP-IDF header, so portable code may include this file. Objects given
// to a task must live as long as the task (which is forever): make them static.

#include <cstdint>
#include <span>

#include "roost/sdk/driver.hpp"
#include "roost/sdk/port.hpp"

namespace roost::sdk {

// A TCP stream on lwIP: getaddrinfo (IPv4 or IPv6, whatever the resolver returns), a non-blocking
// connect bounded by select(), TCP_NODELAY, send/recv with MSG_DONTWAIT, reads bounded by select().
// Name resolution itself is lwIP's DNS and is bounded by lwIP's DNS timeouts, not by timeout_ms.
// Not thread-safe: one task uses it.
class esp_idf_transport final : public transport_port {
 public:
  esp_idf_transport() = default;
  ~esp_idf_transport() override;
  esp_idf_transport(const esp_idf_transport&) = delete;
  esp_idf_transport& operator=(const esp_idf_transport&) = delete;

  // Tries each address getaddrinfo returns, each connect waiting at most timeout_ms. 0 or io_failed.
  int open(const char* host, std::uint16_t port, std::uint32_t timeout_ms) override;
  // send(MSG_DONTWAIT): the count taken, 0 when lwIP's send buffer is full, io_closed, io_failed.
  int write(std::span<const std::uint8_t> data) override;
  // select() for at most timeout_ms, then recv(MSG_DONTWAIT): the count, 0, io_closed, io_failed.
  int read(std::span<std::uint8_t> data, std::uint32_t timeout_ms) override;
  void close() override;

 private:
  int _fd = -1;
};

// esp_timer_get_time() / 1000 (microseconds since boot, 64 bits: never wraps in practice);
// random32() is esp_random() (true random once Wi-Fi or Bluetooth runs); sleep_ms is vTaskDelay.
class esp_idf_clock final : public clock_port {
 public:
  millis now_ms() override;
  std::uint32_t random32() override;
  // vTaskDelay for ms rounded up to whole ticks, so the calling task always yields.
  void sleep_ms(std::uint32_t ms) override;
};

struct task_options {
  const char* name = "roost";         // FreeRTOS task name (configMAX_TASK_NAME_LEN, 16 by default)
  std::uint32_t stack_bytes = 6144;   // ESP-IDF counts task stacks in bytes, not words
  unsigned priority = 5;              // above the idle task (0), below lwIP's tcpip task (18)
  std::uint32_t max_wait_ms = 1000;   // the driver's wait per step when there is no step function
};

// Before each driver step the task calls step(context), which does the application's periodic
// work and returns the longest the driver may wait (in ms) before the next step.
using task_step = std::uint32_t (*)(void* context);

// A FreeRTOS task that runs `step` and driver.run_once() forever. Both run on that task only, so
// the session, its handler and the application need no locks as long as no other task calls them.
class driver_task {
 public:
  // Keeps a reference to `d`; `step` may be null (then the task only drives the session).
  driver_task(driver& d, task_step step = nullptr, void* context = nullptr);
  driver_task(const driver_task&) = delete;
  driver_task& operator=(const driver_task&) = delete;

  // xTaskCreate with the options; false when FreeRTOS could not allocate the task. Call once.
  bool start(const task_options& options);

 private:
  static void run(void* self);
  void loop();

  driver& _driver;
  task_step _step;
  void* _context;
  task_options _options;
};

}  // namespace roost::sdk
