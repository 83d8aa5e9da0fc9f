#pragma once
// Logs go to stderr through spdlog's default logger, which every module logs to.

#include "serve_config.hpp"

namespace roost::app {

// Makes the default logger write to stderr at `level` and above.
void setup_logging(log_level level);

}  // namespace roost::app
