#pragma once
// file_limit: the process's limit on open files, which bounds the fleet's size.

#include <cstdint>

namespace roost::tools::sim {

// Raises the soft RLIMIT_NOFILE to the hard limit; returns the soft limit now in force.
std::uint64_t raise_file_limit();

}  // namespace roost::tools::sim
