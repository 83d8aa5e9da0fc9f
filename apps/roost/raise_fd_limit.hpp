#pragma once
// The open-file limit bounds how many connections one process can hold (one descriptor each).

#include <cstddef>

namespace roost::app {

// Raises the soft RLIMIT_NOFILE to the hard limit, logs the limit in force and warns when it
// leaves room for fewer connections than `max_connections` asks for (0: no limit; then warns
// when fewer than 10,000 fit). Never fails: a limit that cannot be raised is only reported.
void raise_fd_limit(std::size_t max_connections);

}  // namespace roost::app
