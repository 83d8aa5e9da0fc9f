// esp_idf_clock: esp_timer for time, the hardware RNG for jitter, FreeRTOS for waiting.

#include "esp_random.h"
#include "esp_timer.h"
#include "freertos/FreeRTOS.h"
#include "freertos/task.h"
#include "roost/sdk/esp_idf.hpp"

namespace roost::sdk {

millis esp_idf_clock::now_ms() { return static_cast<millis>(esp_timer_get_time() / 1000); }

std::uint32_t esp_idf_clock::random32() { return esp_random(); }

void esp_idf_clock::sleep_ms(std::uint32_t ms) {
  const TickType_t ticks = pdMS_TO_TICKS(ms);
  vTaskDelay(ticks > 0 ? ticks : 1);
}

}  // namespace roost::sdk
