#pragma once
// The resident memory of this process, for benchmarks that report what a data structure costs.

#include <cstddef>

namespace roost::bench {

// Resident set size of the calling process in bytes (from /proc/self/statm), after handing freed
// heap memory back to the kernel (malloc_trim) so that a before/after difference counts what is
// live. Returns 0 when /proc cannot be read.
std::size_t resident_bytes();

}  // namespace roost::bench
