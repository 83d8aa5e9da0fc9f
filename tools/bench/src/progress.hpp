#pragma once
// progress: the once-a-second status line on stderr (`\r`-updated on a terminal).

#include <cstdint>
#include <string>

namespace roost::bench {

struct progress_sample {
  const char* phase = "";
  double elapsed_s = 0;
  std::uint64_t sent = 0;
  std::uint64_t received = 0;
  std::uint64_t connected = 0;
};

class progress_line {
 public:
  explicit progress_line(bool enabled);
  // Prints the line when a second has passed since the last one (or `force`).
  void update(const progress_sample& s, std::int64_t now_ns, bool force = false);
  // Ends a `\r` line with a newline.
  void finish();

 private:
  bool _enabled;
  bool _tty;
  bool _open = false;
  std::int64_t _last_ns = 0;
  std::uint64_t _last_received = 0;
};

}  // namespace roost::bench
