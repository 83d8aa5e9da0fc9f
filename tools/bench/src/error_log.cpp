// error_log: count every error, print the first few.

#include <cstdio>

#include "run_state.hpp"

namespace roost::bench {

void error_log::add(const std::string& what) {
  const std::uint64_t n = _count.fetch_add(1, std::memory_order_relaxed);
  if (n >= printed_at_most) return;
  std::lock_guard lock{_print};
  std::fprintf(stderr, "roost bench: error: %s\n", what.c_str());
  if (n + 1 == printed_at_most) std::fprintf(stderr, "roost bench: (further errors are only counted)\n");
}

}  // namespace roost::bench
