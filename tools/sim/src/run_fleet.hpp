#pragma once
// run_fleet: runs the devices of `roost sim` until --duration or SIGINT/SIGTERM.

#include "fleet_options.hpp"

namespace roost::tools::sim {

// Exit statuses of a run (docs/simulator.md).
inline constexpr int exit_ok = 0;             // ran until --duration or a signal
inline constexpr int exit_cannot_start = 1;   // the server's name does not resolve, no threads, ...
inline constexpr int exit_never_connected = 3;// not one device was ever connected

// Runs the fleet `options` describes (already checked); prints the status line and the summary
// on stderr; returns one of the exit statuses above.
int run_fleet(const fleet_options& options);

}  // namespace roost::tools::sim
