// progress_line: one line per second.

#include "progress.hpp"

#include <unistd.h>

#include <cstdio>

#include "clock.hpp"

namespace roost::bench {

progress_line::progress_line(bool enabled) : _enabled(enabled), _tty(isatty(STDERR_FILENO) == 1) {}

void progress_line::update(const progress_sample& s, std::int64_t now, bool force) {
  if (!_enabled) return;
  if (_last_ns == 0) _last_ns = now;
  if (!force && now - _last_ns < ns_per_s) return;
  const double dt = static_cast<double>(now - _last_ns) / 1e9;
  const double rate = dt > 0 ? static_cast<double>(s.received - _last_received) / dt : 0;
  _last_ns = now;
  _last_received = s.received;
  std::fprintf(stderr, "%s%-8s %6.1fs  sent %llu  received %llu  %.0f/s  connected %llu%s", _tty ? "\r" : "",
               s.phase, s.elapsed_s, static_cast<unsigned long long>(s.sent),
               static_cast<unsigned long long>(s.received), rate, static_cast<unsigned long long>(s.connected),
               _tty ? "\033[K" : "\n");
  std::fflush(stderr);
  _open = _tty;
}

void progress_line::finish() {
  if (_open) std::fputc('\n', stderr);
  _open = false;
}

}  // namespace roost::bench
