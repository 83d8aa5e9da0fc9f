#pragma once
// fleet_stats: the counters of a running fleet (updated from the fleet's threads) and the status
// and summary lines made from them.

#include <atomic>
#include <cstdint>
#include <string>

namespace roost::tools::sim {

// A copy of the counters at one moment.
struct stats_snapshot {
  std::uint64_t devices = 0;          // devices in the fleet
  std::uint64_t connected = 0;        // devices connected now
  std::uint64_t ever_connected = 0;   // devices that connected at least once
  std::uint64_t messages_in = 0;      // messages delivered to devices
  std::uint64_t messages_out = 0;     // messages the devices published
  std::uint64_t reconnects = 0;       // connections after a device's first
  std::uint64_t failed_connects = 0;  // attempts that failed: refused, unreachable, timed out, rejected
  double elapsed_s = 0;               // since the fleet started
  double all_connected_s = -1;        // when every device was first connected at once; -1: not yet
};

// The counters. Devices update them from any thread; relaxed atomics, as they are only reported.
class fleet_stats {
 public:
  explicit fleet_stats(std::uint64_t devices) : _devices(devices) {}

  // A device's connection was accepted at `now_ms` (ms since the fleet started); `first` when it is
  // the device's first. The first time all devices are connected at once is remembered.
  void connected(bool first, std::uint64_t now_ms);
  // A connected device lost its connection.
  void disconnected() { _connected.fetch_sub(1, std::memory_order_relaxed); }
  void message_in() { _in.fetch_add(1, std::memory_order_relaxed); }
  // `n` messages (default one) were published.
  void message_out(std::uint64_t n = 1) { _out.fetch_add(n, std::memory_order_relaxed); }
  void failed_connect() { _failed.fetch_add(1, std::memory_order_relaxed); }

  // The counters now; `elapsed_s` is filled in by the caller's clock.
  stats_snapshot snapshot(double elapsed_s) const;

 private:
  std::uint64_t _devices;
  std::atomic<std::uint64_t> _connected{0}, _ever{0}, _in{0}, _out{0}, _reconnects{0}, _failed{0};
  std::atomic<std::int64_t> _all_connected_ms{-1};
};

// The live status line: `12.0 s  connected 998/1000  in 35  out 2040  reconnects 0  failed 0`.
std::string status_line(const stats_snapshot& s);

// The final line: the status plus how long it took until all devices were connected, and the
// average connect rate over that time (or that not all of them ever were).
std::string summary_line(const stats_snapshot& s);

}  // namespace roost::tools::sim
