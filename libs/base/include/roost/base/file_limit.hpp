#pragma once
// The process's limit on open files, which bounds how many sockets one process can hold.

#include <sys/resource.h>

#include <cerrno>
#include <cstdint>

namespace roost {

// What raise_file_limit() found and did. Limits are UINT64_MAX when unlimited.
struct file_limit {
  std::uint64_t before = 0;  // the soft limit found
  std::uint64_t now = 0;     // the soft limit in force afterwards; 0 when it could not be read
  std::uint64_t hard = 0;    // the hard limit
  int error = 0;             // errno of a failed getrlimit or setrlimit; 0 when none failed
};

// Raises the soft RLIMIT_NOFILE to the hard limit. Never fails: a limit that cannot be read or
// raised is reported in `error` and left as it was.
inline file_limit raise_file_limit() {
  const auto value = [](rlim_t v) { return v == RLIM_INFINITY ? UINT64_MAX : static_cast<std::uint64_t>(v); };
  rlimit lim{};
  if (getrlimit(RLIMIT_NOFILE, &lim) != 0) return {0, 0, 0, errno};
  file_limit out{value(lim.rlim_cur), value(lim.rlim_cur), value(lim.rlim_max), 0};
  if (lim.rlim_cur != lim.rlim_max) {
    rlimit raised = lim;
    raised.rlim_cur = lim.rlim_max;
    if (setrlimit(RLIMIT_NOFILE, &raised) == 0) {
      out.now = out.hard;
    } else {
      out.error = errno;
    }
  }
  return out;
}

}  // namespace roost
