// driver_task: one FreeRTOS task that runs the application's step and the SDK driver forever.

#include "freertos/FreeRTOS.h"
#include "freertos/task.h"
#include "roost/sdk/esp_idf.hpp"

namespace roost::sdk {
namespace {

// A step that returns within the same tick is normal while data flows; this many in a row means
// nothing blocks (a wait of 0 over and over), and the task sleeps one tick so the idle task (and
// its watchdog) runs.
constexpr unsigned busy_steps_before_yield = 100;

}  // namespace

driver_task::driver_task(driver& d, task_step step, void* context)
    : _driver(d), _step(step), _context(context) {}

bool driver_task::start(const task_options& options) {
  _options = options;
  return xTaskCreate(&driver_task::run, _options.name, _options.stack_bytes, this,
                     static_cast<UBaseType_t>(_options.priority), nullptr) == pdPASS;
}

void driver_task::run(void* self) { static_cast<driver_task*>(self)->loop(); }

void driver_task::loop() {
  unsigned busy_steps = 0;
  for (;;) {
    const TickType_t before = xTaskGetTickCount();
    const std::uint32_t wait = _step != nullptr ? _step(_context) : _options.max_wait_ms;
    _driver.run_once(wait);
    busy_steps = xTaskGetTickCount() == before ? busy_steps + 1 : 0;
    if (busy_steps >= busy_steps_before_yield) {
      vTaskDelay(1);
      busy_steps = 0;
    }
  }
}

}  // namespace roost::sdk
