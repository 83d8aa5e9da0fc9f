#include "roost/tools/sim/fleet_stats.hpp"

#include <cstdio>

namespace roost::tools::sim {

void fleet_stats::connected(bool first, std::uint64_t now_ms) {
  if (_connected.fetch_add(1, std::memory_order_relaxed) + 1 == _devices) {
    std::int64_t never = -1;
    _all_connected_ms.compare_exchange_strong(never, static_cast<std::int64_t>(now_ms), std::memory_order_relaxed);
  }
  if (first)
    _ever.fetch_add(1, std::memory_order_relaxed);
  else
    _reconnects.fetch_add(1, std::memory_order_relaxed);
}

stats_snapshot fleet_stats::snapshot(double elapsed_s) const {
  stats_snapshot s;
  s.devices = _devices;
  s.connected = _connected.load(std::memory_order_relaxed);
  s.ever_connected = _ever.load(std::memory_order_relaxed);
  s.messages_in = _in.load(std::memory_order_relaxed);
  s.messages_out = _out.load(std::memory_order_relaxed);
  s.reconnects = _reconnects.load(std::memory_order_relaxed);
  s.failed_connects = _failed.load(std::memory_order_relaxed);
  s.elapsed_s = elapsed_s;
  const std::int64_t all_ms = _all_connected_ms.load(std::memory_order_relaxed);
  s.all_connected_s = all_ms < 0 ? -1.0 : static_cast<double>(all_ms) / 1000.0;
  return s;
}

std::string status_line(const stats_snapshot& s) {
  char buf[256];
  std::snprintf(buf, sizeof buf, "%.1f s  connected %llu/%llu  in %llu  out %llu  reconnects %llu  failed %llu",
                s.elapsed_s, static_cast<unsigned long long>(s.connected),
                static_cast<unsigned long long>(s.devices), static_cast<unsigned long long>(s.messages_in),
                static_cast<unsigned long long>(s.messages_out), static_cast<unsigned long long>(s.reconnects),
                static_cast<unsigned long long>(s.failed_connects));
  return buf;
}

std::string summary_line(const stats_snapshot& s) {
  std::string line = "done: " + status_line(s);
  char buf[160];
  if (s.all_connected_s >= 0) {
    const double rate = s.all_connected_s > 0 ? static_cast<double>(s.devices) / s.all_connected_s : 0;
    std::snprintf(buf, sizeof buf, "; all %llu connected after %.2f s (%.0f/s)",
                  static_cast<unsigned long long>(s.devices), s.all_connected_s, rate);
  } else {
    std::snprintf(buf, sizeof buf, "; %llu of %llu ever connected", static_cast<unsigned long long>(s.ever_connected),
                  static_cast<unsigned long long>(s.devices));
  }
  return line + buf;
}

}  // namespace roost::tools::sim
