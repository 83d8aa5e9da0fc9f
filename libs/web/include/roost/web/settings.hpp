#pragma once
// The web application's settings (the `[http]` table of the configuration; docs/configuration.md).

#include <cstddef>
#include <string>

namespace roost::web {

struct settings {
  // Time zone of the compatible API's `time` strings, in minutes east of UTC (Beijing: +480).
  int utc_offset_minutes = 480;
  // Per private key (or, without one, per client address): a token bucket of `rate_burst`
  // requests refilled at `rate_per_second`; 0 turns the limit off. Beyond it: code 40007.
  double rate_per_second = 20;
  double rate_burst = 40;
  // Largest request body accepted by the API (firmware uploads have their own limit).
  std::size_t max_body_bytes = 64 * 1024;
  // Largest firmware file accepted for OTA.
  std::size_t max_firmware_bytes = 16 * 1024 * 1024;
  // The operator's key for the tenant pages and `/api/v1/admin/...`; empty: no operator access.
  std::string admin_key;
};

}  // namespace roost::web
