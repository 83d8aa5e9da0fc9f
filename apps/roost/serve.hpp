#pragma once
// Running the broker with a finished configuration: logging, data directory, authenticator,
// engine and server, until SIGINT or SIGTERM.

#include "serve_config.hpp"

namespace roost::app {

// Returns the process exit code: 0 after a graceful shutdown, 1 when the broker could not start
// (data directory, password file, a listener that cannot bind); the reason is logged.
int run_serve(const serve_config& config);

}  // namespace roost::app
